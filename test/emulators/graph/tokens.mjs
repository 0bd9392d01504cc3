// Token tools: /oauth/access_token (fb_exchange_token) and /debug_token. Parameters are read
// from the query or, as Graph also accepts, from a form/JSON POST body.
import { randomBytes } from 'node:crypto';
import { authorize, fail } from './core.mjs';
import { json } from '../lib/server.mjs';

const SIXTY_DAYS = 60 * 86400;

const params = (ctx) => {
	const { method: _method, ...body } = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
	return { ...ctx.query, ...body };
};

function exchange(state, ctx) {
	const p = params(ctx);
	if (p.grant_type !== 'fb_exchange_token')
		fail(400, 100, 'Unsupported grant_type: use fb_exchange_token', { type: 'OAuthException' });
	if (p.client_id === undefined) fail(400, 101, 'Missing client_id parameter.');
	if (p.client_id !== state.app.id)
		fail(400, 101, 'Error validating application. Invalid application ID.');
	if (p.client_secret === undefined) fail(400, 1, 'Missing client_secret parameter.');
	if (p.client_secret !== state.app.secret) fail(400, 1, 'Error validating client secret.');
	if (!p.fb_exchange_token) fail(400, 1, 'Missing fb_exchange_token parameter.');
	const identity = state.tokens.get(String(p.fb_exchange_token));
	if (!identity || identity.kind !== 'user')
		fail(400, 190, 'Invalid OAuth access token - Cannot parse access token');
	if (identity.expired)
		fail(400, 190, 'Error validating access token: Session has expired.', { subcode: 463 });
	const token = `EAAemulatorLongLived${randomBytes(12).toString('hex')}`;
	const expiresIn = SIXTY_DAYS - 1;
	state.tokens.set(token, {
		...identity,
		expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
		exchangedFrom: 'short',
	});
	state.exchanges = (state.exchanges ?? 0) + 1;
	return json(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
}

function debug(state, ctx) {
	// Graph's method override: a POST carrying method=GET is read as the GET it stands for.
	if (ctx.method === 'POST' && String(ctx.body?.method ?? '').toUpperCase() !== 'GET') {
		fail(
			400,
			100,
			"Unsupported post request. Object with ID 'debug_token' does not support this operation.",
			{ subcode: 33, type: 'GraphMethodException' },
		);
	}
	// Meta: the caller's token is an app token or a token of an app developer.
	authorize(ctx, state, ['app', 'user']);
	const p = params(ctx);
	if (!p.input_token) fail(400, 100, '(#100) The parameter input_token is required');
	const identity = state.tokens.get(String(p.input_token));
	const now = Math.floor(Date.now() / 1000);
	if (!identity) {
		return json(200, {
			data: {
				error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
				is_valid: false,
				scopes: [],
			},
		});
	}
	const data = {
		app_id: state.app.id,
		type: identity.kind.toUpperCase(),
		application: state.app.name,
		data_access_expires_at: now + 90 * 86400,
		expires_at: identity.expiresAt ?? 0,
		is_valid: !identity.expired,
		issued_at: now - 60,
		scopes: identity.scopes ?? [],
		granular_scopes: (identity.scopes ?? []).map((scope) => ({
			scope,
			...(scope.startsWith('pages_')
				? { target_ids: state.pages.slice(0, 3).map((pg) => pg.id) }
				: {}),
		})),
	};
	if (identity.kind === 'user') data.user_id = identity.id;
	if (identity.kind === 'page') {
		data.profile_id = identity.id;
		data.user_id = [...state.tokens.values()].find((t) => t.kind === 'user')?.id;
	}
	return json(200, { data });
}

export function tokenRoutes(state) {
	return [
		['GET', '/oauth/access_token', (ctx) => exchange(state, ctx)],
		['POST', '/oauth/access_token', (ctx) => exchange(state, ctx)],
		['GET', '/debug_token', (ctx) => debug(state, ctx)],
		['POST', '/debug_token', (ctx) => debug(state, ctx)],
	];
}
