// Webhook subscriptions, as Graph serves them:
//   app level  GET|POST|DELETE /{app-id}/subscriptions   (app token app_id|app_secret)
//   page level GET|POST|DELETE /{page-id}/subscribed_apps (Page token of that Page)
// POST /{app-id}/subscriptions verifies the callback first, exactly as Meta does: a GET to
// callback_url with hub.mode=subscribe, hub.challenge (an integer) and hub.verify_token, and the
// subscription fails unless the answer is 200 with the exact challenge as its body.
// Facts: Meta's Graph API documentation (App Subscriptions, Page subscribed_apps, Webhooks verification).
import { randomInt } from 'node:crypto';
import { fail, graphError } from './core.mjs';
import { authorize } from './core.mjs';
import { json } from '../lib/server.mjs';

/** Fields the emulator accepts per object (app level). */
export const OBJECT_FIELDS = {
	page: [
		'messages',
		'messaging_postbacks',
		'message_echoes',
		'message_deliveries',
		'message_reads',
		'message_reactions',
		'message_edits',
		'messaging_optins',
		'messaging_referrals',
		'messaging_handovers',
		'messaging_policy_enforcement',
		'messaging_account_linking',
		'standby',
		'messaging_feedback',
		'messaging_game_plays',
		'messaging_customer_information',
		'message_context',
		'messaging_optouts',
		'messaging_appointments',
		'messaging_in_thread_lead_form_submit',
		'response_feedback',
		'calls',
		'call_permission_reply',
		'send_cart',
		'feed',
		'leadgen',
		'mention',
		'name',
		'picture',
		'ratings',
		'conversations',
	],
	instagram: [
		'messages',
		'messaging_postbacks',
		'messaging_seen',
		'message_reactions',
		'messaging_referral',
		'messaging_handover',
		'messaging_optins',
		'standby',
		'comments',
		'live_comments',
		'mentions',
		'story_insights',
		'message_edit',
	],
	user: ['name', 'email', 'picture', 'friends', 'feed', 'photos', 'videos', 'likes'],
	permissions: [
		'pages_messaging',
		'pages_show_list',
		'pages_manage_metadata',
		'instagram_manage_messages',
		'email',
	],
	payments: ['actions', 'disputes'],
};

/** Page fields the subscribed_apps edge accepts. */
const PAGE_FIELDS = OBJECT_FIELDS.page;

/** Graph takes list parameters as "a,b", ["a","b"] or a JSON array string. */
export function listParam(value) {
	if (value === undefined || value === null || value === '') return undefined;
	if (Array.isArray(value)) return value.map(String);
	const text = String(value).trim();
	if (text.startsWith('[')) {
		try {
			return JSON.parse(text).map(String);
		} catch {
			fail(400, 100, `(#100) Param fields must be an array.`, { type: 'OAuthException' });
		}
	}
	return text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
}

const param = (ctx, name) => ctx.body?.[name] ?? ctx.query[name];

/** Meta's callback verification GET. Resolves to an error message, or null when it passed. */
async function verifyCallback(callbackUrl, verifyToken) {
	const challenge = String(randomInt(100_000_000, 2_000_000_000));
	const url = new URL(callbackUrl);
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.challenge', challenge);
	url.searchParams.set('hub.verify_token', verifyToken);
	let response;
	try {
		response = await fetch(url, {
			headers: {
				'user-agent': 'facebookplatform/1.0 (+http://developers.facebook.com)',
				accept: '*/*',
			},
			signal: AbortSignal.timeout(10_000),
			redirect: 'manual',
		});
	} catch (error) {
		return `(#2200) callback verification failed: Couldn't connect to server (${error.cause?.code ?? error.name})`;
	}
	const text = await response.text();
	if (response.status !== 200) {
		return `(#2200) callback verification failed: HTTP Status Code = ${response.status}; HTTP Message = ${response.statusText}`;
	}
	if (text !== challenge) {
		return `(#2200) callback verification failed: Response does not match challenge, expected value="${challenge}", received="${JSON.stringify(text.slice(0, 100)).slice(1, -1)}"`;
	}
	return null;
}

function checkApp(ctx, state) {
	const identity = authorize(ctx, state, ['app']);
	if (ctx.params.appId !== state.app.id || identity.id !== state.app.id) {
		fail(
			400,
			100,
			`(#100) The app ${ctx.params.appId} does not match the app of the access token`,
			{ type: 'GraphMethodException' },
		);
	}
}

/** The Page a page-level call addresses ('me' = the token's Page); only its own Page token may. */
function checkPage(ctx, state) {
	const identity = authorize(ctx, state, ['page', 'user', 'app']);
	if (identity.kind !== 'page')
		fail(400, 210, '(#210) A page access token is required to request this resource.');
	const pageId = ctx.params.pageId === 'me' ? identity.id : ctx.params.pageId;
	if (!state.pages.some((p) => p.id === pageId)) {
		fail(
			400,
			100,
			`Unsupported request. Object with ID '${pageId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
			{ subcode: 33, type: 'GraphMethodException' },
		);
	}
	if (pageId !== identity.id)
		fail(403, 200, '(#200) The Page access token belongs to another Page.', {
			type: 'OAuthException',
		});
	return pageId;
}

const toView = (sub) => ({
	object: sub.object,
	callback_url: sub.callback_url,
	active: sub.active,
	fields: sub.fields.map((name) => ({ name, version: sub.version })),
});

export function subscriptionRoutes(state) {
	return [
		[
			'GET',
			'/:appId/subscriptions',
			(ctx) => {
				checkApp(ctx, state);
				return json(200, { data: [...state.appSubscriptions.values()].map(toView) });
			},
		],

		[
			'POST',
			'/:appId/subscriptions',
			async (ctx) => {
				checkApp(ctx, state);
				const object = param(ctx, 'object');
				const callbackUrl = param(ctx, 'callback_url');
				const verifyToken = param(ctx, 'verify_token');
				const fields = listParam(param(ctx, 'fields'));
				if (!object) fail(400, 100, '(#100) The parameter object is required');
				if (!OBJECT_FIELDS[object])
					fail(
						400,
						100,
						`(#100) Param object must be one of {${Object.keys(OBJECT_FIELDS).join(', ')}}`,
					);
				if (!callbackUrl) fail(400, 100, '(#100) The parameter callback_url is required');
				if (!/^https?:\/\//.test(callbackUrl))
					fail(400, 100, '(#100) Param callback_url must be a valid URL');
				if (!verifyToken) fail(400, 100, '(#100) The parameter verify_token is required');
				if (!fields?.length) fail(400, 100, '(#100) The parameter fields is required');
				const unknown = fields.find((f) => !OBJECT_FIELDS[object].includes(f));
				if (unknown)
					fail(
						400,
						100,
						`(#100) Param fields[${fields.indexOf(unknown)}] must be one of {${OBJECT_FIELDS[object].join(', ')}}`,
					);
				// state.unansweredVerifications = N: the next N verifications find no webhook process
				// listening (queue mode, webhook processes started after main), as Meta reports it.
				state.callbackVerifications = (state.callbackVerifications ?? 0) + 1;
				let failure;
				if (state.unansweredVerifications > 0) {
					state.unansweredVerifications -= 1;
					failure =
						"(#2200) callback verification failed: Couldn't connect to server (ECONNREFUSED)";
				} else {
					failure = await verifyCallback(callbackUrl, verifyToken);
				}
				if (failure) return graphError(400, 2200, failure);
				// Posting again for an object moves its callback and adds fields.
				const existing = state.appSubscriptions.get(object);
				state.appSubscriptions.set(object, {
					object,
					callback_url: callbackUrl,
					verify_token: verifyToken,
					active: true,
					version: ctx.params.version,
					fields: [...new Set([...(existing?.fields ?? []), ...fields])],
				});
				return json(200, { success: true });
			},
		],

		[
			'DELETE',
			'/:appId/subscriptions',
			(ctx) => {
				checkApp(ctx, state);
				const object = param(ctx, 'object');
				const fields = listParam(param(ctx, 'fields'));
				if (object && !OBJECT_FIELDS[object])
					fail(
						400,
						100,
						`(#100) Param object must be one of {${Object.keys(OBJECT_FIELDS).join(', ')}}`,
					);
				if (!object) {
					state.appSubscriptions.clear();
				} else if (!fields?.length) {
					state.appSubscriptions.delete(object);
				} else {
					const existing = state.appSubscriptions.get(object);
					if (existing) {
						existing.fields = existing.fields.filter((f) => !fields.includes(f));
						if (!existing.fields.length) state.appSubscriptions.delete(object);
					}
				}
				return json(200, { success: true });
			},
		],

		[
			'GET',
			'/:pageId/subscribed_apps',
			(ctx) => {
				const pageId = checkPage(ctx, state);
				const apps = state.pageSubscriptions.get(pageId) ?? new Map();
				const data = [...apps.entries()].map(([appId, fields]) => ({
					category: 'Business',
					link: `https://www.facebook.com/games/?app_id=${appId}`,
					name: appId === state.app.id ? state.app.name : `App ${appId}`,
					id: appId,
					subscribed_fields: [...fields],
				}));
				return json(200, { data });
			},
		],

		[
			'POST',
			'/:pageId/subscribed_apps',
			(ctx) => {
				const pageId = checkPage(ctx, state);
				const fields = listParam(param(ctx, 'subscribed_fields'));
				if (!fields?.length) fail(400, 100, '(#100) The parameter subscribed_fields is required');
				const unknown = fields.find((f) => !PAGE_FIELDS.includes(f));
				if (unknown)
					fail(
						400,
						100,
						`(#100) Param subscribed_fields[${fields.indexOf(unknown)}] must be one of {${PAGE_FIELDS.join(', ')}}`,
					);
				if (!state.pageSubscriptions.has(pageId)) state.pageSubscriptions.set(pageId, new Map());
				// The field list is replaced: what is posted is what the app receives from this Page.
				state.pageSubscriptions.get(pageId).set(state.app.id, [...new Set(fields)]);
				return json(200, { success: true });
			},
		],

		[
			'DELETE',
			'/:pageId/subscribed_apps',
			(ctx) => {
				const pageId = checkPage(ctx, state);
				state.pageSubscriptions.get(pageId)?.delete(state.app.id);
				return json(200, { success: true });
			},
		],
	];
}
