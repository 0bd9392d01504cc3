import type { IDataObject } from 'n8n-workflow';

import type { ApiVersion, Channel } from './channels';

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
	channelId?: string;
	channelSecret?: string;
	switcherSecret?: string;
	serviceCode?: string;
	supportedContentId?: string;
	messagingSettingId?: string;
}

/** The names users see in the node, for messages (n8n rewrites messages containing "eacces"). */
const LABELS: Record<string, string> = {
	name: 'Name',
	pageAccessToken: 'Page Access Token',
	userAccessToken: 'User Access Token',
	pageId: 'Page ID',
	appId: 'App ID',
	appSecret: 'App Secret',
	outboundNotificationWebhookUrl: 'Outbound Webhook URL',
	outboundNotificationWebhookSignatureSecretToken: 'Outbound Webhook Signature Secret',
	webhookHeaders: 'Webhook Headers',
	signupCode: 'Signup Code',
	codeChallenge: 'Code Challenge',
	redirectUri: 'Redirect URI',
	accessTokenKey: 'Access Token Key',
	accessTokenSecret: 'Access Token Secret',
	consumerKey: 'Consumer Key',
	consumerSecret: 'Consumer Secret',
	tier: 'Tier',
	envName: 'Environment Name',
	embeddedSignupAccessToken: 'Embedded Signup Access Token',
	channelId: 'Channel ID',
	channelSecret: 'Channel Secret',
	switcherSecret: 'Switcher Secret',
	serviceCode: 'Service Code',
	supportedContentId: 'Supported Content ID',
	messagingSettingId: 'Messaging Setting ID',
};

export const label = (field: string) => LABELS[field] ?? field;
const labels = (fields: string[]) => fields.map((f) => `"${label(f)}"`).join(', ');

export type BodyResult = { body: IDataObject } | { error: string };

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
 * The create request body for a channel on an API version, or what the user has to change.
 * Checked before any request, with the API's own rules (reference §1.2–1.3).
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
	let need: string[] = [];
	let fields: string[] = [];

	switch (channel) {
		case 'facebook':
		case 'instagram': {
			const byUser = input.accessTokenType === 'userAccessToken';
			need = byUser ? ['userAccessToken', 'pageId'] : ['pageAccessToken'];
			fields = byUser
				? ['userAccessToken', 'pageId', 'appId', 'appSecret']
				: ['pageAccessToken', 'pageId', 'appId', 'appSecret'];
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
			fields = need;
			const url = text(input.outboundNotificationWebhookUrl);
			if (url && !/^https:\/\/[^\s/]+/.test(url))
				return { error: 'Outbound Webhook URL must be an https:// URL' };
			const headers = headersMap(input.webhookHeaders);
			if (headers && 'error' in headers) return { error: headers.error as string };
			if (headers) base.webhookHeaders = headers;
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
			fields = [...need, 'envName'];
			break;
		case 'whatsapp':
			need = ['embeddedSignupAccessToken'];
			fields = need;
			break;
		case 'line':
			need = ['channelId', 'channelSecret'];
			fields = ['channelId', 'channelSecret', 'switcherSecret', 'serviceCode'];
			break;
	}
	const absent = missing(input, need);
	if (absent.length) return { error: `Missing for a ${channel} integration: ${labels(absent)}` };
	return { body: { ...base, ...pick(input, fields) } };
}

/** Fields each channel's update takes (current PATCH models; LINE's legacy PUT). */
export const UPDATE_FIELDS: Record<Channel, string[]> = {
	facebook: [
		'name',
		'pageAccessToken',
		'userAccessToken',
		'supportedContentId',
		'messagingSettingId',
	],
	instagram: [
		'name',
		'pageAccessToken',
		'userAccessToken',
		'supportedContentId',
		'messagingSettingId',
	],
	open: [
		'name',
		'outboundNotificationWebhookUrl',
		'outboundNotificationWebhookSignatureSecretToken',
		'webhookHeaders',
		'supportedContentId',
		'messagingSettingId',
	],
	twitter: [
		'name',
		'signupCode',
		'codeChallenge',
		'redirectUri',
		'supportedContentId',
		'messagingSettingId',
	],
	whatsapp: ['name', 'supportedContentId', 'messagingSettingId'],
	line: ['name', 'channelId', 'channelSecret', 'switcherSecret', 'serviceCode'],
};

const NOT_PLAIN = ['webhookHeaders', 'supportedContentId', 'messagingSettingId'];

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
	if (foreign.length) {
		return {
			error: `A ${channel} integration cannot update ${labels(foreign)}; it can update ${labels(UPDATE_FIELDS[channel])}`,
		};
	}
	if (input.pageAccessToken && input.userAccessToken)
		return { error: 'Give either a Page Access Token or a User Access Token, not both' };
	const body: IDataObject = {
		...pick(
			input,
			UPDATE_FIELDS[channel].filter((f) => !NOT_PLAIN.includes(f)),
		),
		...settings(input, apiVersion),
	};
	if (channel === 'open') {
		const url = text(input.outboundNotificationWebhookUrl);
		if (url && !/^https:\/\/[^\s/]+/.test(url))
			return { error: 'Outbound Webhook URL must be an https:// URL' };
		const headers = headersMap(input.webhookHeaders);
		if (headers && 'error' in headers) return { error: headers.error as string };
		if (headers) body.webhookHeaders = headers;
	}
	return { body };
}

/** Fields that hold secrets and must not reach output items even when the API echoes them. */
const SECRET_FIELDS = [
	'pageAccessToken',
	'userAccessToken',
	'appSecret',
	'outboundNotificationWebhookSignatureSecretToken',
	'accessTokenSecret',
	'consumerSecret',
	'channelSecret',
	'switcherSecret',
	'embeddedSignupAccessToken',
	'signupCode',
];

export function redactSecrets<T extends IDataObject>(entity: T): T {
	const copy: IDataObject = { ...entity };
	for (const field of SECRET_FIELDS)
		if (copy[field] !== undefined && copy[field] !== '') copy[field] = '__redacted__';
	return copy as T;
}
