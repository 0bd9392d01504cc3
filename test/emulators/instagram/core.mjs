// graph.instagram.com behaviour every route shares: Graph's error envelope (the same body shape
// as graph.facebook.com), the Instagram user token from the Authorization header (or the
// access_token parameter, which the real API also reads and tests forbid the package to use
// outside the two token endpoints), and a business use case rate limit.
// Facts: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login
//        https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
import { fail, GraphFailure, graphError, VERSION } from '../graph/core.mjs';
import { json } from '../lib/server.mjs';

export { fail, GraphFailure, graphError };

/** The token of a call: Bearer header first, then access_token (query or form body). */
export function tokenOf(ctx) {
	const header = ctx.headers.authorization ?? '';
	if (header.startsWith('Bearer ')) return header.slice(7);
	return ctx.query.access_token ?? ctx.body?.access_token;
}

/** The identity of a known, unexpired token; fails like graph.instagram.com otherwise. */
export function identityOf(state, token) {
	if (!token)
		fail(
			400,
			2500,
			'An active access token must be used to query information about the current user.',
		);
	const identity = state.tokens.get(String(token));
	if (!identity) fail(400, 190, 'Invalid OAuth access token - Cannot parse access token');
	if (identity.expired || identity.expiresAt <= Math.floor(Date.now() / 1000))
		fail(400, 190, 'Error validating access token: Session has expired.', { subcode: 463 });
	return { token: String(token), ...identity };
}

/** The caller's identity and the rate-limit headers of its call. */
export function authorize(ctx, state) {
	const identity = identityOf(state, tokenOf(ctx));
	ctx.usageHeaders = countCall(state, identity.accountId);
	return identity;
}

/**
 * The account an id in the path names: `me`, the professional account ID or the app-scoped id
 * of the token's own account; any other id fails as Graph does (does not exist / no permission).
 */
export function accountOf(ctx, state, identity, id = ctx.params.id) {
	const account = state.account;
	if (id === 'me' || id === account.user_id || id === account.id) {
		if (identity.accountId !== account.user_id) fail(400, 190, 'Invalid OAuth access token');
		return account;
	}
	return fail(
		400,
		100,
		`Unsupported ${ctx.method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
		{ subcode: 33, type: 'GraphMethodException' },
	);
}

/**
 * Meta's business use case limit for Instagram, switched on by tests through state.rateLimit:
 * every authorized call counts; the X-Business-Use-Case-Usage header reports the usage and,
 * once the limit is passed, the minutes until access is regained.
 */
export function countCall(state, accountId) {
	const limit = state.rateLimit;
	if (!limit) return {};
	const now = Date.now();
	limit.window ??= { start: now, count: 0 };
	if (now - limit.window.start >= limit.windowMs) limit.window = { start: now, count: 0 };
	limit.window.count += 1;
	const over = limit.window.count > limit.limit;
	const regain = over ? Math.floor((limit.windowMs - (now - limit.window.start)) / 60_000) : 0;
	const usage = {
		[accountId]: [
			{
				type: 'instagram',
				call_count: Math.min(100, Math.round((limit.window.count / limit.limit) * 100)),
				total_cputime: 1,
				total_time: 1,
				estimated_time_to_regain_access: regain,
			},
		],
	};
	const headers = { 'x-business-use-case-usage': JSON.stringify(usage) };
	if (!over) return headers;
	limit.rejected = (limit.rejected ?? 0) + 1;
	const code = limit.code ?? 80002;
	const message =
		code === 4
			? '(#4) Application request limit reached'
			: code === 613
				? '(#613) Calls to this api have exceeded the rate limit.'
				: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.';
	const response = graphError(400, code, message);
	response.headers = { ...response.headers, ...headers };
	throw new GraphFailure(response);
}

/**
 * Wraps route handlers: turns GraphFailure into its response, adds the usage headers of the call
 * and, with `versioned`, the '/:version' prefix and its check.
 */
export function routes(list, { versioned = true } = {}) {
	return list.map(([method, pattern, handler]) => [
		method,
		versioned ? `/:version${pattern}` : pattern,
		async (ctx) => {
			if (versioned && !VERSION.test(ctx.params.version)) {
				return graphError(400, 2500, `Unknown path components: /${ctx.params.version}`);
			}
			try {
				const answer = await handler(ctx);
				if (ctx.usageHeaders) answer.headers = { ...(answer.headers ?? {}), ...ctx.usageHeaders };
				return answer;
			} catch (error) {
				if (error instanceof GraphFailure) return error.response;
				throw error;
			}
		},
	]);
}

export { json };
