/**
 * Which messaging channels each Genesys Cloud API serves and how: the current
 * /api/v2/conversations/messaging/integrations/… API and the legacy /api/v2/messaging/integrations/…
 * one (SDK ≤ 69). LINE left the current API in SDK 194 and Instagram never was on the legacy one,
 * so those combinations are refused before any request.
 */
export type Channel = 'facebook' | 'instagram' | 'line' | 'open' | 'twitter' | 'whatsapp';
export type ApiVersion = 'current' | 'legacy';
export type IntegrationOperation = 'create' | 'delete' | 'get' | 'getAll' | 'update';

export const CHANNEL_NAMES: Record<Channel, string> = {
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
}

const SUPPORT: Record<ApiVersion, Partial<Record<Channel, ChannelSupport>>> = {
	current: {
		facebook: { update: 'PATCH', asyncCreate: true, settings: true },
		instagram: { update: 'PATCH', asyncCreate: true, settings: true },
		open: { update: 'PATCH', asyncCreate: true, settings: true },
		twitter: { update: 'PATCH', asyncCreate: true, settings: true },
		// The certificate-based POST …/whatsapp is deprecated; new numbers come through embedded signup.
		whatsapp: {
			update: 'PATCH',
			createSuffix: '/embeddedsignup',
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
		'LINE integrations are no longer on the current API (Genesys removed them in 2024); choose API Version "Legacy"',
	'legacy:instagram':
		'The legacy API never had Instagram integrations; choose API Version "Current"',
	'legacy:open': 'The legacy API has no Open Messaging integrations; choose API Version "Current"',
	'legacy:whatsapp': 'The legacy API has no WhatsApp integrations; choose API Version "Current"',
};

export interface Route {
	collection: string;
	createPath: string;
	item: (id: string) => string;
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
