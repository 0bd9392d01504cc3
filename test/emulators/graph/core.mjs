// Graph API behaviour every route shares: the error envelope, token resolution from the
// Authorization header (or access_token, which real Graph also accepts and tests forbid the
// package to use), appsecret_proof checking, and version checking.
import { createHmac, randomBytes } from 'node:crypto';
import { json } from '../lib/server.mjs';
import {
	answeringVersion,
	GRAPH_TODAY,
	legacyFeatureOf,
	mayUseLegacyFeatures,
} from './versions.mjs';

export const fbtraceId = () => `A${randomBytes(9).toString('base64url')}`;

/** Graph's error envelope: {error: {message, type, code, error_subcode, fbtrace_id}}. */
export function graphError(
	status,
	code,
	message,
	{ subcode, type = 'OAuthException', userTitle, userMessage, extra } = {},
) {
	return json(status, {
		error: {
			message,
			type,
			code,
			...(subcode !== undefined ? { error_subcode: subcode } : {}),
			...(userTitle ? { error_user_title: userTitle } : {}),
			...(userMessage ? { error_user_msg: userMessage } : {}),
			...(extra ?? {}),
			fbtrace_id: fbtraceId(),
		},
	});
}

/** Thrown inside handlers to answer with a Graph error. */
export class GraphFailure extends Error {
	constructor(response) {
		super(response.body.error.message);
		this.response = response;
	}
}

export const fail = (...args) => {
	throw new GraphFailure(graphError(...args));
};

/**
 * Resolves the caller's token into {token, kind: 'user'|'page'|'app', id}; fails like Graph.
 * @param {object} ctx request context
 * @param {object} state graph state (tokens map, app, requireAppSecretProof)
 * @param {string[]} [allowed] token kinds this route accepts
 */
export function authorize(ctx, state, allowed = ['user', 'page', 'app']) {
	const header = ctx.headers.authorization ?? '';
	const token = header.startsWith('Bearer ')
		? header.slice(7)
		: (ctx.query.access_token ?? ctx.body?.access_token);
	if (!token)
		fail(
			400,
			2500,
			'An active access token must be used to query information about the current user.',
		);
	const identity = state.tokens.get(token);
	if (!identity)
		fail(400, 190, 'Invalid OAuth access token - Cannot parse access token', {
			subcode: undefined,
		});
	if (identity.expired)
		fail(400, 190, 'Error validating access token: Session has expired.', { subcode: 463 });
	const proof = ctx.query.appsecret_proof ?? ctx.body?.appsecret_proof;
	if (proof !== undefined) {
		const time = ctx.query.appsecret_time ?? ctx.body?.appsecret_time;
		const expected = createHmac('sha256', state.app.secret)
			.update(time !== undefined ? `${token}|${time}` : token)
			.digest('hex');
		if (proof !== expected)
			fail(400, 100, 'Invalid appsecret_proof provided in the API argument', {
				type: 'GraphMethodException',
			});
		if (time !== undefined && Math.abs(Date.now() / 1000 - Number(time)) > 300) {
			fail(400, 100, 'Invalid appsecret_time provided in the API argument: the proof has expired', {
				type: 'GraphMethodException',
			});
		}
	} else if (state.requireAppSecretProof && identity.kind !== 'app') {
		fail(400, 100, 'API calls from the server require an appsecret_proof argument', {
			type: 'GraphMethodException',
		});
	}
	if (!allowed.includes(identity.kind)) {
		fail(400, 190, `This method must be called with a ${allowed.join(' or ')} access token.`);
	}
	return { token, ...identity };
}

export const VERSION = /^v\d+\.\d+$/;

/**
 * Wraps route modules: adds the '/:version' prefix, checks the version against Meta's schedule
 * (an expired one is answered as the oldest served version, see versions.mjs), refuses the
 * legacy features new apps lost in November 2026, turns GraphFailure into its response and
 * names the answering version in `facebook-api-version`, as Graph does.
 * `state.today` moves the emulated day; `state.appCreated` (a day) makes the app a new one.
 */
export function versioned(routes, state = {}) {
	return routes.map(([method, pattern, handler]) => [
		method,
		`/:version${pattern}`,
		async (ctx) => {
			const requested = ctx.params.version;
			const answering = VERSION.test(requested)
				? answeringVersion(requested, state.today ?? GRAPH_TODAY)
				: undefined;
			if (!answering) return graphError(400, 2500, `Unknown path components: /${requested}`);
			ctx.graphVersion = answering;
			const headers = { 'facebook-api-version': answering };
			const legacy = mayUseLegacyFeatures(state.appCreated) ? undefined : legacyFeatureOf(ctx);
			try {
				if (legacy) {
					fail(
						400,
						100,
						`(#100) ${legacy} are not available to apps created since November 4, 2026, on any Graph API version`,
						{ type: 'GraphMethodException' },
					);
				}
				const answer = await handler(ctx);
				return { ...answer, headers: { ...headers, ...(answer.headers ?? {}) } };
			} catch (error) {
				if (error instanceof GraphFailure)
					return { ...error.response, headers: { ...headers, ...error.response.headers } };
				throw error;
			}
		},
	]);
}

/** Graph's cursor paging over an array: {data, paging: {cursors: {before, after}, next?}}. */
export function paginate(ctx, items, { defaultLimit = 25, maxLimit = 100 } = {}) {
	const limit = Math.min(
		Math.max(Number(ctx.query.limit ?? defaultLimit) || defaultLimit, 1),
		maxLimit,
	);
	const decode = (cursor) => Number(Buffer.from(String(cursor), 'base64url').toString('utf8'));
	const encode = (index) => Buffer.from(String(index)).toString('base64url');
	const start = ctx.query.after !== undefined ? decode(ctx.query.after) + 1 : 0;
	if (!Number.isFinite(start) || start < 0) fail(400, 100, 'Invalid cursor');
	const data = items.slice(start, start + limit);
	if (data.length === 0) return { data: [] };
	const last = start + data.length - 1;
	const paging = { cursors: { before: encode(start), after: encode(last) } };
	if (last < items.length - 1) {
		const next = new URL(`http://graph.invalid${ctx.path}`);
		for (const [key, value] of Object.entries(ctx.query))
			if (key !== 'after') next.searchParams.set(key, String(value));
		next.searchParams.set('after', paging.cursors.after);
		// Real Graph puts the access token into `next`; the package must never follow it blindly.
		next.searchParams.set('access_token', 'REDACTED-BY-EMULATOR');
		paging.next = next.toString().replace('http://graph.invalid', ctx.emulator.url);
	}
	return { data, paging };
}
