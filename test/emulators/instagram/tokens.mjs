// The two token endpoints of the Instagram API with Instagram Login. Both are GET only and read
// their parameters from the query string alone (Meta: "Creating: This operation is not
// supported"), outside the version path (a versioned path is served too).
//   GET /access_token?grant_type=ig_exchange_token&client_secret=…&access_token=<short-lived>
//   GET /refresh_access_token?grant_type=ig_refresh_token&access_token=<long-lived>
// Facts: https://developers.facebook.com/docs/instagram-platform/reference/access_token
//        https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
import { randomBytes } from 'node:crypto';
import { fail, graphError, identityOf, json } from './core.mjs';
import { LONG_LIVED_SECONDS } from './state.mjs';

const DAY = 86400;

const unsupportedPost = (ctx) =>
	graphError(
		400,
		100,
		`Unsupported post request. Object with ID '${ctx.path.split('/').pop()}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
		{ subcode: 33, type: 'GraphMethodException' },
	);

function issue(state, identity) {
	const token = `IGAAemulatorLongLived${randomBytes(12).toString('hex')}`;
	const now = Math.floor(Date.now() / 1000);
	// Meta answers a little under 60 days (its example: 5183944 s).
	const expiresIn = LONG_LIVED_SECONDS - 56;
	state.tokens.set(token, {
		accountId: identity.accountId,
		scopes: identity.scopes,
		longLived: true,
		issuedAt: now,
		expiresAt: now + expiresIn,
	});
	return json(200, { access_token: token, token_type: 'bearer', expires_in: expiresIn });
}

function exchange(state, ctx) {
	const q = ctx.query;
	if (q.grant_type !== 'ig_exchange_token')
		fail(400, 100, 'Unsupported grant_type: use ig_exchange_token', { type: 'OAuthException' });
	if (q.client_secret === undefined) fail(400, 1, 'Missing client_secret parameter.');
	if (q.client_secret !== state.app.secret) fail(400, 1, 'Error validating client secret.');
	const identity = identityOf(state, q.access_token);
	state.exchanges += 1;
	return issue(state, identity);
}

function refresh(state, ctx) {
	const q = ctx.query;
	if (q.grant_type !== 'ig_refresh_token')
		fail(400, 100, 'Unsupported grant_type: use ig_refresh_token', { type: 'OAuthException' });
	const identity = identityOf(state, q.access_token);
	if (!identity.longLived)
		fail(
			400,
			100,
			'(#100) Only long-lived access tokens can be refreshed: exchange the short-lived token first',
			{ type: 'OAuthException' },
		);
	state.refreshes += 1;
	const now = Math.floor(Date.now() / 1000);
	// A token younger than 24 hours is not extended: the same token and expiry come back.
	if (now - identity.issuedAt < DAY) {
		return json(200, {
			access_token: identity.token,
			token_type: 'bearer',
			expires_in: identity.expiresAt - now,
		});
	}
	return issue(state, identity);
}

export function tokenRoutes(state) {
	return [
		['GET', '/access_token', (ctx) => exchange(state, ctx)],
		['POST', '/access_token', unsupportedPost],
		['GET', '/refresh_access_token', (ctx) => refresh(state, ctx)],
		['POST', '/refresh_access_token', unsupportedPost],
	];
}
