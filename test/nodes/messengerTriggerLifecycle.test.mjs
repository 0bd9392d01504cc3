// Auto Subscribe: the trigger's real checkExists/create/delete against the Graph emulator, which
// verifies the callback URL with a GET exactly as Meta does. The callback URL is a loopback
// server that runs the trigger's own webhook() for that GET.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { loadNode, hookContext, runWebhook, graphCredentials } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH, SECRET_VALUES } from '../emulators/fixtures.mjs';

const node = loadNode('MessengerTrigger');
let graph;
let callback;
let callbackUrl;
/** The parameters the callback server's trigger answers with (tests change them). */
let liveParameters;
/** Requests the callback server received, and an optional override of its answer. */
let callbackHits = [];
let callbackOverride;

const parametersFor = (options = {}, extra = {}) => ({
	object: 'page',
	verifyToken: GRAPH.verifyToken,
	events: [],
	options: { autoSubscribe: true, ...options },
	...extra,
});

/** The fixtures' Facebook credentials on the emulator, with the version a user would type. */
const store = ({ page = true } = {}) =>
	graphCredentials(graph.url, {
		app: { graphApiVersion: 'v25.0' },
		page: page && { graphApiVersion: 'v25.0' },
	});

function hooks(parameters, { staticData = {}, credentials = store() } = {}) {
	const context = hookContext(node, {
		parameters,
		credentials,
		staticData,
		webhookUrl: callbackUrl,
	});
	const m = node.webhookMethods.default;
	return {
		staticData,
		// n8n keeps a node's static data (getWorkflowStaticData('node')) under "node:<node name>".
		nodeStaticData: () => staticData['node:Messenger Trigger'] ?? {},
		checkExists: () => m.checkExists.call(context),
		create: () => m.create.call(context),
		delete: () => m.delete.call(context),
	};
}

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
	callback = createServer(async (req, res) => {
		const url = new URL(req.url, 'http://x');
		callbackHits.push({
			method: req.method,
			query: Object.fromEntries(url.searchParams),
			userAgent: req.headers['user-agent'],
		});
		if (callbackOverride) {
			const { status, body } = callbackOverride(url);
			res.writeHead(status, { 'content-type': 'application/json' });
			return res.end(body);
		}
		const run = await runWebhook(node, {
			parameters: liveParameters,
			credentials: { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } },
			webhookName: req.method === 'GET' ? 'setup' : 'default',
			method: req.method,
			query: Object.fromEntries(url.searchParams),
		});
		res.writeHead(run.res.statusCode, run.res.headers);
		res.end(run.res.body);
	});
	await new Promise((r) => callback.listen(0, '127.0.0.1', r));
	callbackUrl = `http://127.0.0.1:${callback.address().port}/webhook/f2b6a1de-0c1e-4a57-9d8b-0c5f1d7b2a11/webhook`;
});
afterAll(async () => {
	await graph.close();
	await new Promise((r) => callback.close(r));
});
beforeEach(() => {
	graph.state.appSubscriptions.clear();
	graph.state.pageSubscriptions.clear();
	graph.clearRequests();
	graph.clearFaults();
	liveParameters = parametersFor();
	callbackHits = [];
	callbackOverride = undefined;
});

const pageFields = () => graph.state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId);

describe('Messenger Trigger: Auto Subscribe', () => {
	it('off: no Graph call at all', async () => {
		const h = hooks(parametersFor({ autoSubscribe: false }));
		assert.equal(await h.checkExists(), true);
		assert.equal(await h.create(), true);
		assert.equal(await h.delete(), true);
		assert.equal(graph.requests.length, 0);
	});

	it("create: app subscription verified by Meta's GET, then the Page; checkExists; delete undoes both", async () => {
		const h = hooks(liveParameters);
		assert.equal(await h.checkExists(), false);
		assert.equal(await h.create(), true);

		assert.equal(callbackHits.length, 1, 'Meta verified the callback once');
		assert.equal(callbackHits[0].method, 'GET');
		assert.equal(callbackHits[0].query['hub.mode'], 'subscribe');
		assert.equal(callbackHits[0].query['hub.verify_token'], GRAPH.verifyToken);
		assert.match(callbackHits[0].query['hub.challenge'], /^\d+$/);
		const sub = graph.state.appSubscriptions.get('page');
		assert.equal(sub.callback_url, callbackUrl);
		assert.equal(sub.verify_token, GRAPH.verifyToken);
		assert.deepEqual(sub.fields, [
			'message_deliveries',
			'message_edits',
			'message_reactions',
			'message_reads',
			'messages',
			'messaging_account_linking',
			'messaging_handovers',
			'messaging_optins',
			'messaging_policy_enforcement',
			'messaging_postbacks',
			'messaging_referrals',
		]);
		assert.deepEqual(pageFields(), sub.fields);
		assert.ok(h.nodeStaticData().autoSubscribe, 'what was created is recorded');

		// Every call carries its token in the Authorization header, never in the URL.
		for (const r of graph.requests) {
			assert.match(r.headers.authorization ?? '', /^Bearer /);
			assert.ok(!r.url.includes('access_token'), r.url);
			assert.ok(r.query.appsecret_proof, 'appsecret_proof sent');
			for (const secret of SECRET_VALUES) assert.ok(!r.url.includes(secret), `secret in ${r.url}`);
		}
		const post = graph.requestsTo('POST', `/${GRAPH.appId}/subscriptions`)[0];
		assert.equal(post.headers.authorization, `Bearer ${GRAPH.appId}|${GRAPH.appSecret}`);
		assert.equal(post.status, 200);
		assert.equal(
			graph.requestsTo('POST', `/${GRAPH.pageId}/subscribed_apps`)[0].headers.authorization,
			`Bearer ${GRAPH.pageAccessToken}`,
		);

		assert.equal(await h.checkExists(), true);

		graph.clearRequests();
		assert.equal(await h.delete(), true);
		assert.equal(graph.state.appSubscriptions.size, 0);
		assert.equal(pageFields(), undefined);
		assert.deepEqual(
			graph.requests.map((r) => `${r.method} ${r.path}`),
			[
				`DELETE /v25.0/${GRAPH.pageId}/subscribed_apps`,
				`DELETE /v25.0/${GRAPH.appId}/subscriptions`,
			],
		);
		assert.equal(h.nodeStaticData().autoSubscribe, undefined);
		graph.clearRequests();
		assert.equal(await h.delete(), true, 'a second delete has nothing left to undo');
		assert.equal(graph.requests.length, 0);
	});

	it('only the fields the selected events need, echoes and standby included', async () => {
		liveParameters = parametersFor(
			{ includeEchoes: true, includeStandby: true },
			{ events: ['message', 'postback'] },
		);
		await hooks(liveParameters).create();
		assert.deepEqual(graph.state.appSubscriptions.get('page').fields, [
			'message_echoes',
			'messages',
			'messaging_postbacks',
			'standby',
		]);
		assert.deepEqual(pageFields(), [
			'message_echoes',
			'messages',
			'messaging_postbacks',
			'standby',
		]);
	});

	it("Meta's verification fails when the trigger answers with another verify token: nothing subscribed", async () => {
		liveParameters = parametersFor({}, { verifyToken: 'the-token-in-n8n' });
		const h = hooks(parametersFor({}, { verifyToken: 'a-different-token' }));
		await assert.rejects(h.create(), (error) => {
			assert.match(error.message, /callback verification failed: HTTP Status Code = 403/);
			assert.equal(error.constructor.name, 'NodeApiError');
			for (const secret of [...SECRET_VALUES, 'a-different-token'])
				assert.ok(!JSON.stringify(error).includes(secret));
			return true;
		});
		assert.equal(graph.state.appSubscriptions.size, 0);
		assert.equal(pageFields(), undefined);
	});

	it('the emulator refuses a JSON-quoted challenge, as Meta does', async () => {
		callbackOverride = (url) => ({
			status: 200,
			body: JSON.stringify(url.searchParams.get('hub.challenge')),
		});
		await assert.rejects(
			hooks(liveParameters).create(),
			/Response does not match challenge, expected value="\d+", received="\\"\d+\\""/,
		);
		assert.equal(graph.state.appSubscriptions.size, 0);
	});

	it('an app already subscribed with another callback URL is reported, never overwritten', async () => {
		const other = {
			object: 'page',
			callback_url: 'https://other.example/webhook/abc/webhook',
			verify_token: 'x',
			active: true,
			version: 'v25.0',
			fields: ['messages'],
		};
		graph.state.appSubscriptions.set('page', { ...other });
		const h = hooks(liveParameters);
		for (const call of [h.checkExists, h.create]) {
			await assert.rejects(call(), (error) => {
				assert.match(
					error.message,
					/already subscribed to "page" webhooks with another callback URL/,
				);
				assert.match(error.description, /https:\/\/other\.example\/webhook\/abc\/webhook/);
				return true;
			});
		}
		assert.deepEqual(graph.state.appSubscriptions.get('page'), other);
		assert.equal(graph.requestsTo('POST', '/subscriptions').length, 0);
	});

	it('keeps what was there before and restores it on delete', async () => {
		graph.state.appSubscriptions.set('page', {
			object: 'page',
			callback_url: callbackUrl,
			verify_token: GRAPH.verifyToken,
			active: true,
			version: 'v25.0',
			fields: ['feed', 'messages'],
		});
		graph.state.pageSubscriptions.set(GRAPH.pageId, new Map([[GRAPH.appId, ['feed', 'messages']]]));
		liveParameters = parametersFor({}, { events: ['message', 'postback'] });
		const h = hooks(liveParameters);
		assert.equal(await h.checkExists(), false, 'postbacks missing');
		await h.create();
		assert.deepEqual(graph.state.appSubscriptions.get('page').fields.sort(), [
			'feed',
			'messages',
			'messaging_postbacks',
		]);
		assert.deepEqual(pageFields(), ['feed', 'messages', 'messaging_postbacks']);
		await h.delete();
		assert.deepEqual(graph.state.appSubscriptions.get('page').fields, ['feed', 'messages']);
		assert.deepEqual(pageFields(), ['feed', 'messages']);
	});

	it('a failing Page step undoes the app step and reports the Graph error', async () => {
		graph.injectFault((ctx) => ctx.method === 'POST' && ctx.path.endsWith('/subscribed_apps'), {
			status: 400,
			body: {
				error: {
					message: '(#200) Permissions error',
					type: 'OAuthException',
					code: 200,
					fbtrace_id: 'Atrace1',
				},
			},
		});
		const h = hooks(liveParameters);
		await assert.rejects(h.create(), (error) => {
			assert.match(error.message, /Permissions error/);
			assert.match(error.description, /code 200.*fbtrace_id Atrace1/);
			return true;
		});
		assert.equal(graph.state.appSubscriptions.size, 0, 'app subscription rolled back');
		assert.equal(h.nodeStaticData().autoSubscribe, undefined);
	});

	it('clear errors before any request: no Page credential, no verify token, no subscribable event', async () => {
		await assert.rejects(
			hooks(liveParameters, { credentials: store({ page: false }) }).create(),
			/needs a Facebook Page credential/,
		);
		await assert.rejects(
			hooks(parametersFor({}, { verifyToken: '' })).create(),
			/Verify Token is empty/,
		);
		await assert.rejects(
			hooks(parametersFor({}, { events: ['other'] })).create(),
			/None of the selected events/,
		);
		assert.equal(graph.requests.length, 0);
	});

	it('Graph errors surface with code and trace id (expired app secret)', async () => {
		const credentials = graphCredentials(graph.url, {
			app: { appSecret: 'rotated-secret' },
			page: { appSecret: '' },
		});
		await assert.rejects(hooks(liveParameters, { credentials }).checkExists(), (error) => {
			assert.equal(error.constructor.name, 'NodeApiError');
			assert.match(error.message, /Invalid OAuth access token/);
			assert.match(error.description, /code 190/);
			assert.ok(!JSON.stringify(error).includes('rotated-secret'));
			return true;
		});
	});

	it('an expired Page token at activation: the error gives the next step (the Graph hint), and the app step is undone', async () => {
		graph.state.tokens.set('EAAemulatorExpiredPageToken', {
			kind: 'page',
			id: GRAPH.pageId,
			expired: true,
		});
		const credentials = graphCredentials(graph.url, {
			page: { pageAccessToken: 'EAAemulatorExpiredPageToken' },
		});
		await assert.rejects(hooks(liveParameters, { credentials }).create(), (error) => {
			assert.equal(error.constructor.name, 'NodeApiError');
			assert.match(error.message, /Session has expired/);
			assert.match(error.description, /Create a new token .*update the credential/);
			assert.match(error.description, /code 190, subcode 463/);
			return true;
		});
		assert.equal(graph.state.appSubscriptions.size, 0, 'app subscription rolled back');
	});

	it('a Graph API Version typed with a trailing slash ("v25.0/") gives /v25.0/…, never /v25.0//…', async () => {
		const credentials = graphCredentials(graph.url, {
			app: { graphApiVersion: 'v25.0/' },
			page: { graphApiVersion: 'v25.0/' },
		});
		const h = hooks(liveParameters, { credentials });
		assert.equal(await h.create(), true);
		assert.equal(await h.checkExists(), true);
		assert.equal(await h.delete(), true);
		assert.ok(graph.requests.length >= 5);
		for (const r of graph.requests) assert.match(r.path, /^\/v25\.0\/[^/]/, r.path);
		assert.equal(graph.state.appSubscriptions.size, 0);
	});

	it('Instagram: the app subscribes the instagram object with Instagram field names', async () => {
		liveParameters = parametersFor({}, { object: 'instagram', events: ['message', 'read'] });
		await hooks(liveParameters).create();
		assert.deepEqual(graph.state.appSubscriptions.get('instagram').fields, [
			'messages',
			'messaging_seen',
		]);
		assert.deepEqual(pageFields(), ['message_reads', 'messages']);
	});
});
