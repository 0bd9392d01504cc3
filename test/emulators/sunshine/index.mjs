// Sunshine Conversations (Smooch) API v2 emulator, from the public API specification
// (https://github.com/zendesk/sunshine-conversations-api-spec): /v2/apps/{appId} and the
// Integrations endpoints.
// - Auth: Basic (key id : secret) or Bearer JWT (HS256, header kid = key id, payload scope
//   app|account). Failures: 401 {"errors":[{"code":"unauthorized","title":"Authorization is required"}]}.
// - An app-scoped key reaches only its own app (403 forbidden otherwise).
// - List: cursor paging with page[after] / page[before] (24-char record ids, one at a time),
//   page[size] 1-100 (default 25), filter[types]; {integrations, meta:{hasMore, afterCursor,
//   beforeCursor}, links:{next, prev}}.
// - Errors always in {"errors":[{"code","title"}]}. writeOnly fields (tokens, secrets) are never returned.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { startEmulator, json, basicAuth, bearer } from '../lib/server.mjs';
import { GRAPH, PORTS, SUNSHINE } from '../fixtures.mjs';

export const INTEGRATION_TYPES = [
	'android',
	'apple',
	'custom',
	'instagram',
	'ios',
	'line',
	'mailgun',
	'messagebird',
	'messenger',
	'telegram',
	'twilio',
	'twitter',
	'unity',
	'viber',
	'web',
	'whatsapp',
];
const RECORD_ID = /^[0-9a-f]{24}$/;
/** How many integrations the emulator's app starts with (more than one page of 100). */
export const SEEDED_INTEGRATIONS = 130;
/** The Instagram business account behind the emulator's Facebook page. */
export const INSTAGRAM_BUSINESS = {
	id: '17841400000000001',
	name: 'Bridge Test',
	username: 'bridge.test',
};

const errors = (status, code, title) => json(status, { errors: [{ code, title }] });
class Failure extends Error {
	constructor(response) {
		super(response.body.errors[0].title);
		this.response = response;
	}
}
const fail = (...args) => {
	throw new Failure(errors(...args));
};

/** Record ids like MongoDB ObjectIds: time, then a counter, so they sort by creation. */
function idFactory(start = Math.floor(Date.UTC(2026, 0, 1) / 1000)) {
	let counter = 0;
	const machine = randomBytes(5).toString('hex');
	return () => {
		counter += 1;
		return (
			(start + counter).toString(16).padStart(8, '0') +
			machine +
			counter.toString(16).padStart(6, '0')
		);
	};
}

function seed(state) {
	const types = ['web', 'android', 'ios', 'custom', 'messenger', 'twilio', 'line', 'telegram'];
	for (let i = 0; i < SEEDED_INTEGRATIONS; i++) {
		const type = types[i % types.length];
		const id = state.newId();
		state.integrations.set(id, {
			id,
			type,
			status: 'active',
			displayName: `${type} integration ${i + 1}`,
		});
	}
}

export function createSunshineState() {
	const state = {
		apps: new Map([
			[
				SUNSHINE.appId,
				{
					id: SUNSHINE.appId,
					displayName: 'Bridge Test App',
					settings: { multiConvoEnabled: false },
				},
			],
		]),
		/** key id → {secret, scope, appId} */
		keys: new Map([
			[SUNSHINE.keyId, { secret: SUNSHINE.secret, scope: 'app', appId: SUNSHINE.appId }],
		]),
		/** What Facebook accepts when Sunshine validates a new Instagram/Messenger integration. */
		facebook: {
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			pageTokens: new Map([
				[GRAPH.pageAccessToken, { pageId: GRAPH.pageId, pageName: GRAPH.pageName }],
			]),
		},
		integrations: new Map(),
		newId: idFactory(),
	};
	seed(state);
	return state;
}

const safeEqual = (a, b) => {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && timingSafeEqual(x, y);
};

function verifyJwt(state, token) {
	const parts = token.split('.');
	if (parts.length !== 3) return null;
	let header;
	let payload;
	try {
		header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		return null;
	}
	if (header.alg !== 'HS256') return null;
	const key = state.keys.get(header.kid);
	if (!key) return null;
	const expected = createHmac('sha256', key.secret)
		.update(`${parts[0]}.${parts[1]}`)
		.digest('base64url');
	if (!safeEqual(expected, parts[2])) return null;
	if (payload.scope !== 'app' && payload.scope !== 'account') return null;
	if (payload.scope === 'account' && key.scope !== 'account') return null;
	return key;
}

/** The key that authorized the request; fails 401 like the API. */
function authorize(ctx, state, appId) {
	let key = null;
	const basic = basicAuth(ctx.headers);
	if (basic) {
		const candidate = state.keys.get(basic.username);
		if (candidate && safeEqual(candidate.secret, basic.password)) key = candidate;
	} else {
		const token = bearer(ctx.headers);
		if (token) key = verifyJwt(state, token);
	}
	if (!key) fail(401, 'unauthorized', 'Authorization is required');
	if (!state.apps.has(appId)) fail(404, 'app_not_found', 'App not found');
	if (key.scope === 'app' && key.appId !== appId) fail(403, 'forbidden', 'Cannot access this app');
	return key;
}

function integrationOf(state, id) {
	const integration = state.integrations.get(id);
	if (!integration) fail(404, 'integration_not_found', 'Integration not found');
	return integration;
}

const present = (v) => typeof v === 'string' && v.length > 0;

function create(state, body) {
	if (!body || typeof body !== 'object' || Array.isArray(body))
		fail(400, 'bad_request', 'Invalid JSON body');
	if (!INTEGRATION_TYPES.includes(body.type)) fail(400, 'bad_request', 'Invalid integration type');
	if (body.type !== 'instagram' && body.type !== 'messenger')
		fail(400, 'bad_request', `The emulator only creates instagram and messenger integrations`);
	for (const field of ['pageAccessToken', 'appId', 'appSecret']) {
		if (!present(body[field])) fail(400, 'bad_request', `${field} is required`);
	}
	if (
		body.displayName !== undefined &&
		(typeof body.displayName !== 'string' || body.displayName.length > 100)
	) {
		fail(400, 'bad_request', 'displayName must be a string of at most 100 characters');
	}
	for (const flag of ['storyRepliesEnabled', 'storyMentionsEnabled']) {
		if (body[flag] !== undefined && (body.type !== 'instagram' || typeof body[flag] !== 'boolean'))
			fail(400, 'bad_request', `Invalid field: ${flag}`);
	}
	if (body.pageId !== undefined && (body.type !== 'messenger' || typeof body.pageId !== 'number'))
		fail(400, 'bad_request', 'pageId must be a number');
	// Sunshine checks the Facebook app and page token with Facebook before it saves anything.
	if (body.appId !== state.facebook.appId || body.appSecret !== state.facebook.appSecret) {
		fail(400, 'bad_request', 'Invalid Facebook app credentials');
	}
	const page = state.facebook.pageTokens.get(body.pageAccessToken);
	if (!page) fail(400, 'bad_request', 'Invalid Facebook page access token');
	if (
		body.type === 'messenger' &&
		body.pageId !== undefined &&
		String(body.pageId) !== page.pageId
	) {
		fail(400, 'bad_request', 'The page access token does not belong to pageId');
	}
	const id = state.newId();
	const integration =
		body.type === 'instagram'
			? {
					id,
					type: 'instagram',
					status: 'active',
					displayName: body.displayName ?? null,
					businessName: INSTAGRAM_BUSINESS.name,
					businessUsername: INSTAGRAM_BUSINESS.username,
					pageId: page.pageId,
					businessId: INSTAGRAM_BUSINESS.id,
					storyRepliesEnabled: body.storyRepliesEnabled ?? true,
					storyMentionsEnabled: body.storyMentionsEnabled ?? true,
				}
			: {
					id,
					type: 'messenger',
					status: 'active',
					displayName: body.displayName ?? null,
					pageId: Number(page.pageId),
					pageName: page.pageName,
				};
	state.integrations.set(id, integration);
	return json(201, { integration });
}

const UPDATABLE = {
	instagram: [
		'displayName',
		'defaultResponderId',
		'pageAccessToken',
		'storyRepliesEnabled',
		'storyMentionsEnabled',
	],
	messenger: ['displayName', 'defaultResponderId', 'pageAccessToken'],
};

function update(state, id, body) {
	const integration = integrationOf(state, id);
	const allowed = UPDATABLE[integration.type] ?? ['displayName', 'defaultResponderId'];
	for (const key of Object.keys(body ?? {})) {
		if (!allowed.includes(key))
			fail(400, 'bad_request', `Invalid field for a ${integration.type} integration: ${key}`);
	}
	if (
		body.displayName !== undefined &&
		(typeof body.displayName !== 'string' || body.displayName.length > 100)
	) {
		fail(400, 'bad_request', 'displayName must be a string of at most 100 characters');
	}
	if (body.pageAccessToken !== undefined && !state.facebook.pageTokens.has(body.pageAccessToken)) {
		fail(400, 'bad_request', 'Invalid Facebook page access token');
	}
	for (const key of ['displayName', 'storyRepliesEnabled', 'storyMentionsEnabled']) {
		if (body[key] !== undefined) integration[key] = body[key];
	}
	return json(200, { integration });
}

function list(ctx, state, appId) {
	const query = ctx.query;
	const bad = () => fail(400, 'bad_request', 'Invalid query parameters');
	const sizeRaw = query['page[size]'];
	const size = sizeRaw === undefined ? 25 : Number(sizeRaw);
	if (!Number.isInteger(size) || size < 1 || size > 100) bad();
	const after = query['page[after]'];
	const before = query['page[before]'];
	if (after !== undefined && before !== undefined) bad();
	for (const cursor of [after, before])
		if (cursor !== undefined && (typeof cursor !== 'string' || !RECORD_ID.test(cursor))) bad();
	const typesRaw = query['filter[types]'];
	const types = typesRaw === undefined ? [] : String(typesRaw).split(',').filter(Boolean);
	if (types.some((t) => !INTEGRATION_TYPES.includes(t))) bad();
	const all = [...state.integrations.values()]
		.filter((i) => !types.length || types.includes(i.type))
		.sort((a, b) => (a.id < b.id ? -1 : 1));
	let start = 0;
	let end;
	if (after !== undefined) start = all.findIndex((i) => i.id > after);
	if (start === -1) start = all.length;
	if (before !== undefined) {
		end = all.findIndex((i) => i.id >= before);
		if (end === -1) end = all.length;
		start = Math.max(0, end - size);
	} else end = Math.min(all.length, start + size);
	const integrations = all.slice(start, end);
	const hasMore = end < all.length;
	const meta = { hasMore };
	const links = {};
	const link = (key, id) => {
		const url = new URL(`${ctx.emulator.url}/v2/apps/${appId}/integrations`);
		url.searchParams.set(key, id);
		url.searchParams.set('page[size]', String(size));
		if (types.length) url.searchParams.set('filter[types]', types.join(','));
		return url.toString();
	};
	if (hasMore && integrations.length) {
		meta.afterCursor = integrations.at(-1).id;
		links.next = link('page[after]', meta.afterCursor);
	}
	if (start > 0 && integrations.length) {
		meta.beforeCursor = integrations[0].id;
		links.prev = link('page[before]', meta.beforeCursor);
	}
	return json(200, { integrations, meta, links });
}

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const state = createSunshineState();
	const route = (handler) => (ctx) => {
		try {
			authorize(ctx, state, ctx.params.appId);
			return handler(ctx);
		} catch (error) {
			if (error instanceof Failure) return error.response;
			throw error;
		}
	};
	const emulator = await startEmulator({
		name: 'sunshine',
		port: ports.sunshine,
		host,
		routes: [
			[
				'GET',
				'/v2/apps/:appId',
				route((ctx) => json(200, { app: state.apps.get(ctx.params.appId) })),
			],
			['POST', '/v2/apps/:appId/integrations', route((ctx) => create(state, ctx.body))],
			['GET', '/v2/apps/:appId/integrations', route((ctx) => list(ctx, state, ctx.params.appId))],
			[
				'GET',
				'/v2/apps/:appId/integrations/:integrationId',
				route((ctx) => json(200, { integration: integrationOf(state, ctx.params.integrationId) })),
			],
			[
				'PATCH',
				'/v2/apps/:appId/integrations/:integrationId',
				route((ctx) => update(state, ctx.params.integrationId, ctx.body ?? {})),
			],
			[
				'DELETE',
				'/v2/apps/:appId/integrations/:integrationId',
				route((ctx) => {
					integrationOf(state, ctx.params.integrationId);
					state.integrations.delete(ctx.params.integrationId);
					return json(200, {});
				}),
			],
		],
		notFound: () => errors(404, 'not_found', 'Resource not found'),
	});
	emulator.state = state;
	return emulator;
}
