// The Facebook Messenger node on the Instagram Login route (Authentication = Instagram Login):
// its real execute() against the graph.instagram.com emulator over loopback. Token exchange and
// refresh (the two GET-only endpoints), profiles, the account's webhook subscription, Meta's
// errors with the Instagram hints, rate limits, and the operations the route refuses before
// any call.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { CredentialStore, loadNode, runExecute, workflow } from '../helpers/harness.mjs';
import { start as startInstagram } from '../emulators/instagram/index.mjs';
import { start as startGraph } from '../emulators/graph/index.mjs';
import { GRAPH, INSTAGRAM } from '../emulators/fixtures.mjs';
import { SPECIAL_IGSIDS } from '../emulators/instagram/state.mjs';

const { NodeApiError, NodeOperationError } = workflow;
const node = loadNode('FacebookMessenger');
let ig;
let graph;

/** An Instagram Login credential at the emulator (and, to prove they stay unused, the Facebook ones). */
const credentials = (overrides = {}) =>
	new CredentialStore({
		instagramLoginApi: {
			appId: INSTAGRAM.appId,
			appSecret: INSTAGRAM.appSecret,
			accessToken: INSTAGRAM.accessToken,
			graphApiBaseUrl: ig.url,
			...overrides,
		},
		facebookAppApi: {
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			userAccessToken: GRAPH.userAccessToken,
			graphApiBaseUrl: graph.url,
		},
		facebookPageApi: {
			pageAccessToken: GRAPH.pageAccessToken,
			pageId: GRAPH.pageId,
			graphApiBaseUrl: graph.url,
		},
	});

const run = (parameters, { credentials: overrides, route = 'instagramLogin', ...extra } = {}) =>
	runExecute(node, {
		parameters: { authentication: route, ...parameters },
		credentials: credentials(overrides),
		...extra,
	});
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const SECRETS = [INSTAGRAM.appSecret, INSTAGRAM.accessToken, INSTAGRAM.shortLivedToken];

/** Every call but the two token grants carries the token in the Authorization header only. */
function assertCleanRequests() {
	assert.ok(ig.requests.length > 0, 'the emulator was called');
	for (const request of ig.requests) {
		if (/access_token$/.test(request.path)) continue;
		for (const secret of SECRETS)
			assert.ok(!request.url.includes(secret), `secret in ${request.url}`);
		assert.ok(!('access_token' in request.query), 'access_token in query');
		assert.equal(request.headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
	}
	assert.equal(graph.requests.length, 0, 'nothing went to graph.facebook.com');
}

/** What an error shows a user (message, description, facts) carries no secret. */
function assertNoSecretIn(error) {
	const text = JSON.stringify({
		message: error.message,
		description: error.description,
		context: error.context,
	});
	for (const secret of SECRETS) assert.ok(!text.includes(secret), 'secret in the error');
}

beforeAll(async () => {
	ig = await startInstagram({ ports: { instagram: 0 } });
	graph = await startGraph({ ports: { graph: 0 } });
});
afterAll(async () => {
	await ig.close();
	await graph.close();
});
beforeEach(() => {
	ig.clearRequests();
	ig.clearFaults();
	graph.clearRequests();
	ig.state.rateLimit = null;
	ig.state.subscribedFields = [];
});

describe('user: getProfile', () => {
	it('reads the Instagram profile fields of an IGSID, token in the header only', async () => {
		const [profile] = json(
			await run({
				resource: 'user',
				operation: 'getProfile',
				userId: INSTAGRAM.igsid,
				instagramFields: ['name', 'username', 'follower_count', 'is_user_follow_business'],
			}),
		);
		assert.deepEqual(profile, {
			id: INSTAGRAM.igsid,
			name: 'Ada Lovelace',
			username: 'ada.codes',
			follower_count: 312,
			is_user_follow_business: true,
		});
		assert.match(ig.requests[0].path, new RegExp(`^/v\\d+\\.\\d+/${INSTAGRAM.igsid}$`));
		assert.equal(
			ig.requests[0].query.fields,
			'name,username,follower_count,is_user_follow_business',
		);
		assertCleanRequests();
	});

	it('asks for name, username and profile_pic by default', async () => {
		json(await run({ resource: 'user', operation: 'getProfile', userId: INSTAGRAM.igsid }));
		assert.equal(ig.requests[0].query.fields, 'name,username,profile_pic');
	});

	it("a bad token fails with Meta's 190 and the Instagram token hint, no secret shown", async () => {
		const { error } = await run(
			{ resource: 'user', operation: 'getProfile', userId: INSTAGRAM.igsid },
			{ credentials: { accessToken: 'IGAAnotATokenTheEmulatorKnows' } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Invalid OAuth access token - Cannot parse access token');
		assert.match(error.description, /Instagram access token is invalid or expired/);
		assert.match(error.description, /code 190/);
		assert.equal(ig.requests.length, 1, 'an invalid token is not retried');
		assertNoSecretIn(error);
	});

	it('a person without consent fails with code 230 and the permission hint', async () => {
		const { error } = await run({
			resource: 'user',
			operation: 'getProfile',
			userId: SPECIAL_IGSIDS.noConsent,
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /User consent is required/);
		assert.match(error.description, /instagram_business_manage_messages/);
	});

	it('refuses a User ID that is not an IGSID before any call', async () => {
		const { error } = await run({ resource: 'user', operation: 'getProfile', userId: '@ada' });
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, /not an IGSID/);
		assert.equal(ig.requests.length, 0);
	});

	it('the Facebook route still reads the profile from graph.facebook.com', async () => {
		const [profile] = json(
			await run(
				{ resource: 'user', operation: 'getProfile', userId: GRAPH.psid },
				{ route: 'facebookPage' },
			),
		);
		assert.equal(profile.first_name, 'Ada');
		assert.equal(ig.requests.length, 0);
		assert.equal(graph.requests.length, 1);
	});
});

describe('token: exchange and refresh', () => {
	it('exchange: the short-lived token of the credential → long-lived, expiry as seconds and time', async () => {
		const before = Date.now();
		const [row] = json(
			await run(
				{ resource: 'token', operation: 'exchange' },
				{ credentials: { accessToken: INSTAGRAM.shortLivedToken } },
			),
		);
		assert.match(row.accessToken, /^IGAAemulatorLongLived/);
		assert.equal(row.tokenType, 'bearer');
		assert.equal(row.expiresIn, 5183944);
		const expiresAt = Date.parse(row.expiresAt);
		assert.ok(expiresAt >= before + 5183944_000 && expiresAt <= Date.now() + 5183944_000);
		assert.equal(ig.state.tokens.get(row.accessToken).longLived, true);
		// Meta's GET-only endpoint: grant type, Instagram app secret and token in the query.
		const [request] = ig.requests;
		assert.equal(request.method, 'GET');
		assert.equal(request.path, '/access_token');
		assert.deepEqual(request.query, {
			grant_type: 'ig_exchange_token',
			client_secret: INSTAGRAM.appSecret,
			access_token: INSTAGRAM.shortLivedToken,
		});
		assert.equal(request.headers.authorization, undefined, 'no second token in a header');
		assert.ok(!Object.keys(request.headers).some((h) => h.startsWith('x-messenger-bridge')));
	});

	it('exchange: an entered token is the one exchanged', async () => {
		json(
			await run({
				resource: 'token',
				operation: 'exchange',
				tokenSource: 'parameter',
				shortLivedToken: INSTAGRAM.shortLivedToken,
			}),
		);
		assert.equal(ig.requests[0].query.access_token, INSTAGRAM.shortLivedToken);
		assert.ok(!Object.keys(ig.requests[0].headers).some((h) => h.startsWith('x-messenger-bridge')));
	});

	it('exchange: without the Instagram app secret it stops before any call', async () => {
		const { error } = await run(
			{ resource: 'token', operation: 'exchange' },
			{ credentials: { appSecret: '' } },
		);
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, /no Instagram App Secret/);
		assert.equal(ig.requests.length, 0);
	});

	it("exchange: a wrong app secret fails with Meta's message, the secret nowhere in the error", async () => {
		const { error } = await run(
			{ resource: 'token', operation: 'exchange' },
			{ credentials: { appSecret: 'wrong-instagram-secret' } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Error validating client secret.');
		assert.equal(ig.requests.length, 1, 'not repeated');
		assert.ok(!JSON.stringify(error.context ?? {}).includes('wrong-instagram-secret'));
		assert.ok(!String(error.description ?? '').includes('wrong-instagram-secret'));
	});

	it('refresh: a long-lived token older than 24 hours → a new one for 60 days', async () => {
		const [row] = json(await run({ resource: 'token', operation: 'refresh' }));
		assert.match(row.accessToken, /^IGAAemulatorLongLived/);
		assert.equal(row.tokenChanged, true);
		assert.equal(row.expiresIn, 5183944);
		assert.ok(Date.parse(row.expiresAt) > Date.now() + 59 * 86400_000);
		const [request] = ig.requests;
		assert.equal(request.method, 'GET');
		assert.equal(request.path, '/refresh_access_token');
		assert.deepEqual(request.query, {
			grant_type: 'ig_refresh_token',
			access_token: INSTAGRAM.accessToken,
		});
		assert.ok(!('client_secret' in request.query), 'refresh needs no app secret');
	});

	it('refresh: a token younger than 24 hours comes back unchanged (tokenChanged false)', async () => {
		const [fresh] = json(
			await run(
				{ resource: 'token', operation: 'exchange' },
				{ credentials: { accessToken: INSTAGRAM.shortLivedToken } },
			),
		);
		const [row] = json(
			await run({
				resource: 'token',
				operation: 'refresh',
				refreshTokenSource: 'parameter',
				longLivedToken: fresh.accessToken,
			}),
		);
		assert.equal(row.tokenChanged, false);
		assert.equal(row.accessToken, fresh.accessToken);
		assert.ok(row.expiresIn <= fresh.expiresIn);
	});

	it("refresh: a short-lived token fails with Meta's answer", async () => {
		const { error } = await run(
			{ resource: 'token', operation: 'refresh' },
			{ credentials: { accessToken: INSTAGRAM.shortLivedToken } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /Only long-lived access tokens can be refreshed/);
	});

	it('refresh: an expired token fails with 190 (subcode 463)', async () => {
		ig.state.tokens.set('IGAAemulatorExpired', {
			accountId: INSTAGRAM.accountId,
			longLived: true,
			issuedAt: 0,
			expiresAt: 1,
			scopes: [],
		});
		const { error } = await run(
			{ resource: 'token', operation: 'refresh' },
			{ credentials: { accessToken: 'IGAAemulatorExpired' } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.match(error.description, /subcode 463/);
		assert.match(error.description, /Token → Refresh/);
	});
});

describe('page: the Instagram account’s webhook subscription', () => {
	it('subscribe, list and unsubscribe act on /me/subscribed_apps of graph.instagram.com', async () => {
		const [subscribed] = json(
			await run({
				resource: 'page',
				operation: 'subscribeApp',
				instagramSubscribedFields: ['messages', 'messaging_seen', 'message_reactions'],
			}),
		);
		assert.deepEqual(subscribed, {
			success: true,
			accountId: 'me',
			subscribedFields: ['messages', 'messaging_seen', 'message_reactions'],
		});
		assert.deepEqual(ig.state.subscribedFields, [
			'messages',
			'messaging_seen',
			'message_reactions',
		]);
		assert.equal(ig.requests[0].method, 'POST');
		assert.match(ig.requests[0].path, /^\/v\d+\.\d+\/me\/subscribed_apps$/);
		assert.equal(
			ig.requests[0].body.subscribed_fields,
			'messages,messaging_seen,message_reactions',
		);

		const apps = json(await run({ resource: 'page', operation: 'getSubscribedApps' }));
		assert.deepEqual(apps, [
			{
				accountId: 'me',
				id: INSTAGRAM.appId,
				name: 'Bridge Instagram App',
				subscribedFields: ['messages', 'messaging_seen', 'message_reactions'],
			},
		]);

		const [removed] = json(await run({ resource: 'page', operation: 'unsubscribeApp' }));
		assert.deepEqual(removed, { success: true, accountId: 'me' });
		assert.deepEqual(ig.state.subscribedFields, []);
		assert.deepEqual(json(await run({ resource: 'page', operation: 'getSubscribedApps' })), []);
		assertCleanRequests();
	});

	it('subscribes with the default fields, addressed by the credential’s account ID', async () => {
		json(
			await run(
				{ resource: 'page', operation: 'subscribeApp' },
				{ credentials: { accountId: INSTAGRAM.accountId } },
			),
		);
		assert.match(ig.requests[0].path, new RegExp(`/${INSTAGRAM.accountId}/subscribed_apps$`));
		assert.deepEqual(ig.state.subscribedFields, [
			'messages',
			'messaging_postbacks',
			'messaging_seen',
			'messaging_referral',
			'message_reactions',
		]);
	});

	it('another account ID fails as Meta answers it (object does not exist)', async () => {
		const { error } = await run(
			{ resource: 'page', operation: 'getSubscribedApps' },
			{ credentials: { accountId: '17841499999999999' } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /does not exist/);
	});

	it('refuses an unknown field or none before any call', async () => {
		for (const fields of [['feed'], []]) {
			const { error } = await run({
				resource: 'page',
				operation: 'subscribeApp',
				instagramSubscribedFields: fields,
			});
			assert.ok(error instanceof NodeOperationError, JSON.stringify(fields));
		}
		assert.equal(ig.requests.length, 0);
	});
});

describe('rate limits', () => {
	it('a throttled read (80002) is repeated after the window and succeeds', async () => {
		ig.state.rateLimit = { limit: 1, windowMs: 700 };
		json(await run({ resource: 'user', operation: 'getProfile', userId: INSTAGRAM.igsid }));
		const [profile] = json(
			await run({ resource: 'user', operation: 'getProfile', userId: INSTAGRAM.igsid }),
		);
		assert.equal(profile.name, 'Ada Lovelace');
		assert.ok(ig.state.rateLimit.rejected >= 1, 'the emulator refused a call');
		assert.ok(ig.requests.length >= 3);
	});

	it('a wait longer than a minute fails at once with the throttling hint', async () => {
		ig.state.rateLimit = { limit: 1, windowMs: 5 * 60_000 };
		json(await run({ resource: 'page', operation: 'getSubscribedApps' }));
		const { error } = await run({ resource: 'page', operation: 'getSubscribedApps' });
		assert.ok(error instanceof NodeApiError);
		assert.match(error.description, /throttling this app or Instagram account/);
		assert.match(error.description, /code 80002/);
		assert.equal(ig.requests.length, 2, 'not repeated');
	});
});

describe('the route decides: operations one route lacks stop before any call', () => {
	const facebookOnly = [
		['page', 'explore'],
		['page', 'get'],
		['token', 'debug'],
		['token', 'getPageTokens'],
		['attachment', 'upload'],
	];
	for (const [resource, operation] of facebookOnly) {
		it(`${resource} → ${operation} on Instagram Login`, async () => {
			const { error } = await run({ resource, operation });
			assert.ok(error instanceof NodeOperationError);
			assert.match(error.message, /not available on the Instagram Login route/);
			assert.match(error.description, /Facebook Login/);
			assert.equal(ig.requests.length + graph.requests.length, 0);
		});
	}

	it('token → refresh on Facebook Login', async () => {
		const { error } = await run(
			{ resource: 'token', operation: 'refresh' },
			{ route: 'facebookPage' },
		);
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, /not available on the Facebook Login/);
		assert.match(error.description, /Token → Exchange/);
		assert.equal(ig.requests.length + graph.requests.length, 0);
	});

	it('a workflow without the parameter runs on the Facebook route, as before', async () => {
		const result = await runExecute(node, {
			parameters: { resource: 'page', operation: 'getSubscribedApps' },
			credentials: credentials(),
		});
		json(result);
		assert.equal(ig.requests.length, 0);
		assert.ok(graph.requests.length > 0);
	});
});
