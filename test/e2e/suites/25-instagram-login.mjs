// Facebook Messenger on the Instagram Login route in the real n8n, against the graph.instagram.com
// emulator: token exchange and refresh (expiry in the output), getProfile of an IGSID, the
// account's webhook subscription (subscribe, list, unsubscribe), an operation the route refuses
// before any call, and the Instagram Login credential's Test.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { emulatorCredentials, INSTAGRAM } from '../../emulators/fixtures.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.facebookMessenger';
const credentials = { instagramLoginApi: CREDENTIAL_REFS.instagramLoginApi };
const route = { authentication: 'instagramLogin' };

const flows = {
	exchange: {
		...route,
		resource: 'token',
		operation: 'exchange',
		tokenSource: 'parameter',
		shortLivedToken: '={{ $json.body.token }}',
	},
	refresh: { ...route, resource: 'token', operation: 'refresh' },
	profile: {
		...route,
		resource: 'user',
		operation: 'getProfile',
		userId: '={{ $json.body.userId }}',
		instagramFields: ['name', 'username', 'profile_pic', 'follower_count'],
	},
	subscribe: {
		...route,
		resource: 'page',
		operation: 'subscribeApp',
		instagramSubscribedFields: ['messages', 'messaging_postbacks', 'messaging_seen'],
	},
	listapps: { ...route, resource: 'page', operation: 'getSubscribedApps' },
	unsubscribe: { ...route, resource: 'page', operation: 'unsubscribeApp' },
	explore: { ...route, resource: 'page', operation: 'explore', returnAll: true },
};

const ids = {};
for (const [index, [key, parameters]] of Object.entries(flows).entries()) {
	ids[key] = `mbInstagramLgn${String(index).padStart(2, '0')}`;
	env.addWorkflows(
		webhookWorkflow({
			id: ids[key],
			name: `e2e instagram login ${key}`,
			path: `ig-login-${key}`,
			node: { type: TYPE, name: 'Facebook Messenger', parameters },
			credentials,
		}),
	);
}

const call = async (key, body = {}) => await env.webhook(`ig-login-${key}`, { body });
const ok = async (key, body) => {
	const response = await call(key, body);
	assert.equal(response.status, 200, `${key}: ${response.text.slice(0, 400)}`);
	return response.json;
};

describe('e2e: Facebook Messenger on the Instagram Login route', () => {
	let ig;
	let graph;
	before(() => {
		ig = env.emulators.instagram;
		graph = env.emulators.graph;
	});

	it('token exchange: short-lived → long-lived with expiresIn and expiresAt', async () => {
		// A short-lived token of its own: the test sends it in the webhook body, so the Webhook
		// node's output holds it (90-secret-hygiene.mjs leaves that one out).
		const shortLived = 'IGAAe2eShortLivedForExchange';
		ig.state.tokens.set(shortLived, {
			...ig.state.tokens.get(INSTAGRAM.shortLivedToken),
			handedToN8nByTest: true,
		});
		ig.clearRequests();
		const before = Date.now();
		const [row] = await ok('exchange', { token: shortLived });
		assert.match(row.accessToken, /^IGAAemulatorLongLived/);
		assert.equal(row.tokenType, 'bearer');
		assert.equal(row.expiresIn, 5183944);
		assert.ok(Date.parse(row.expiresAt) >= before + row.expiresIn * 1000 - 1000);
		const [request] = ig.requestsTo('GET', '/access_token');
		assert.equal(request.query.grant_type, 'ig_exchange_token');
		assert.equal(request.query.client_secret, INSTAGRAM.appSecret);
		assert.equal(request.query.access_token, shortLived);
		assert.equal(request.headers.authorization, undefined);
	});

	it("token refresh: the credential's long-lived token renewed for 60 days", async () => {
		ig.clearRequests();
		const [row] = await ok('refresh');
		assert.equal(row.tokenChanged, true);
		assert.equal(row.expiresIn, 5183944);
		assert.ok(Date.parse(row.expiresAt) > Date.now() + 59 * 86400_000);
		const [request] = ig.requestsTo('GET', '/refresh_access_token');
		assert.deepEqual(request.query, {
			grant_type: 'ig_refresh_token',
			access_token: INSTAGRAM.accessToken,
		});
	});

	it('getProfile: the Instagram profile of an IGSID, token in the header only', async () => {
		ig.clearRequests();
		const [profile] = await ok('profile', { userId: INSTAGRAM.igsid });
		assert.deepEqual(profile, {
			id: INSTAGRAM.igsid,
			name: 'Ada Lovelace',
			username: 'ada.codes',
			profile_pic: 'https://scontent.example/ig/ada.jpg',
			follower_count: 312,
		});
		const [request] = ig.requests;
		assert.equal(request.headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
		assert.ok(!request.url.includes(INSTAGRAM.accessToken));
	});

	it('subscribe, list, unsubscribe: the account’s webhook fields on graph.instagram.com', async () => {
		ig.state.subscribedFields = [];
		const graphCalls = graph.requests.length;
		const [subscribed] = await ok('subscribe');
		assert.deepEqual(subscribed, {
			success: true,
			accountId: 'me',
			subscribedFields: ['messages', 'messaging_postbacks', 'messaging_seen'],
		});
		assert.deepEqual(ig.state.subscribedFields, subscribed.subscribedFields);
		const [app] = await ok('listapps');
		assert.deepEqual(app.subscribedFields, subscribed.subscribedFields);
		const [removed] = await ok('unsubscribe');
		assert.equal(removed.success, true);
		assert.deepEqual(ig.state.subscribedFields, []);
		assert.equal(graph.requests.length, graphCalls, 'nothing went to graph.facebook.com');
	});

	it('explore is refused before any call: the route has no Facebook Pages', async () => {
		ig.clearRequests();
		const graphCalls = graph.requests.length;
		const response = await call('explore');
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions(ids.explore);
		const error = env.nodeError(latest, 'Facebook Messenger');
		assert.match(error.message, /not available on the Instagram Login route/);
		assert.match(error.description, /Facebook Login/);
		assert.equal(ig.requests.length, 0);
		assert.equal(graph.requests.length, graphCalls);
	});

	it("the Instagram Login credential's Test passes, and fails with a wrong token", async () => {
		const stored = emulatorCredentials({ ports: env.emulatorPorts }).find(
			(c) => c.type === 'instagramLoginApi',
		);
		const test = async (data) =>
			env.rest('/rest/credentials/test', {
				method: 'POST',
				body: { credentials: { id: stored.id, name: stored.name, type: stored.type, data } },
			});
		ig.clearRequests();
		const good = await test(stored.data);
		assert.equal(good.status, 'OK', JSON.stringify(good));
		const [request] = ig.requests;
		assert.match(request.path, /^\/v\d+\.\d+\/me$/);
		assert.equal(request.query.fields, 'user_id,username');
		assert.equal(request.headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
		assert.ok(!request.url.includes(INSTAGRAM.accessToken));
		const bad = await test({ ...stored.data, accessToken: 'IGAAnotAToken' });
		assert.equal(bad.status, 'Error', JSON.stringify(bad));
	});
});
