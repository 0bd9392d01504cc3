// The world the Graph emulator serves: one app, one user managing many Pages, PSIDs with
// profiles, and the subscriptions and messages that calls create.
import { GRAPH } from '../fixtures.mjs';

/** PSIDs with special behaviour in the Send API (messaging.mjs). */
export const SPECIAL_PSIDS = {
	/** Last message from this person was 3 days ago: only HUMAN_AGENT may reach them. */
	outsideWindow: '24000000000000002',
	/** Blocked the Page: every send fails with 551. */
	unavailable: '24000000000000003',
};

/** PSIDs of the bulk recipients (bench and throughput tests): bulkPsid(0) … bulkPsid(199). */
export const bulkPsid = (i) => String(25000000000000000n + BigInt(i));

export function createGraphState() {
	const app = { id: GRAPH.appId, secret: GRAPH.appSecret, name: 'Bridge Test App' };
	const tokens = new Map();
	tokens.set(`${app.id}|${app.secret}`, { kind: 'app', id: app.id });
	tokens.set(GRAPH.userAccessToken, {
		kind: 'user',
		id: GRAPH.userId,
		expiresAt: 0,
		scopes: ['pages_show_list', 'pages_messaging', 'pages_manage_metadata'],
	});
	tokens.set(GRAPH.shortLivedUserToken, {
		kind: 'user',
		id: GRAPH.userId,
		expiresAt: Math.floor(Date.now() / 1000) + 3600,
		scopes: ['pages_show_list', 'pages_messaging', 'pages_manage_metadata'],
	});

	const pages = [];
	for (let i = 0; i < GRAPH.managedPages; i++) {
		const id = i === 0 ? GRAPH.pageId : String(BigInt(GRAPH.pageId) + BigInt(i));
		const accessToken = i === 0 ? GRAPH.pageAccessToken : `EAAemulatorPageToken${id}`;
		pages.push({
			id,
			name: i === 0 ? GRAPH.pageName : `Bridge Page ${String(i).padStart(3, '0')}`,
			category: i % 3 === 0 ? 'Software' : 'Local business',
			tasks:
				i % 5 === 4
					? ['ANALYZE']
					: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
			picture: {
				data: {
					url: `https://scontent.example/${id}.png`,
					height: 50,
					width: 50,
					is_silhouette: false,
				},
			},
			accessToken,
		});
		tokens.set(accessToken, {
			kind: 'page',
			id,
			expiresAt: 0,
			scopes: ['pages_messaging', 'pages_manage_metadata'],
		});
	}

	return {
		app,
		tokens,
		pages,
		/** When true, every user/page call without appsecret_proof fails (Meta's "Require App Secret"). */
		requireAppSecretProof: false,
		/** App-level webhook subscriptions: object → {object, callback_url, fields: [{name, version}], active, verify_token}. */
		appSubscriptions: new Map(),
		/** Page-level subscriptions: pageId → Map(appId → subscribed_fields[]). */
		pageSubscriptions: new Map(),
		/** Messages accepted by the Send API, in order. */
		sent: [],
		/** How long the Send API holds each call before answering (ms), and the sends open now / at most. */
		sendHoldMs: 0,
		sendsInFlight: 0,
		maxSendsInFlight: 0,
		/** Reusable attachments: id → attachment. */
		attachments: new Map(),
		/** PSID → profile. */
		profiles: new Map([
			[
				GRAPH.psid,
				{
					id: GRAPH.psid,
					first_name: 'Ada',
					last_name: 'Lovelace',
					name: 'Ada Lovelace',
					profile_pic: 'https://scontent.example/ada.png',
					locale: 'en_GB',
					timezone: 0,
					gender: 'female',
				},
			],
			[
				SPECIAL_PSIDS.outsideWindow,
				{
					id: SPECIAL_PSIDS.outsideWindow,
					first_name: 'Grace',
					last_name: 'Hopper',
					name: 'Grace Hopper',
					profile_pic: 'https://scontent.example/grace.png',
					locale: 'en_US',
					timezone: -5,
					lastMessageAt: Date.now() - 3 * 86400_000,
				},
			],
			[
				SPECIAL_PSIDS.unavailable,
				{
					id: SPECIAL_PSIDS.unavailable,
					first_name: 'Alan',
					last_name: 'Turing',
					name: 'Alan Turing',
					profile_pic: 'https://scontent.example/alan.png',
					locale: 'en_GB',
					timezone: 0,
					blockedPage: true,
				},
			],
			...Array.from({ length: 200 }, (_, i) => [
				bulkPsid(i),
				{
					id: bulkPsid(i),
					first_name: `Bulk${i}`,
					last_name: 'Recipient',
					name: `Bulk${i} Recipient`,
					profile_pic: `https://scontent.example/bulk${i}.png`,
					locale: 'en_US',
					timezone: 1,
				},
			]),
		]),
		/** Send API rate limit for tests: {limit, windowMs, code, subcode} → calls beyond limit per window fail. */
		sendRateLimit: null,
	};
}
