import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { graphRequest, type GraphCall } from '../shared/graph';
import { graphErrorInfo } from '../shared/graphErrors';
import { instagramAccountId, instagramRequest } from '../shared/instagramGraph';
import { failureOf, factsOf } from '../shared/transport';
import { INSTAGRAM_LOGIN_CREDENTIAL, usesInstagramLogin } from './instagramLogin';
import { appFields, instagramAccountFields, pageFields } from './subscriptionFields';
import type { EventType, WebhookObject } from './webhook/events';

/**
 * The account Auto Subscribe subscribes to the app: a Facebook Page (its `subscribed_apps` edge
 * on graph.facebook.com, Facebook Page credential) or, on the Instagram Login route, the
 * Instagram professional account (its `subscribed_apps` edge on graph.instagram.com, Instagram
 * Login credential).
 */
type Account = 'page' | 'instagram';

/** What create() changed, kept in the node's static data so that delete() undoes exactly that. */
interface SubscriptionRecord {
	object: WebhookObject;
	/** The app-level subscription of the object did not exist before. */
	appCreated: boolean;
	/** Fields added to an app-level subscription that already had our callback URL. */
	appFieldsAdded: string[];
	/** The account subscribed; absent (records of earlier versions) = the Page. */
	account?: Account;
	/** The account's `subscribed_apps` edge (the name is older than the Instagram account). */
	pagePath: string;
	/** The app's account subscription before create(): null = the app was not subscribed. */
	pageFieldsBefore: string[] | null;
}

interface Plan {
	object: WebhookObject;
	callbackUrl: string;
	verifyToken: string;
	appFields: string[];
	account: Account;
	/** Fields for the account's `subscribed_apps` edge. */
	accountFields: string[];
	appId: string;
}

/** The account's `subscribed_apps` edge and the ids our app has in its answers. */
interface AccountEdge {
	path: string;
	appIds: string[];
}

const STATIC_KEY = 'autoSubscribe';

/**
 * One call of Auto Subscribe: the app's subscriptions with the app token (app id|app secret) and
 * the Page's with the Page token through the package's Graph transport; the Instagram account's
 * with the Instagram user token through the Instagram Login transport. No retries: activation
 * fails at once with Meta's message and next step, and n8n lets the user activate again (a wait
 * for Meta's throttling would hold the activation).
 * @see https://developers.facebook.com/docs/graph-api/webhooks/subscriptions-edge/
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
async function subscriptionCall(
	this: IHookFunctions,
	credential: 'app' | Account,
	call: Pick<GraphCall, 'method' | 'path' | 'qs' | 'body'>,
): Promise<IDataObject> {
	if (credential === 'instagram')
		return await instagramRequest.call(this, {
			...call,
			kind: call.method === 'GET' ? 'read' : 'write',
			retries: 0,
		});
	return await graphRequest.call(this, {
		...call,
		...(credential === 'app'
			? { credential: 'facebookAppApi', token: 'app' }
			: { credential: 'facebookPageApi' }),
		kind: call.method === 'GET' ? 'read' : 'write',
		retries: 0,
	});
}

/**
 * Graph's code when its verification request to the callback URL failed: nothing answered the
 * URL, or it answered without the challenge.
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#configure-webhooks-product
 */
export const CALLBACK_VERIFICATION_FAILED = 2200;

/**
 * Waits before subscribing again while Meta cannot verify the callback URL: in queue mode the
 * main process activates the workflow, and Meta's verification request goes through the balancer
 * to the webhook processes, which may still be starting. 1 + 2 + 4 + 8 = 15 s in all, so that one
 * activation attempt stays short: n8n itself tries an activation up to 5 times (waiting 1, 2, 4,
 * 8 s in between) and, at startup, queues a failed activation to be tried again later.
 */
export const VERIFICATION_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000];

/**
 * Whether a failed verification may pass when tried again: nothing answered the URL yet (no
 * connection, a timeout, 404, or the balancer's 5xx while the webhook processes start). An answer
 * that refuses the verify token (403) or returns another challenge is a setting to fix: it fails
 * at once.
 */
export function verificationMayPass(message: string): boolean {
	if (/does not match challenge/i.test(message)) return false;
	const status = /HTTP Status Code = (\d{3})/.exec(message)?.[1];
	return !status || !status.startsWith('4') || ['404', '408', '429'].includes(status);
}

/**
 * Subscribes the app to the object. While Meta reports a failed callback verification, tries
 * again after each of VERIFICATION_RETRY_DELAYS_MS, then fails saying what to check. Any other
 * failure is reported at once. A failed subscribe changes nothing at Meta.
 */
async function subscribeApp(this: IHookFunctions, p: Plan, fields: string): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		const failure = await subscriptionCall
			.call(this, 'app', {
				method: 'POST',
				path: `/${p.appId}/subscriptions`,
				body: {
					object: p.object,
					callback_url: p.callbackUrl,
					verify_token: p.verifyToken,
					fields,
				},
			})
			.then(
				() => undefined,
				(error: Error) => error,
			);
		if (!failure) return;
		// Meta's own words (n8n may have replaced the error's message with a generic one).
		const wire = failureOf(failure);
		const said = wire ? graphErrorInfo(wire).message : failure.message;
		if (factsOf(failure).code !== CALLBACK_VERIFICATION_FAILED || !verificationMayPass(said))
			throw failure;
		const delay = VERIFICATION_RETRY_DELAYS_MS[attempt];
		if (delay === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Meta could not verify the callback URL ${p.callbackUrl}`,
				{
					description: `Meta checks the URL with a GET when Auto Subscribe subscribes the app, and nothing answered it with the challenge in ${attempt + 1} tries over ${VERIFICATION_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) / 1000} s (${said}). With n8n in queue mode: start the webhook processes (n8n webhook) and make the load balancer route /webhook/ to them, then activate the workflow again; at startup, start them before or with the main process. Check that this URL is reachable from the internet and that the Verify Token matches.`,
				},
			);
		}
		this.logger.info(
			`Messenger Trigger: Meta could not verify the callback URL yet (no webhook process answered?); subscribing again in ${delay / 1000} s`,
		);
		await sleep(delay);
	}
}

/** Whether the trigger subscribes the app and the Page itself (option Auto Subscribe). */
export function autoSubscribeEnabled(this: IHookFunctions): boolean {
	return this.getNodeParameter('options.autoSubscribe', false) as boolean;
}

async function appIdOf(this: IHookFunctions): Promise<string> {
	const credentials = await this.getCredentials('facebookAppApi');
	return String(credentials.appId ?? '').trim();
}

async function plan(this: IHookFunctions): Promise<Plan> {
	const object = this.getNodeParameter('object', 'page') as WebhookObject;
	const verifyToken = String(this.getNodeParameter('verifyToken', ''));
	const options = {
		events: this.getNodeParameter('events', []) as EventType[],
		includeEchoes: this.getNodeParameter('options.includeEchoes', false) as boolean,
		includeStandby: this.getNodeParameter('options.includeStandby', false) as boolean,
	};
	const callbackUrl = this.getNodeWebhookUrl('default');
	if (!verifyToken) {
		throw new NodeOperationError(this.getNode(), 'Verify Token is empty', {
			description:
				'Auto Subscribe sends the Verify Token to Meta, which then checks this webhook with it. Enter one.',
		});
	}
	if (!callbackUrl)
		throw new NodeOperationError(
			this.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	const account: Account = usesInstagramLogin(this) ? 'instagram' : 'page';
	const fields = {
		app: appFields(object, options),
		account:
			account === 'instagram' ? instagramAccountFields(options) : pageFields(object, options),
	};
	if (!fields.app.length) {
		throw new NodeOperationError(
			this.getNode(),
			'None of the selected events has a webhook field to subscribe to',
			{
				description: 'Select at least one event type such as Message, or turn off Auto Subscribe.',
			},
		);
	}
	const appId = await appIdOf.call(this);
	if (!/^\d+$/.test(appId)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Facebook App credential has no valid App ID',
			{
				description:
					'Enter the numeric App ID from App settings → Basic in the Meta App Dashboard.',
			},
		);
	}
	return {
		object,
		callbackUrl,
		verifyToken,
		appFields: fields.app,
		account,
		accountFields: fields.account,
		appId,
	};
}

/**
 * The account's `subscribed_apps` edge: the Page of the Facebook Page credential, or the
 * Instagram account of the Instagram Login credential (its account ID, or `me`).
 */
async function accountEdge(
	this: IHookFunctions,
	account: Account,
	appId: string,
): Promise<AccountEdge> {
	if (account === 'instagram') {
		let credentials;
		try {
			credentials = await this.getCredentials(INSTAGRAM_LOGIN_CREDENTIAL);
		} catch (error) {
			throw new NodeOperationError(
				this.getNode(),
				'Auto Subscribe needs the Instagram Login credential',
				{
					description: `Auto Subscribe subscribed the Instagram account with the Instagram Login credential: select it on this trigger (Object: Instagram), or turn off Auto Subscribe. (${(error as Error).message})`,
				},
			);
		}
		const accountId = instagramAccountId(credentials);
		// Our app may be listed under the Instagram app ID or the Meta app's ID.
		const instagramAppId = String(credentials.appId ?? '').trim();
		return {
			path: `/${encodeURIComponent(accountId)}/subscribed_apps`,
			appIds: [appId, ...(instagramAppId ? [instagramAppId] : [])],
		};
	}
	let credentials;
	try {
		credentials = await this.getCredentials('facebookPageApi');
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			'Auto Subscribe needs a Facebook Page credential',
			{
				description: `Select a Facebook Page credential on this trigger (its Page is subscribed to the app), or turn off Auto Subscribe. (${(error as Error).message})`,
			},
		);
	}
	const pageId = String(credentials.pageId ?? '').trim() || 'me';
	return { path: `/${encodeURIComponent(pageId)}/subscribed_apps`, appIds: [appId] };
}

const fieldNames = (subscription: IDataObject | undefined): string[] =>
	((subscription?.fields as IDataObject[] | undefined) ?? []).map((f) =>
		String(typeof f === 'string' ? f : f.name),
	);

async function appSubscription(this: IHookFunctions, p: Plan): Promise<IDataObject | undefined> {
	const answer = await subscriptionCall.call(this, 'app', {
		method: 'GET',
		path: `/${p.appId}/subscriptions`,
	});
	return ((answer.data as IDataObject[] | undefined) ?? []).find((s) => s.object === p.object);
}

/** Meta keeps one callback URL per object and app: never take it over silently. */
function assertNoConflict(this: IHookFunctions, p: Plan, existing: IDataObject | undefined): void {
	if (!existing || existing.callback_url === p.callbackUrl) return;
	throw new NodeOperationError(
		this.getNode(),
		`The Facebook app is already subscribed to "${p.object}" webhooks with another callback URL`,
		{
			description: `Meta allows one callback URL per object and app. It currently sends to ${String(existing.callback_url)}; this trigger listens on ${p.callbackUrl}. Deactivate the workflow that owns that subscription or remove it in the App Dashboard (Webhooks), then activate this one again — or turn off Auto Subscribe and configure webhooks yourself.`,
		},
	);
}

/** The fields our app has on the account: null = the app is not subscribed to it. */
async function accountSubscription(
	this: IHookFunctions,
	account: Account,
	edge: AccountEdge,
): Promise<string[] | null> {
	const answer = await subscriptionCall.call(this, account, { method: 'GET', path: edge.path });
	const mine = ((answer.data as IDataObject[] | undefined) ?? []).find((a) =>
		edge.appIds.includes(String(a.id)),
	);
	return mine ? ((mine.subscribed_fields as string[] | undefined) ?? []) : null;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();

/** True when the app and the account are already subscribed with our URL and every field we need. */
export async function subscriptionsExist(this: IHookFunctions): Promise<boolean> {
	const p = await plan.call(this);
	const existing = await appSubscription.call(this, p);
	assertNoConflict.call(this, p, existing);
	if (!existing || existing.active === false) return false;
	const have = new Set(fieldNames(existing));
	if (!p.appFields.every((f) => have.has(f))) return false;
	const edge = await accountEdge.call(this, p.account, p.appId);
	const accountHas = await accountSubscription.call(this, p.account, edge);
	return accountHas !== null && p.accountFields.every((f) => accountHas.includes(f));
}

/**
 * Subscribes the app to the object (Meta verifies the callback with a GET during this call, so
 * the webhook must already answer), then the account (Page or Instagram account) to the app.
 * When the account step fails the app step is undone before the error is reported.
 */
export async function createSubscriptions(this: IHookFunctions): Promise<void> {
	const p = await plan.call(this);
	const edge = await accountEdge.call(this, p.account, p.appId);
	const existing = await appSubscription.call(this, p);
	assertNoConflict.call(this, p, existing);
	const appBefore = existing ? fieldNames(existing) : null;
	await subscribeApp.call(this, p, union(appBefore ?? [], p.appFields).join(','));
	const record: SubscriptionRecord = {
		object: p.object,
		appCreated: appBefore === null,
		appFieldsAdded: appBefore === null ? [] : p.appFields.filter((f) => !appBefore.includes(f)),
		...(p.account === 'instagram' ? { account: p.account } : {}),
		pagePath: edge.path,
		pageFieldsBefore: null,
	};
	const pageFailure = await (async () => {
		record.pageFieldsBefore = await accountSubscription.call(this, p.account, edge);
		await subscriptionCall.call(this, p.account, {
			method: 'POST',
			path: edge.path,
			body: {
				subscribed_fields: union(record.pageFieldsBefore ?? [], p.accountFields).join(','),
			},
		});
	})().then(
		() => undefined,
		(error: Error) => error,
	);
	if (pageFailure) {
		await undoApp.call(this, p.appId, record).catch((undoError: Error) => {
			throw new NodeOperationError(this.getNode(), pageFailure.message, {
				description: `Subscribing the ${p.account === 'instagram' ? 'Instagram account' : 'Page'} failed, and undoing the app subscription failed too (${undoError.message}). Check Webhooks in the App Dashboard.`,
			});
		});
		throw pageFailure;
	}
	this.getWorkflowStaticData('node')[STATIC_KEY] = record as unknown as IDataObject;
}

async function undoApp(
	this: IHookFunctions,
	appId: string,
	record: SubscriptionRecord,
): Promise<void> {
	if (record.appCreated) {
		await subscriptionCall.call(this, 'app', {
			method: 'DELETE',
			path: `/${appId}/subscriptions`,
			qs: { object: record.object },
		});
	} else if (record.appFieldsAdded.length) {
		await subscriptionCall.call(this, 'app', {
			method: 'DELETE',
			path: `/${appId}/subscriptions`,
			qs: { object: record.object, fields: record.appFieldsAdded.join(',') },
		});
	}
}

/** Undoes what createSubscriptions() did, and only that: the account first, then the app. */
export async function deleteSubscriptions(this: IHookFunctions): Promise<void> {
	const staticData = this.getWorkflowStaticData('node');
	const record = staticData[STATIC_KEY] as SubscriptionRecord | undefined;
	if (!record) return;
	const appId = await appIdOf.call(this);
	// The account whose subscription create() recorded, whatever the trigger is set to now.
	const account = record.account ?? 'page';
	// Read only to say what is missing: the account's edge was recorded by create().
	await accountEdge.call(this, account, appId);
	if (record.pageFieldsBefore === null || record.pageFieldsBefore.length === 0) {
		await subscriptionCall.call(this, account, { method: 'DELETE', path: record.pagePath });
	} else {
		await subscriptionCall.call(this, account, {
			method: 'POST',
			path: record.pagePath,
			body: { subscribed_fields: record.pageFieldsBefore.join(',') },
		});
	}
	await undoApp.call(this, appId, record);
	delete staticData[STATIC_KEY];
}
