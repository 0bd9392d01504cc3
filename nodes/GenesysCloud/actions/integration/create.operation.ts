import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { buildCreateBody, type CreateInput } from '../../bodies';
import { showFor } from '../display';
import { ADD_PERMISSION } from '../../permissions';
import { failureOf, genesysGetAll, genesysRequest } from '../../transport';
import { facebookSecretsSourceOf } from '../../../shared/facebookSecrets';
import { facebookSecrets, facebookSecretsFields, output, settingsFields, target } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Support Page',
		description:
			'Name of the integration in Genesys Cloud (also used to find it again if a create is interrupted)',
	},
	// Facebook and Instagram
	{
		displayName: 'Authenticate With',
		name: 'accessTokenType',
		type: 'options',
		default: 'pageAccessToken',
		displayOptions: { show: { channel: ['facebook', 'instagram'] } },
		options: [
			{
				name: 'Page Access Token',
				value: 'pageAccessToken',
				description: 'A long-lived Page token',
			},
			{
				name: 'User Access Token and Page ID',
				value: 'userAccessToken',
				description: 'A short-lived user token of a Page admin',
			},
		],
	},
	...facebookSecretsFields({
		credential:
			'Page token from the Facebook Page credential (with "User Access Token and Page ID": the user token of the Facebook App credential); App ID and App Secret from the Facebook App credential',
		parameters:
			'Enter the tokens, App ID and App Secret below, ideally as expressions mapped from the previous node',
	}),
	{
		displayName: 'Page Access Token',
		name: 'pageAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'Best mapped from the previous node with an expression, e.g. pageAccessToken from Facebook Messenger → Token → Get Page Tokens',
		displayOptions: {
			show: {
				channel: ['facebook', 'instagram'],
				accessTokenType: ['pageAccessToken'],
				facebookSecretsFrom: ['parameters'],
			},
		},
	},
	{
		displayName: 'User Access Token',
		name: 'userAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: {
			show: {
				channel: ['facebook', 'instagram'],
				accessTokenType: ['userAccessToken'],
				facebookSecretsFrom: ['parameters'],
			},
		},
	},
	{
		displayName: 'Page ID',
		name: 'pageId',
		type: 'string',
		default: '',
		description: 'Numeric ID of the Facebook Page (required with a user token)',
		displayOptions: { show: { channel: ['facebook', 'instagram'] } },
	},
	{
		displayName: 'App ID',
		name: 'appId',
		type: 'string',
		default: '',
		description:
			'Your own Facebook app; leave empty to use the Genesys Cloud app (required on the legacy API)',
		displayOptions: {
			show: { channel: ['facebook', 'instagram'], facebookSecretsFrom: ['parameters'] },
		},
	},
	{
		displayName: 'App Secret',
		name: 'appSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Secret of the app above (required when App ID is set)',
		displayOptions: {
			show: { channel: ['facebook', 'instagram'], facebookSecretsFrom: ['parameters'] },
		},
	},
	// Open Messaging
	{
		displayName: 'Outbound Webhook URL',
		name: 'outboundNotificationWebhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/genesys/outbound',
		description: 'Where Genesys Cloud posts agent messages (https)',
		displayOptions: { show: { channel: ['open'] } },
	},
	{
		displayName: 'Outbound Webhook Signature Secret',
		name: 'outboundNotificationWebhookSignatureSecretToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Secret Genesys Cloud signs outbound webhooks with (X-Hub-Signature-256)',
		displayOptions: { show: { channel: ['open'] } },
	},
	{
		displayName: 'Webhook Headers',
		name: 'webhookHeaders',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Header',
		displayOptions: { show: { channel: ['open'] } },
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	// Twitter (X): current API, OAuth 2.0 PKCE signup
	{
		displayName: 'Signup Code',
		name: 'signupCode',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'The authorization code X returned to the redirect URI',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['current'] } },
	},
	{
		displayName: 'X App Client ID',
		name: 'appId',
		type: 'string',
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['current'] } },
	},
	{
		displayName: 'Code Challenge',
		name: 'codeChallenge',
		type: 'string',
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['current'] } },
	},
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['current'] } },
	},
	// Twitter: legacy API, consumer keys
	{
		displayName: 'Consumer Key',
		name: 'consumerKey',
		type: 'string',
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['legacy'] } },
	},
	{
		displayName: 'Consumer Secret',
		name: 'consumerSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['legacy'] } },
	},
	{
		displayName: 'Access Token Key',
		name: 'accessTokenKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['legacy'] } },
	},
	{
		displayName: 'Access Token Secret',
		name: 'accessTokenSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['legacy'] } },
	},
	{
		displayName: 'Tier',
		name: 'tier',
		type: 'options',
		default: 'premium',
		options: [
			{ name: 'Enterprise', value: 'enterprise' },
			{ name: 'Premium', value: 'premium' },
		],
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['legacy'] } },
	},
	{
		displayName: 'Environment Name',
		name: 'envName',
		type: 'string',
		default: '',
		placeholder: 'e.g. env-beta',
		description: 'The Account Activity environment (required for the premium tier)',
		displayOptions: { show: { channel: ['twitter'], apiVersion: ['legacy'] } },
	},
	// WhatsApp: embedded signup
	{
		displayName: 'Embedded Signup Access Token',
		name: 'embeddedSignupAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: "The token Meta's WhatsApp embedded signup returned",
		displayOptions: { show: { channel: ['whatsapp'] } },
	},
	// LINE (legacy API)
	{
		displayName: 'Channel ID',
		name: 'channelId',
		type: 'string',
		default: '',
		description: 'The LINE Messaging API channel ID',
		displayOptions: { show: { channel: ['line'] } },
	},
	{
		displayName: 'Channel Secret',
		name: 'channelSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		displayOptions: { show: { channel: ['line'] } },
	},
	{
		displayName: 'Switcher Secret',
		name: 'switcherSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'Needed for switcher-enabled LINE accounts',
		displayOptions: { show: { channel: ['line'] } },
	},
	{
		displayName: 'Service Code',
		name: 'serviceCode',
		type: 'string',
		default: '',
		description: 'LINE Enterprise accounts only',
		displayOptions: { show: { channel: ['line'] } },
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to poll until Genesys Cloud finishes the creation (createStatus Completed or Error)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...settingsFields,
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 120,
				description: 'How long to wait for the creation to finish before failing',
			},
		],
	},
];

export const description = showFor(
	{ show: { resource: ['integration'], operation: ['create'] } },
	properties,
);

/** Delays between status polls: 250 ms doubling up to 5 s. */
export function pollDelay(attempt: number): number {
	return Math.min(5_000, 250 * 2 ** attempt);
}

const str = (ctx: IExecuteFunctions, name: string, i: number) =>
	String(ctx.getNodeParameter(name, i, '') ?? '');

async function readInput(
	this: IExecuteFunctions,
	i: number,
	channel: string,
	apiVersion: string,
): Promise<CreateInput> {
	const p = (name: string) => str(this, name, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const input: CreateInput = {
		name: p('name'),
		supportedContentId: String(options.supportedContentId ?? ''),
		messagingSettingId: String(options.messagingSettingId ?? ''),
	};
	if (channel === 'facebook' || channel === 'instagram') {
		input.accessTokenType = p('accessTokenType') || 'pageAccessToken';
		const byUser = input.accessTokenType === 'userAccessToken';
		if (facebookSecretsSourceOf(this, i) === 'credential') {
			Object.assign(input, await facebookSecrets.call(this, i, byUser ? 'user' : 'page', true));
		} else {
			if (byUser) input.userAccessToken = p('userAccessToken');
			else input.pageAccessToken = p('pageAccessToken');
			Object.assign(input, { appId: p('appId'), appSecret: p('appSecret') });
		}
		input.pageId = p('pageId');
	} else if (channel === 'open') {
		const headers = this.getNodeParameter('webhookHeaders', i, {}) as {
			header?: Array<{ name?: string; value?: string }>;
		};
		Object.assign(input, {
			outboundNotificationWebhookUrl: p('outboundNotificationWebhookUrl'),
			outboundNotificationWebhookSignatureSecretToken: p(
				'outboundNotificationWebhookSignatureSecretToken',
			),
			webhookHeaders: headers.header ?? [],
		});
	} else if (channel === 'twitter' && apiVersion === 'current') {
		Object.assign(input, {
			signupCode: p('signupCode'),
			appId: p('appId'),
			codeChallenge: p('codeChallenge'),
			redirectUri: p('redirectUri'),
		});
	} else if (channel === 'twitter') {
		Object.assign(input, {
			consumerKey: p('consumerKey'),
			consumerSecret: p('consumerSecret'),
			accessTokenKey: p('accessTokenKey'),
			accessTokenSecret: p('accessTokenSecret'),
			tier: p('tier'),
			envName: p('envName'),
		});
	} else if (channel === 'whatsapp') {
		input.embeddedSignupAccessToken = p('embeddedSignupAccessToken');
	} else if (channel === 'line') {
		Object.assign(input, {
			channelId: p('channelId'),
			channelSecret: p('channelSecret'),
			switcherSecret: p('switcherSecret'),
			serviceCode: p('serviceCode'),
		});
	}
	return input;
}

/** How far the clock behind `dateCreated` may run behind the one that stamped the Date header. */
export const CLOCK_SKEW_MS = 3_000;

/**
 * A local instant on the server's clock: the Date header of the failed answer gives the offset
 * (rounded down to the second, and read after the answer left the server, so never later than the
 * true instant); without one the local clock is taken as is.
 */
export function serverTime(localInstant: number, dateHeader: string | undefined): number {
	const serverNow = dateHeader ? Date.parse(dateHeader) : NaN;
	return Number.isNaN(serverNow) ? localInstant : localInstant + (serverNow - Date.now());
}

/**
 * Which of the same-name integrations a create sent at `since` (server clock) made. Only one
 * created at or after `since` is taken as new; one dated within the clock-skew margin before it,
 * one without a readable dateCreated, or several new ones make it unclear. None means the create
 * was not applied. An older integration is never returned.
 */
export function createdSince(
	sameName: IDataObject[],
	since: number,
): { entity?: IDataObject; unclear?: string } {
	const dated = sameName.map((entity) => ({
		entity,
		at: Date.parse(String(entity.dateCreated ?? '')),
	}));
	if (dated.some((d) => Number.isNaN(d.at)))
		return { unclear: 'an integration of that name has no dateCreated' };
	const recent = dated.filter((d) => d.at >= since - CLOCK_SKEW_MS);
	if (recent.length > 1)
		return {
			unclear: `${recent.length} integrations of that name were created around the time of the request`,
		};
	if (recent.length === 1 && recent[0].at < since)
		return {
			unclear: `one integration of that name was created seconds before the request (${String(recent[0].entity.dateCreated)})`,
		};
	return { entity: recent[0]?.entity };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { channel, apiVersion, route } = target.call(this, i, 'create');
	const built = buildCreateBody(
		channel,
		apiVersion,
		await readInput.call(this, i, channel, apiVersion),
	);
	if ('error' in built) throw new NodeOperationError(this.getNode(), built.error, { itemIndex: i });
	const body = built.body;
	const operation = `create a ${channel} integration`;
	const permission = ADD_PERMISSION[channel];

	let entity: IDataObject;
	const requestStart = Date.now();
	try {
		entity = await genesysRequest.call(this, {
			method: 'POST',
			path: route.createPath,
			body,
			operation,
			permission,
			itemIndex: i,
		});
	} catch (error) {
		// A 5xx or a lost connection leaves the create possibly applied: look for it before sending
		// it once more, so that one item never makes two integrations.
		// The transport only throws NodeApiError (with its wire failure) or NodeOperationError.
		const typed = error as NodeApiError | NodeOperationError;
		const failure = failureOf(typed);
		const ambiguous =
			failure &&
			(failure.status === undefined ? Boolean(failure.networkCode) : failure.status >= 500);
		if (!ambiguous) throw typed;
		const sameName = (
			await genesysGetAll.call(this, {
				path: route.collection,
				operation: `look up ${channel} integrations`,
				itemIndex: i,
			})
		).filter(
			(e) => e.name === body.name && (body.pageId === undefined || e.pageId === body.pageId),
		);
		const since = serverTime(requestStart, failure.headers?.date);
		const found = createdSince(sameName, since);
		if (found.unclear) {
			throw new NodeOperationError(
				this.getNode(),
				`The ${channel} integration "${String(body.name)}" may or may not have been created`,
				{
					description: `Genesys Cloud answered the create with ${failure.status ?? failure.networkCode}, and ${found.unclear}, so the node cannot tell which one (if any) this create made. List the ${channel} integrations (Get Many), check the ones named "${String(body.name)}" by their dateCreated, and delete or keep them before running this item again.`,
					itemIndex: i,
				},
			);
		}
		entity =
			found.entity ??
			(await genesysRequest.call(this, {
				method: 'POST',
				path: route.createPath,
				body,
				operation,
				permission,
				itemIndex: i,
			}));
	}

	const waitForCompletion = this.getNodeParameter('waitForCompletion', i, true) as boolean;
	if (waitForCompletion && route.support.asyncCreate) {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const deadline = Date.now() + Number(options.timeout ?? 120) * 1000;
		for (let attempt = 0; entity.createStatus === 'Initiated'; attempt++) {
			if (Date.now() + pollDelay(attempt) > deadline) {
				throw new NodeOperationError(
					this.getNode(),
					`The ${channel} integration ${String(entity.id)} is still being created`,
					{
						description: `Genesys Cloud did not finish within ${Number(options.timeout ?? 120)} s; get it later by its ID, or raise Options → Timeout.`,
						itemIndex: i,
					},
				);
			}
			await sleep(pollDelay(attempt));
			entity = await genesysRequest.call(this, {
				method: 'GET',
				path: route.item(String(entity.id)),
				operation: `read the ${channel} integration`,
				permission: 'messaging:integration:view',
				itemIndex: i,
			});
		}
		if (entity.createStatus === 'Error') {
			const createError = (entity.createError ?? {}) as IDataObject;
			const message = `Genesys Cloud could not create the ${channel} integration: ${String(createError.message ?? 'unknown error')}`;
			throw new NodeApiError(
				this.getNode(),
				{
					message,
					id: String(entity.id),
					createStatus: 'Error',
					createError: createError as JsonObject,
				} as JsonObject,
				{
					message,
					description: `Integration ${String(entity.id)} ended in createStatus Error${createError.code ? ` (code ${String(createError.code)})` : ''}. Delete it, fix the cause and create it again.`,
					itemIndex: i,
				},
			);
		}
	}
	return [output(entity, i)];
}
