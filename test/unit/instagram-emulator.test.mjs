// The graph.instagram.com emulator answers as Meta documents the Instagram API with Instagram
// Login: Graph's error envelope (OAuthException 190 for a bad or expired token, 2500 without one,
// 100 for a bad parameter or an unknown object), the GET-only token endpoints, and the business
// use case rate limit with its header. The node tests trust these answers.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { start } from '../emulators/instagram/index.mjs';
import { INSTAGRAM } from '../emulators/fixtures.mjs';

let ig;
const auth = (token = INSTAGRAM.accessToken) => ({ authorization: `Bearer ${token}` });
const get = async (path, headers = auth(), init = {}) => {
	const response = await fetch(`${ig.url}${path}`, { headers, ...init });
	return {
		status: response.status,
		headers: response.headers,
		body: JSON.parse(await response.text()),
	};
};

beforeAll(async () => {
	ig = await start({ ports: { instagram: 0 } });
});
afterAll(async () => {
	await ig.close();
});
beforeEach(() => {
	ig.state.rateLimit = null;
});

describe('Instagram Login emulator', () => {
	it('GET /me answers the requested fields of the token’s account', async () => {
		const { status, body } = await get('/v25.0/me?fields=user_id,username');
		assert.equal(status, 200);
		assert.deepEqual(body, {
			id: INSTAGRAM.appScopedId,
			user_id: INSTAGRAM.accountId,
			username: INSTAGRAM.username,
		});
	});

	it('a bad token: 400, OAuthException code 190 with an fbtrace_id', async () => {
		const { status, body } = await get('/v25.0/me', auth('IGAAnope'));
		assert.equal(status, 400);
		assert.equal(body.error.type, 'OAuthException');
		assert.equal(body.error.code, 190);
		assert.match(body.error.fbtrace_id, /^A/);
	});

	it('an expired token: 190 with subcode 463; no token at all: 2500', async () => {
		ig.state.tokens.set('IGAAold', { accountId: INSTAGRAM.accountId, expiresAt: 1, issuedAt: 0 });
		const expired = await get('/v25.0/me', auth('IGAAold'));
		assert.equal(expired.body.error.code, 190);
		assert.equal(expired.body.error.error_subcode, 463);
		const none = await get('/v25.0/me', {});
		assert.equal(none.body.error.code, 2500);
	});

	it('an unknown field or object: code 100', async () => {
		const field = await get('/v25.0/me?fields=email');
		assert.equal(field.status, 400);
		assert.equal(field.body.error.code, 100);
		const object = await get('/v25.0/123/subscribed_apps');
		assert.equal(object.body.error.code, 100);
		assert.equal(object.body.error.error_subcode, 33);
	});

	it('the token endpoints are GET only and read the query, not the Authorization header', async () => {
		const post = await get('/access_token', {}, { method: 'POST' });
		assert.equal(post.status, 400);
		assert.equal(post.body.error.code, 100);
		const headerOnly = await get(`/refresh_access_token?grant_type=ig_refresh_token`, auth());
		assert.equal(headerOnly.body.error.code, 2500);
		const wrongSecret = await get(
			`/access_token?grant_type=ig_exchange_token&client_secret=nope&access_token=${INSTAGRAM.shortLivedToken}`,
			{},
		);
		assert.equal(wrongSecret.body.error.message, 'Error validating client secret.');
	});

	it('over the rate limit: code 80002 and X-Business-Use-Case-Usage with the regain time', async () => {
		ig.state.rateLimit = { limit: 1, windowMs: 3 * 60_000 };
		const first = await get('/v25.0/me');
		assert.equal(first.status, 200);
		assert.ok(first.headers.get('x-business-use-case-usage'));
		const second = await get('/v25.0/me');
		assert.equal(second.status, 400);
		assert.equal(second.body.error.code, 80002);
		const usage = JSON.parse(second.headers.get('x-business-use-case-usage'));
		assert.equal(usage[INSTAGRAM.accountId][0].type, 'instagram');
		assert.ok(usage[INSTAGRAM.accountId][0].estimated_time_to_regain_access >= 2);
	});
});
