// Airy Core emulator: the channel endpoints of the Facebook source and /channels.list.
// @see https://github.com/airyhq/airy/blob/HEAD/backend/components/facebook/connector/src/main/java/co/airy/core/sources/facebook/ChannelsController.java
// - Every call is POST with a snake_case JSON body; when a system token is set the call needs
//   `Authorization: Bearer <token>` (or the bare token); a missing or wrong token is 403 without
//   a body (Airy's token AuthenticationFilter, https://github.com/airyhq/airy/tree/HEAD/lib/java/spring/auth).
// - explore/connect talk to Facebook: a Graph failure becomes 500 {"message": <Graph message>}.
// - disconnect: unknown channel 404, already disconnected 204, success 204 (no body).
// - Missing required fields: 400 without a body (Spring's bean validation); no request body at
//   all: 400 with Spring's JSON error (every endpoint takes a @RequestBody).
// - /channels.list: every channel, connected or not, optionally filtered by `source`
//   (https://github.com/airyhq/airy/blob/HEAD/backend/api/admin/src/main/java/co/airy/core/api/admin/ChannelsController.java).
import { createHash } from 'node:crypto';
import { startEmulator, json } from '../lib/server.mjs';
import { AIRY, GRAPH, PORTS } from '../fixtures.mjs';
import { AIRY_PAGES, EXPIRED_USER_TOKEN, GRAPH_MESSAGES } from './data.mjs';

/** A name-based (version 5 style) UUID, as Airy derives channel ids from source and source id. */
export function channelUuid(source, sourceId) {
	const hash = createHash('sha1').update(`${source}:${sourceId}`).digest();
	hash[6] = (hash[6] & 0x0f) | 0x50;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const empty = (status) => ({ status, body: undefined, headers: {} });
const graphFailure = (message) => json(500, { message });
const present = (value) => typeof value === 'string' && value.length > 0;

export function createAiryState() {
	return {
		token: AIRY.token,
		/** Graph's view: which token may see which pages (the user token sees all). */
		pages: AIRY_PAGES.map((p) => ({ ...p })),
		tokens: new Map([
			[GRAPH.userAccessToken, { kind: 'user', pages: AIRY_PAGES.map((p) => p.id) }],
			[GRAPH.pageAccessToken, { kind: 'page', pages: [GRAPH.pageId] }],
			[EXPIRED_USER_TOKEN, { kind: 'user', expired: true, pages: [] }],
		]),
		/** id → channel, as Airy's Kafka channel store holds them. */
		channels: new Map(),
	};
}

/**
 * Who Graph says a token belongs to: the tokens above, or, when startAll() linked this emulator
 * to the Graph emulator (`state.graph`), every token that one issued (Airy asks Graph), so a
 * Page token from Get Page Tokens or a user token from Exchange works here too.
 */
function identity(state, token) {
	const own = state.tokens.get(token);
	if (own || !state.graph) return own;
	const graph = state.graph.tokens.get(token);
	if (graph?.kind === 'user') return { kind: 'user', pages: state.pages.map((p) => p.id) };
	if (graph?.kind === 'page') return { kind: 'page', pages: [graph.id] };
	return undefined;
}

/** Graph's answer to a token (null when accepted), as Airy would receive it. */
function graphTokenError(state, token) {
	const known = identity(state, token);
	if (!known) return GRAPH_MESSAGES.invalidToken;
	if (known.expired) return GRAPH_MESSAGES.expired;
	return null;
}

const publicChannel = (channel) => ({
	id: channel.id,
	source: channel.source,
	source_channel_id: channel.source_channel_id,
	connected: channel.connection_state === 'CONNECTED',
	metadata: { ...channel.metadata },
});

function connect(state, source, body) {
	if (!present(body?.page_id) || !present(body?.page_token)) return empty(400);
	if (source === 'instagram' && !present(body.account_id)) return empty(400);
	const tokenError = graphTokenError(state, body.page_token);
	if (tokenError) return graphFailure(tokenError);
	const page = state.pages.find((p) => p.id === body.page_id);
	if (!page || !identity(state, body.page_token).pages.includes(page.id)) {
		return graphFailure(GRAPH_MESSAGES.unknownPage(body.page_id));
	}
	// Airy does not check that the Instagram account belongs to the page.
	const sourceId = source === 'instagram' ? body.account_id : page.id;
	const id = channelUuid(source, sourceId);
	const channel = {
		id,
		source,
		source_channel_id: sourceId,
		connection_state: 'CONNECTED',
		// Airy keeps the page token it was given in the channel metadata and returns it.
		metadata:
			source === 'instagram'
				? {
						name: body.name ?? `${page.name} Instagram account`,
						...(body.image_url ? { image_url: body.image_url } : {}),
						page_id: page.id,
						page_token: body.page_token,
						account_id: body.account_id,
					}
				: {
						name: body.name ?? page.name,
						image_url: body.image_url ?? page.picture,
						page_id: page.id,
						page_token: body.page_token,
					},
	};
	state.channels.set(id, channel);
	return json(200, publicChannel(channel));
}

function disconnect(state, body) {
	if (!present(body?.channel_id)) return empty(400);
	const channel = state.channels.get(body.channel_id);
	if (!channel) return empty(404);
	if (channel.connection_state === 'DISCONNECTED') return empty(204);
	channel.connection_state = 'DISCONNECTED';
	delete channel.metadata.page_token;
	return empty(204);
}

function explore(state, body) {
	if (!present(body?.auth_token)) return empty(400);
	const tokenError = graphTokenError(state, body.auth_token);
	if (tokenError) return graphFailure(tokenError);
	const visible = identity(state, body.auth_token).pages;
	const connected = new Set(
		[...state.channels.values()]
			.filter((c) => c.source === 'facebook' && c.connection_state === 'CONNECTED')
			.map((c) => c.source_channel_id),
	);
	const data = state.pages
		.filter((p) => visible.includes(p.id))
		.map((p) => ({
			page_id: p.id,
			name: p.name,
			image_url: p.picture,
			connected: connected.has(p.id),
		}));
	return json(200, { data });
}

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const state = createAiryState();
	const guarded = (handler) => (ctx) => {
		const header = ctx.headers.authorization ?? '';
		const presented = header.startsWith('Bearer') ? header.slice(7) : header;
		if (state.token && presented !== state.token) return empty(403);
		if (!ctx.rawBody.length || typeof ctx.body !== 'object' || ctx.body === null) {
			return json(400, {
				timestamp: new Date().toISOString(),
				status: 400,
				error: 'Bad Request',
				path: ctx.path,
			});
		}
		return handler(ctx);
	};
	const emulator = await startEmulator({
		name: 'airy',
		port: ports.airy,
		host,
		routes: [
			[
				'POST',
				'/channels.list',
				guarded((ctx) => {
					const source = typeof ctx.body.source === 'string' ? ctx.body.source : null;
					const channels = [...state.channels.values()].filter(
						(c) => source === null || c.source === source,
					);
					return json(200, { data: channels.map(publicChannel) });
				}),
			],
			['POST', '/channels.facebook.explore', guarded((ctx) => explore(state, ctx.body))],
			[
				'POST',
				'/channels.facebook.connect',
				guarded((ctx) => connect(state, 'facebook', ctx.body)),
			],
			[
				'POST',
				'/channels.instagram.connect',
				guarded((ctx) => connect(state, 'instagram', ctx.body)),
			],
			['POST', '/channels.facebook.disconnect', guarded((ctx) => disconnect(state, ctx.body))],
			['POST', '/channels.instagram.disconnect', guarded((ctx) => disconnect(state, ctx.body))],
		],
		// Spring answers unknown paths with 404 and a small JSON error.
		notFound: (ctx) =>
			json(404, {
				timestamp: new Date().toISOString(),
				status: 404,
				error: 'Not Found',
				path: ctx.path,
			}),
	});
	emulator.state = state;
	return emulator;
}
