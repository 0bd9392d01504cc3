import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	buildActivationBody,
	buildCreateBody,
	redactSecrets,
	type CreateInput,
} from '../../bodies';
import { createFieldsFor, type ApiVersion, type Channel } from '../../channels';
import { isAmbiguous } from '../../errors';
import { ACTIVATE_PERMISSION, ADD_PERMISSION } from '../../permissions';
import { genesysGetAll, genesysRequest, type GenesysCall } from '../../transport';
import { facebookSecretsSourceOf } from '../../../shared/facebookSecrets';
import { collection, text } from '../../../shared/params';
import { asNodeError } from '../../../shared/router';
import { failureOf } from '../../../shared/transport';
import { showFor } from '../properties';
import {
	createFieldProperties,
	facebookSecrets,
	facebookSecretsFields,
	readIntegration,
	settingsFields,
	target,
} from './common';

const fields = createFieldProperties();
const afterTokenType = fields.findIndex((field) => field.name === 'accessTokenType') + 1;

const properties: INodeProperties[] = [
	...fields.slice(0, afterTokenType),
	...facebookSecretsFields({
		credential:
			'Page token from the Facebook Page credential (with "User Access Token and Page ID": the user token of the Facebook App credential); App ID and App Secret from the Facebook App credential',
		parameters:
			'Enter the tokens, App ID and App Secret below, ideally as expressions mapped from the previous node',
	}),
	...fields.slice(afterTokenType),
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

/** What the user entered for a create: the fields the form shows for the channel and choices. */
async function readInput(
	this: IExecuteFunctions,
	i: number,
	channel: Channel,
	apiVersion: ApiVersion,
): Promise<CreateInput> {
	const options = collection(this, 'options', i);
	const facebook = channel === 'facebook' || channel === 'instagram';
	const accessTokenType = facebook
		? text(this, 'accessTokenType', i) || 'pageAccessToken'
		: undefined;
	const source = facebook ? facebookSecretsSourceOf(this, i) : undefined;
	const input: IDataObject = {
		supportedContentId: String(options.supportedContentId ?? ''),
		messagingSettingId: String(options.messagingSettingId ?? ''),
	};
	const shown = createFieldsFor({
		channel,
		apiVersion,
		accessTokenType,
		facebookSecretsFrom: source,
	});
	for (const { name } of shown) {
		input[name] =
			name === 'webhookHeaders'
				? (collection(this, name, i).header ?? [])
				: name === 'accessTokenType'
					? accessTokenType
					: text(this, name, i);
	}
	if (source === 'credential') {
		const token = accessTokenType === 'userAccessToken' ? 'user' : 'page';
		Object.assign(input, await facebookSecrets.call(this, i, token, true));
	}
	return input as unknown as CreateInput;
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

/**
 * Creates an integration; after an ambiguous failure (5xx, lost connection) outputs the one the
 * request made, if any, before sending it again; waits for createStatus when asked.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integration = target.call(this, i, 'create');
	const { channel, apiVersion, route } = integration;
	const input = await readInput.call(this, i, channel, apiVersion);
	const built = buildCreateBody(channel, apiVersion, input);
	if ('error' in built) throw new NodeOperationError(this.getNode(), built.error, { itemIndex: i });
	const body = built.body;
	const waitForCompletion = this.getNodeParameter('waitForCompletion', i, true) as boolean;
	const activation = route.activate ? buildActivationBody(input) : undefined;
	if (activation && !waitForCompletion) {
		throw new NodeOperationError(
			this.getNode(),
			'Activating a phone number needs Wait for Completion: Genesys Cloud takes the number once the creation completed',
			{
				description:
					'Turn on Wait for Completion, or leave Phone Number and PIN empty and activate later with Update.',
				itemIndex: i,
			},
		);
	}
	const create: GenesysCall = {
		method: 'POST',
		path: route.createPath,
		body,
		operation: `create a ${channel} integration`,
		permission: ADD_PERMISSION[channel],
		itemIndex: i,
	};

	let entity: IDataObject;
	const requestStart = Date.now();
	try {
		entity = await genesysRequest.call(this, create);
	} catch (error) {
		// A 5xx or a lost connection leaves the create possibly applied: look for it before sending
		// it once more, so that one item never makes two integrations.
		const failure = failureOf(error);
		if (!failure || !isAmbiguous(failure)) throw asNodeError(this, error, i);
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
		entity = found.entity ?? (await genesysRequest.call(this, create));
	}

	const timeout = Number(collection(this, 'options', i).timeout ?? 120);
	const deadline = Date.now() + timeout * 1000;
	/** Reads the integration again (doubling delays) while `pending` holds, up to the timeout. */
	const pollWhile = async (pending: (e: IDataObject) => boolean, what: string) => {
		for (let attempt = 0; pending(entity); attempt++) {
			if (Date.now() + pollDelay(attempt) > deadline) {
				throw new NodeOperationError(
					this.getNode(),
					`The ${channel} integration ${String(entity.id)} is still ${what}`,
					{
						description: `Genesys Cloud did not finish within ${timeout} s; get it later by its ID, or raise Options → Timeout.`,
						itemIndex: i,
					},
				);
			}
			await sleep(pollDelay(attempt));
			entity = await readIntegration.call(this, i, integration, String(entity.id));
		}
	};
	if (waitForCompletion && route.support.asyncCreate) {
		await pollWhile((e) => e.createStatus === 'Initiated', 'being created');
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
	if (activation && !('error' in activation) && route.activate) {
		entity = await activate.call(this, i, channel, entity, activation.body, route.activate);
		await pollWhile((e) => ACTIVATION_PENDING.includes(String(e.status)), 'being activated');
		throwIfActivationFailed(this, i, channel, entity);
	}
	return redactSecrets(entity);
}

/** WhatsApp statuses while Genesys Cloud registers the number (the model's Active is the end). */
const ACTIVATION_PENDING = ['Starting', 'Incomplete'];
/** The activation status codes that end an activation without the number. */
const ACTIVATION_FAILED = ['ActivationFailed', 'ConfirmationFailed'];

/**
 * Activates a completed embedded-signup integration with one of its available numbers (checked
 * here first, so that a typo names the numbers there are).
 * @see https://developer.genesys.cloud/devapps/api-explorer#patch-api-v2-conversations-messaging-integrations-whatsapp-embeddedsignup--integrationId-
 */
export async function activate(
	this: IExecuteFunctions,
	i: number,
	channel: Channel,
	entity: IDataObject,
	body: IDataObject,
	path: (id: string) => string,
): Promise<IDataObject> {
	const id = String(entity.id);
	if (entity.createStatus !== 'Completed') {
		throw new NodeOperationError(
			this.getNode(),
			`The ${channel} integration ${id} cannot be activated yet: its createStatus is ${String(entity.createStatus)}`,
			{
				description:
					'Genesys Cloud takes the phone number once the creation completed; get the integration until createStatus is Completed, then activate it with Update.',
				itemIndex: i,
			},
		);
	}
	const available = (
		((entity.availablePhoneNumbers as IDataObject | undefined)?.entities as
			| IDataObject[]
			| undefined) ?? []
	).map((n) => String(n.phoneNumber));
	if (available.length && !available.includes(String(body.phoneNumber))) {
		throw new NodeOperationError(
			this.getNode(),
			`${String(body.phoneNumber)} is not one of the integration's available phone numbers`,
			{ description: `Available: ${available.join(', ')}.`, itemIndex: i },
		);
	}
	return await genesysRequest.call(this, {
		method: 'PATCH',
		path: path(id),
		body,
		operation: `activate the ${channel} integration`,
		permission: ACTIVATE_PERMISSION,
		itemIndex: i,
	});
}

/** An activation that ended without the number, as the API reports it (activationErrorInfo). */
export function throwIfActivationFailed(
	context: IExecuteFunctions,
	i: number,
	channel: Channel,
	entity: IDataObject,
): void {
	const code = String(entity.activationStatusCode ?? '');
	if (!ACTIVATION_FAILED.includes(code) && !['Error', 'Failed'].includes(String(entity.status)))
		return;
	const info = (entity.activationErrorInfo ?? {}) as IDataObject;
	const message = `Genesys Cloud could not activate the ${channel} integration: ${String(info.message ?? code ?? 'unknown error')}`;
	throw new NodeApiError(
		context.getNode(),
		{
			message,
			id: String(entity.id),
			status: String(entity.status),
			activationStatusCode: code,
			activationErrorInfo: info as JsonObject,
		} as JsonObject,
		{
			message,
			description: `Integration ${String(entity.id)} ended with status ${String(entity.status)}${code ? ` (activationStatusCode ${code})` : ''}. Check the number and its two-step verification PIN, then activate it again with Update.`,
			itemIndex: i,
		},
	);
}
