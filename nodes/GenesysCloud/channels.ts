import type { INodeProperties } from 'n8n-workflow';

/**
 * Which messaging channels each Genesys Cloud API serves and how: the current
 * /api/v2/conversations/messaging/integrations/… API and the legacy /api/v2/messaging/integrations/…
 * one (SDK ≤ 69). LINE left the current API in June 2024 (Platform API SDK 201: "Path
 * /api/v2/conversations/messaging/integrations/line was removed"; the path answers 404), Instagram,
 * Open Messaging, WhatsApp and Apple Messages for Business never were on the legacy one, so those
 * combinations are refused before any request.
 * @see https://developer.genesys.cloud/commdigital/digital/
 */
export type Channel = 'apple' | 'facebook' | 'instagram' | 'line' | 'open' | 'twitter' | 'whatsapp';
export type ApiVersion = 'current' | 'legacy';
export type IntegrationOperation = 'create' | 'delete' | 'get' | 'getAll' | 'update';

export const CHANNEL_NAMES: Record<Channel, string> = {
	apple: 'Apple Messages for Business',
	facebook: 'Facebook',
	instagram: 'Instagram',
	line: 'LINE',
	open: 'Open Messaging',
	twitter: 'Twitter (X)',
	whatsapp: 'WhatsApp',
};

export const API_BASE: Record<ApiVersion, string> = {
	current: '/api/v2/conversations/messaging/integrations',
	legacy: '/api/v2/messaging/integrations',
};

export const STICKER_BASE: Record<ApiVersion, string> = {
	current: '/api/v2/conversations/messaging/stickers',
	legacy: '/api/v2/messaging/stickers',
};

interface ChannelSupport {
	/** HTTP method of the update, when the API has one. */
	update?: 'PATCH' | 'PUT';
	/** Create path below the channel's collection, when it is not the collection itself. */
	createSuffix?: string;
	/** The API answers a create with createStatus and finishes it asynchronously. */
	asyncCreate?: boolean;
	/** Listings accept expand and the supportedContent.id / messagingSetting.id filters. */
	settings?: boolean;
	/**
	 * Path below the channel's collection of the activation PATCH (WhatsApp's embedded signup: a
	 * created integration gets its phone number there once createStatus is Completed).
	 */
	activateSuffix?: string;
}

const SUPPORT: Record<ApiVersion, Partial<Record<Channel, ChannelSupport>>> = {
	current: {
		// Apple Messages for Business: POST creates asynchronously (createStatus), PATCH updates.
		apple: { update: 'PATCH', asyncCreate: true, settings: true },
		facebook: { update: 'PATCH', asyncCreate: true, settings: true },
		instagram: { update: 'PATCH', asyncCreate: true, settings: true },
		open: { update: 'PATCH', asyncCreate: true, settings: true },
		twitter: { update: 'PATCH', asyncCreate: true, settings: true },
		// The certificate-based POST …/whatsapp is deprecated ("Use POST …/whatsapp/embeddedsignup
		// instead"); new numbers come through embedded signup, then PATCH …/embeddedsignup/{id}.
		whatsapp: {
			update: 'PATCH',
			createSuffix: '/embeddedsignup',
			activateSuffix: '/embeddedsignup',
			asyncCreate: true,
			settings: true,
		},
	},
	legacy: {
		facebook: {},
		line: { update: 'PUT' },
		twitter: {},
	},
};

const WHY_NOT: Partial<Record<string, string>> = {
	'current:line':
		'LINE integrations are no longer on the current API (Genesys removed /api/v2/conversations/messaging/integrations/line in June 2024; it answers 404); choose API Version "Legacy"',
	'legacy:apple':
		'The legacy API has no Apple Messages for Business integrations; choose API Version "Current"',
	'legacy:instagram':
		'The legacy API never had Instagram integrations; choose API Version "Current"',
	'legacy:open': 'The legacy API has no Open Messaging integrations; choose API Version "Current"',
	'legacy:whatsapp': 'The legacy API has no WhatsApp integrations; choose API Version "Current"',
};

export interface Route {
	collection: string;
	createPath: string;
	item: (id: string) => string;
	/** The activation PATCH of an integration, on channels that have one (WhatsApp). */
	activate?: (id: string) => string;
	support: ChannelSupport;
}

/**
 * The paths for a channel on an API version, or the reason the combination (or the operation on
 * it) does not exist. Pure, so it is checked before any request.
 */
export function resolveRoute(
	channel: Channel,
	apiVersion: ApiVersion,
	operation: IntegrationOperation,
): { route: Route } | { reason: string } {
	const support = SUPPORT[apiVersion]?.[channel];
	if (!support) {
		const reason =
			WHY_NOT[`${apiVersion}:${channel}`] ??
			`The ${apiVersion} API has no ${CHANNEL_NAMES[channel] ?? channel} integrations`;
		return { reason };
	}
	if (operation === 'update' && !support.update) {
		return {
			reason: `The legacy API cannot update ${CHANNEL_NAMES[channel]} integrations (only LINE has an update there); choose API Version "Current", or delete and create again`,
		};
	}
	const collection = `${API_BASE[apiVersion]}/${channel}`;
	return {
		route: {
			collection,
			createPath: `${collection}${support.createSuffix ?? ''}`,
			item: (id: string) => `${collection}/${encodeURIComponent(id)}`,
			...(support.activateSuffix
				? {
						activate: (id: string) =>
							`${collection}${support.activateSuffix}/${encodeURIComponent(id)}`,
					}
				: {}),
			support,
		},
	};
}

/** Every channel × API version pair the API has, for documentation and tests. */
export function supportedPairs(): Array<{ channel: Channel; apiVersion: ApiVersion }> {
	const pairs: Array<{ channel: Channel; apiVersion: ApiVersion }> = [];
	for (const apiVersion of Object.keys(SUPPORT) as ApiVersion[]) {
		for (const channel of Object.keys(SUPPORT[apiVersion]) as Channel[])
			pairs.push({ channel, apiVersion });
	}
	return pairs;
}

/** Where a create field shows beyond its channels: `show` values, in the order n8n checks them. */
export interface CreateConditions {
	apiVersion?: ApiVersion[];
	accessTokenType?: string[];
	facebookSecretsFrom?: Array<'credential' | 'parameters'>;
}

/**
 * One field of the channels' integrations: a node parameter (its name is stored in workflows,
 * never renamed) that is also the API's field of that name. The table below generates the create
 * properties, the Update Fields collection, the labels of messages, what a create reads and
 * sends, and what outputs redact.
 */
export interface ChannelField {
	name: string;
	displayName: string;
	/** `masked`: typed into a password box. `redacted`: also replaced in outputs the API echoes. */
	secret?: 'masked' | 'redacted';
	/**
	 * Sent to the channel's activation (PATCH …/whatsapp/embeddedsignup/{id}), on create once the
	 * creation completed and on update, never in the create or update body.
	 */
	activation?: true;
	/** Type, default and options of a field that is not a plain string. */
	input?: Pick<INodeProperties, 'type' | 'default' | 'typeOptions' | 'options'>;
	/** On create: the channels it shows for (all when absent), further conditions, its texts. */
	create?: {
		channels?: Channel[];
		when?: CreateConditions;
		/** Under Options (a settings reference of the current API), not a field of its own. */
		inOptions?: true;
		required?: true;
		placeholder?: string;
		description?: string;
	};
	/** In Update Fields: the channels whose update takes it (all when absent), its texts. */
	update?: {
		channels?: Channel[];
		/** Only while Facebook secrets are typed (from the credential they come by themselves). */
		typedSecret?: true;
		description?: string;
	};
}

type CreateSpec = NonNullable<ChannelField['create']>;

const FACEBOOK: Channel[] = ['facebook', 'instagram'];
const TYPED: CreateConditions['facebookSecretsFrom'] = ['parameters'];
/** Twitter's create fields differ by API version: OAuth 2.0 signup (current), keys (legacy). */
const TWITTER_CURRENT: CreateSpec = { channels: ['twitter'], when: { apiVersion: ['current'] } };
const TWITTER_LEGACY: CreateSpec = { channels: ['twitter'], when: { apiVersion: ['legacy'] } };
/** The channels of the current API, which take the settings references. */
const CURRENT_CHANNELS: Channel[] = [
	'apple',
	'facebook',
	'instagram',
	'open',
	'twitter',
	'whatsapp',
];
const PAGE_TOKEN_HINT =
	'Best mapped from the previous node with an expression, e.g. pageAccessToken from Facebook Messenger → Token → Get Page Tokens';
const INACTIVE_ONLY = 'Only while the integration is inactive';
const MESSAGING_SETTING =
	'ID of a messaging setting (Admin → Message → Platform Configs) to apply; current API only';
const SUPPORTED_CONTENT =
	'ID of a supported content profile (allowed media types); current API only';

/**
 * Every channel field, in the order the create form shows them (Update Fields lists them by name).
 * @see https://developer.genesys.cloud/commdigital/digital/
 */
export const CHANNEL_FIELDS: ChannelField[] = [
	{
		name: 'name',
		displayName: 'Name',
		create: {
			required: true,
			placeholder: 'e.g. Support Page',
			description:
				'Name of the integration in Genesys Cloud (also used to find it again if a create is interrupted)',
		},
		update: {},
	},
	{
		name: 'accessTokenType',
		displayName: 'Authenticate With',
		input: {
			type: 'options',
			default: 'pageAccessToken',
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
		create: { channels: FACEBOOK },
	},
	{
		name: 'pageAccessToken',
		displayName: 'Page Access Token',
		secret: 'redacted',
		create: {
			channels: FACEBOOK,
			when: { accessTokenType: ['pageAccessToken'], facebookSecretsFrom: TYPED },
			description: PAGE_TOKEN_HINT,
		},
		update: { channels: FACEBOOK, typedSecret: true, description: PAGE_TOKEN_HINT },
	},
	{
		name: 'userAccessToken',
		displayName: 'User Access Token',
		secret: 'redacted',
		create: {
			channels: FACEBOOK,
			when: { accessTokenType: ['userAccessToken'], facebookSecretsFrom: TYPED },
		},
		update: { channels: FACEBOOK, typedSecret: true },
	},
	{
		name: 'pageId',
		displayName: 'Page ID',
		create: {
			channels: FACEBOOK,
			description: 'Numeric ID of the Facebook Page (required with a user token)',
		},
	},
	{
		name: 'appId',
		displayName: 'App ID',
		create: {
			channels: FACEBOOK,
			when: { facebookSecretsFrom: TYPED },
			description:
				'Your own Facebook app; leave empty to use the Genesys Cloud app (required on the legacy API)',
		},
	},
	{
		name: 'appSecret',
		displayName: 'App Secret',
		secret: 'redacted',
		create: {
			channels: FACEBOOK,
			when: { facebookSecretsFrom: TYPED },
			description: 'Secret of the app above (required when App ID is set)',
		},
	},
	{
		name: 'outboundNotificationWebhookUrl',
		displayName: 'Outbound Webhook URL',
		create: {
			channels: ['open'],
			placeholder: 'https://example.com/genesys/outbound',
			description: 'Where Genesys Cloud posts agent messages (https)',
		},
		update: { channels: ['open'] },
	},
	{
		name: 'outboundNotificationWebhookSignatureSecretToken',
		displayName: 'Outbound Webhook Signature Secret',
		secret: 'redacted',
		create: {
			channels: ['open'],
			description: 'Secret Genesys Cloud signs outbound webhooks with (X-Hub-Signature-256)',
		},
		update: { channels: ['open'] },
	},
	{
		name: 'webhookHeaders',
		displayName: 'Webhook Headers',
		input: {
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
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
		create: { channels: ['open'], placeholder: 'Add Header' },
		update: { channels: ['open'] },
	},
	// Twitter (X) on the current API: OAuth 2.0 PKCE signup.
	{
		name: 'signupCode',
		displayName: 'Signup Code',
		secret: 'redacted',
		create: {
			...TWITTER_CURRENT,
			description: 'The authorization code X returned to the redirect URI',
		},
		update: { channels: ['twitter'] },
	},
	{
		name: 'appId',
		displayName: 'X App Client ID',
		create: TWITTER_CURRENT,
	},
	{
		name: 'codeChallenge',
		displayName: 'Code Challenge',
		create: TWITTER_CURRENT,
		update: { channels: ['twitter'] },
	},
	{
		name: 'redirectUri',
		displayName: 'Redirect URI',
		create: TWITTER_CURRENT,
		update: { channels: ['twitter'] },
	},
	// Twitter on the legacy API: consumer keys and an Account Activity tier.
	{
		name: 'consumerKey',
		displayName: 'Consumer Key',
		create: TWITTER_LEGACY,
	},
	{
		name: 'consumerSecret',
		displayName: 'Consumer Secret',
		secret: 'redacted',
		create: TWITTER_LEGACY,
	},
	{
		name: 'accessTokenKey',
		displayName: 'Access Token Key',
		secret: 'masked',
		create: TWITTER_LEGACY,
	},
	{
		name: 'accessTokenSecret',
		displayName: 'Access Token Secret',
		secret: 'redacted',
		create: TWITTER_LEGACY,
	},
	{
		name: 'tier',
		displayName: 'Tier',
		input: {
			type: 'options',
			default: 'premium',
			options: [
				{ name: 'Enterprise', value: 'enterprise' },
				{ name: 'Premium', value: 'premium' },
			],
		},
		create: TWITTER_LEGACY,
	},
	{
		name: 'envName',
		displayName: 'Environment Name',
		create: {
			...TWITTER_LEGACY,
			placeholder: 'e.g. env-beta',
			description: 'The Account Activity environment (required for the premium tier)',
		},
	},
	// WhatsApp: embedded signup.
	{
		name: 'embeddedSignupAccessToken',
		displayName: 'Embedded Signup Access Token',
		secret: 'redacted',
		create: {
			channels: ['whatsapp'],
			description: "The token Meta's WhatsApp embedded signup returned",
		},
	},
	// WhatsApp: the activation of an embedded-signup integration with one of its numbers.
	{
		name: 'phoneNumber',
		displayName: 'Phone Number',
		activation: true,
		create: {
			channels: ['whatsapp'],
			placeholder: 'e.g. +15550100001',
			description:
				"One of the integration's available phone numbers (E.164) to activate it with once the creation completed; leave empty to activate later with Update",
		},
		update: {
			channels: ['whatsapp'],
			description:
				'Activates the integration with one of its available phone numbers (E.164); needs Two-Step Verification PIN',
		},
	},
	{
		name: 'pin',
		displayName: 'Two-Step Verification PIN',
		secret: 'redacted',
		activation: true,
		create: {
			channels: ['whatsapp'],
			description: "The phone number's WhatsApp two-step verification PIN (6 digits)",
		},
		update: {
			channels: ['whatsapp'],
			description: "The phone number's WhatsApp two-step verification PIN (6 digits)",
		},
	},
	// Apple Messages for Business (current API).
	{
		name: 'messagesForBusinessId',
		displayName: 'Messages for Business ID',
		create: {
			channels: ['apple'],
			required: true,
			description: 'The Apple Messages for Business account ID (Apple Business Register)',
		},
	},
	{
		name: 'businessName',
		displayName: 'Business Name',
		create: { channels: ['apple'], description: 'The name of the business shown to customers' },
		update: { channels: ['apple'] },
	},
	{
		name: 'logoUrl',
		displayName: 'Logo URL',
		create: {
			channels: ['apple'],
			placeholder: 'https://example.com/logo.png',
			description: "URL of the business's logo",
		},
		update: { channels: ['apple'] },
	},
	// LINE (legacy API).
	{
		name: 'channelId',
		displayName: 'Channel ID',
		create: { channels: ['line'], description: 'The LINE Messaging API channel ID' },
		update: { channels: ['line'], description: INACTIVE_ONLY },
	},
	{
		name: 'channelSecret',
		displayName: 'Channel Secret',
		secret: 'redacted',
		create: { channels: ['line'] },
		update: { channels: ['line'], description: INACTIVE_ONLY },
	},
	{
		name: 'switcherSecret',
		displayName: 'Switcher Secret',
		secret: 'redacted',
		create: { channels: ['line'], description: 'Needed for switcher-enabled LINE accounts' },
		update: { channels: ['line'] },
	},
	{
		name: 'serviceCode',
		displayName: 'Service Code',
		create: { channels: ['line'], description: 'LINE Enterprise accounts only' },
		update: { channels: ['line'] },
	},
	// The settings references every channel of the current API takes (under Options on create).
	{
		name: 'supportedContentId',
		displayName: 'Supported Content ID',
		create: { inOptions: true, description: SUPPORTED_CONTENT },
		update: { channels: CURRENT_CHANNELS, description: SUPPORTED_CONTENT },
	},
	{
		name: 'messagingSettingId',
		displayName: 'Messaging Setting ID',
		create: { inOptions: true, description: MESSAGING_SETTING },
		update: { channels: CURRENT_CHANNELS, description: MESSAGING_SETTING },
	},
];

/** The settings references (supported content, messaging setting), as the table lists them. */
export const SETTINGS_FIELDS = CHANNEL_FIELDS.filter((field) => field.create?.inOptions);

/** What decides which create fields show: the channel, the API version and two choices. */
export interface CreateChoices {
	channel: Channel;
	apiVersion: ApiVersion;
	accessTokenType?: string;
	facebookSecretsFrom?: 'credential' | 'parameters';
}

/**
 * The fields of their own the create form shows for these choices (a choice left undefined does
 * not narrow), the way n8n's displayOptions show them.
 */
export function createFieldsFor(choices: CreateChoices): ChannelField[] {
	return CHANNEL_FIELDS.filter(({ create }) => {
		if (!create || create.inOptions) return false;
		if (create.channels && !create.channels.includes(choices.channel)) return false;
		return Object.entries(create.when ?? {}).every(([key, values]) => {
			const chosen = choices[key as keyof CreateConditions];
			return chosen === undefined || (values as string[]).includes(chosen);
		});
	});
}

/** The fields a channel's update takes, in table order (the settings references last). */
export function updateFieldsOf(channel: Channel): string[] {
	return CHANNEL_FIELDS.filter(
		({ update }) => update && (!update.channels || update.channels.includes(channel)),
	).map((field) => field.name);
}
