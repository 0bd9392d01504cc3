import type { IDataObject } from 'n8n-workflow';

import {
	CHANNEL_FIELDS,
	CHANNEL_NAMES,
	createFieldsFor,
	updateFieldsOf,
	type ApiVersion,
	type Channel,
} from './channels';

/** What the user entered for a create (names as the node's parameters). */
export interface CreateInput {
	name: string;
	accessTokenType?: string;
	pageAccessToken?: string;
	userAccessToken?: string;
	pageId?: string;
	appId?: string;
	appSecret?: string;
	outboundNotificationWebhookUrl?: string;
	outboundNotificationWebhookSignatureSecretToken?: string;
	webhookHeaders?: Array<{ name?: string; value?: string }>;
	signupCode?: string;
	codeChallenge?: string;
	redirectUri?: string;
	accessTokenKey?: string;
	accessTokenSecret?: string;
	consumerKey?: string;
	consumerSecret?: string;
	tier?: string;
	envName?: string;
	embeddedSignupAccessToken?: string;
	phoneNumber?: string;
	pin?: string;
	messagesForBusinessId?: string;
	businessName?: string;
	logoUrl?: string;
	channelId?: string;
	channelSecret?: string;
	switcherSecret?: string;
	serviceCode?: string;
	supportedContentId?: string;
	messagingSettingId?: string;
}

/**
 * The name users see for a field, for messages: the first of the table's rows with that name
 * (n8n rewrites messages containing "eacces", so messages never name the parameter itself).
 */
export function label(field: string): string {
	return CHANNEL_FIELDS.find((row) => row.name === field)?.displayName ?? field;
}
const labels = (fields: string[]) => fields.map((f) => `"${label(f)}"`).join(', ');

/**
 * Fields whose value is not sent as the text typed: a choice, the headers map, the settings
 * references, and what goes to the activation instead (see ChannelField.activation).
 */
const NOT_PLAIN = [
	'accessTokenType',
	'webhookHeaders',
	'supportedContentId',
	'messagingSettingId',
	...CHANNEL_FIELDS.filter((field) => field.activation).map((field) => field.name),
];

/** The fields sent to an activation (WhatsApp embedded signup), from CHANNEL_FIELDS. */
export const ACTIVATION_FIELDS = [
	...new Set(CHANNEL_FIELDS.filter((field) => field.activation).map((field) => field.name)),
];

export type BodyResult = { body: IDataObject; activation?: true } | { error: string };

const text = (value: unknown) =>
	typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value);

/** Copies the non-empty fields, so that the API never receives empty strings it would reject. */
function pick(input: object, fields: string[]): IDataObject {
	const out: IDataObject = {};
	for (const field of fields) {
		const value = text((input as Record<string, unknown>)[field]);
		if (value) out[field] = value;
	}
	return out;
}

function missing(input: object, fields: string[]): string[] {
	return fields.filter((field) => !text((input as Record<string, unknown>)[field]));
}

function headersMap(
	headers: CreateInput['webhookHeaders'],
): IDataObject | { error: string } | undefined {
	if (!headers?.length) return undefined;
	const map: IDataObject = {};
	for (const header of headers) {
		const name = text(header.name);
		if (!name) return { error: 'Every webhook header needs a name' };
		if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
			return { error: `"${name}" is not a valid HTTP header name` };
		map[name] = text(header.value);
	}
	return map;
}

/** The settings references the current API takes on every channel. */
function settings(input: CreateInput, apiVersion: ApiVersion): IDataObject {
	if (apiVersion !== 'current') return {};
	const out: IDataObject = {};
	if (text(input.supportedContentId)) out.supportedContent = { id: text(input.supportedContentId) };
	if (text(input.messagingSettingId)) out.messagingSetting = { id: text(input.messagingSettingId) };
	return out;
}

/**
 * The Open Messaging webhook as the API takes it: an https URL and the headers as a map; or what
 * the user has to change. Adds the headers to `body`.
 */
function openWebhook(input: CreateInput, body: IDataObject): string | undefined {
	const url = text(input.outboundNotificationWebhookUrl);
	if (url && !/^https:\/\/[^\s/]+/.test(url)) return 'Outbound Webhook URL must be an https:// URL';
	const headers = headersMap(input.webhookHeaders);
	if (headers && 'error' in headers) return headers.error as string;
	if (headers) body.webhookHeaders = headers;
	return undefined;
}

/**
 * The create request body for a channel on an API version, or what the user has to change.
 * Checked before any request, with the API's own rules; the body takes the fields the create
 * form shows for the channel (see CHANNEL_FIELDS).
 * @see https://developer.genesys.cloud/commdigital/digital/
 */
export function buildCreateBody(
	channel: Channel,
	apiVersion: ApiVersion,
	input: CreateInput,
): BodyResult {
	const name = text(input.name);
	if (!name)
		return { error: 'Name is required: the integration is shown under this name in Genesys Cloud' };
	const base: IDataObject = { name, ...settings(input, apiVersion) };
	const byUser = input.accessTokenType === 'userAccessToken';
	let need: string[] = [];

	switch (channel) {
		case 'facebook':
		case 'instagram': {
			need = byUser ? ['userAccessToken', 'pageId'] : ['pageAccessToken'];
			if (apiVersion === 'legacy' && !text(input.appId)) {
				return {
					error:
						'App ID is required on the legacy API: enter your Facebook app ID and its App Secret',
				};
			}
			if (text(input.appId) && !text(input.appSecret))
				return { error: 'App Secret is required when App ID is set' };
			if (text(input.pageId) && !/^\d+$/.test(text(input.pageId)))
				return { error: 'Page ID must be the numeric ID of the Facebook Page' };
			break;
		}
		case 'open': {
			need = ['outboundNotificationWebhookUrl', 'outboundNotificationWebhookSignatureSecretToken'];
			const problem = openWebhook(input, base);
			if (problem) return { error: problem };
			break;
		}
		case 'twitter':
			if (apiVersion === 'current') {
				need = ['signupCode', 'appId', 'codeChallenge', 'redirectUri'];
			} else {
				need = ['accessTokenKey', 'accessTokenSecret', 'consumerKey', 'consumerSecret', 'tier'];
				if (!['premium', 'enterprise'].includes(text(input.tier)))
					return { error: 'Tier must be "premium" or "enterprise"' };
				if (text(input.tier) === 'premium') need.push('envName');
			}
			break;
		case 'whatsapp': {
			need = ['embeddedSignupAccessToken'];
			const activation = buildActivationBody(input);
			if (activation && 'error' in activation) return activation;
			break;
		}
		case 'apple': {
			need = ['messagesForBusinessId'];
			const logo = text(input.logoUrl);
			if (logo && !/^https?:\/\/[^\s/]+/.test(logo))
				return { error: 'Logo URL must be an http(s):// URL' };
			break;
		}
		case 'line':
			need = ['channelId', 'channelSecret'];
			break;
	}
	const absent = missing(input, need);
	if (absent.length) return { error: `Missing for a ${channel} integration: ${labels(absent)}` };
	const shown = createFieldsFor({
		channel,
		apiVersion,
		accessTokenType: byUser ? 'userAccessToken' : 'pageAccessToken',
	}).map((field) => field.name);
	return {
		body: {
			...base,
			...pick(
				input,
				shown.filter((f) => !NOT_PLAIN.includes(f)),
			),
		},
	};
}

/** Fields each channel's update takes (current PATCH models; LINE's legacy PUT), from CHANNEL_FIELDS. */
export const UPDATE_FIELDS = Object.fromEntries(
	(Object.keys(CHANNEL_NAMES) as Channel[]).map((channel) => [channel, updateFieldsOf(channel)]),
) as Record<Channel, string[]>;

/** The update body from the "Update Fields" collection, or what the user has to change. */
export function buildUpdateBody(
	channel: Channel,
	apiVersion: ApiVersion,
	input: CreateInput,
): BodyResult {
	const given = Object.keys(input).filter((key) => {
		const value = (input as unknown as Record<string, unknown>)[key];
		return Array.isArray(value) ? value.length > 0 : text(value) !== '';
	});
	if (!given.length)
		return {
			error: `Add at least one field to update: a ${channel} integration can update ${labels(UPDATE_FIELDS[channel])}`,
		};
	const foreign = given.filter((key) => !UPDATE_FIELDS[channel].includes(key));
	const activating = given.filter((key) => ACTIVATION_FIELDS.includes(key));
	if (foreign.length) {
		return {
			error: `A ${channel} integration cannot update ${labels(foreign)}; it can update ${labels(UPDATE_FIELDS[channel])}`,
		};
	}
	if (input.pageAccessToken && input.userAccessToken)
		return { error: 'Give either a Page Access Token or a User Access Token, not both' };
	if (activating.length) {
		// The activation PATCH takes a name, the number and its PIN, nothing else.
		const others = given.filter((key) => !ACTIVATION_FIELDS.includes(key) && key !== 'name');
		if (others.length)
			return {
				error: `An activation (${labels(ACTIVATION_FIELDS)}) takes only "Name" besides; update ${labels(others)} in a separate Update`,
			};
		const activation = buildActivationBody(input);
		if (!activation || 'error' in activation) return activation ?? { error: 'Nothing to activate' };
		const name = text(input.name);
		return { body: { ...(name ? { name } : {}), ...activation.body }, activation: true };
	}
	const body: IDataObject = {
		...pick(
			input,
			UPDATE_FIELDS[channel].filter((f) => !NOT_PLAIN.includes(f)),
		),
		...settings(input, apiVersion),
	};
	if (channel === 'open') {
		const problem = openWebhook(input, body);
		if (problem) return { error: problem };
	}
	return { body };
}

/** Fields that hold secrets and must not reach output items even when the API echoes them. */
const REDACTED = CHANNEL_FIELDS.filter((field) => field.secret === 'redacted').map((f) => f.name);

/** A copy of an integration with every secret field the API echoed replaced by `__redacted__`. */
export function redactSecrets<T extends IDataObject>(entity: T): T {
	const copy: IDataObject = { ...entity };
	for (const field of REDACTED)
		if (copy[field] !== undefined && copy[field] !== '') copy[field] = '__redacted__';
	return copy as T;
}

/**
 * The activation request of an embedded-signup WhatsApp integration (phone number and its
 * two-step verification PIN, both required), `undefined` when neither is given, or what to change.
 * @see https://developer.genesys.cloud/devapps/api-explorer#patch-api-v2-conversations-messaging-integrations-whatsapp-embeddedsignup--integrationId-
 */
export function buildActivationBody(input: CreateInput): BodyResult | undefined {
	const phoneNumber = text(input.phoneNumber);
	const pin = text(input.pin);
	if (!phoneNumber && !pin) return undefined;
	if (!phoneNumber)
		return { error: `"${label('phoneNumber')}" is required with "${label('pin')}"` };
	if (!pin) return { error: `"${label('pin')}" is required to activate "${phoneNumber}"` };
	if (!/^\d{6}$/.test(pin)) return { error: `"${label('pin')}" must be 6 digits` };
	return { body: { phoneNumber, pin } };
}
