// The Messenger Trigger on the Instagram Login route (object instagram with an Instagram Login
// credential): deliveries signed with the Facebook App secret or the Instagram app secret verify,
// anything else is refused with 401 and emits nothing; the kept secrets pick up a rotated
// Instagram app secret; Auto Subscribe subscribes the app (Graph emulator, which verifies the
// callback with a GET to the trigger's own webhook()) and the Instagram account (Instagram
// emulator, graph.instagram.com), and deactivation undoes exactly that.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { CredentialStore, hookContext, loadNode, runWebhook } from '../helpers/harness.mjs';
import { start as startGraph } from '../emulators/graph/index.mjs';
import { start as startInstagram } from '../emulators/instagram/index.mjs';
import { GRAPH, INSTAGRAM, SECRET_VALUES } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	igEvents,
	IG_ID,
} from '../unit/trigger-payloads.mjs';

const node = loadNode('MessengerTrigger');
const parameters = {
	object: 'instagram',
	verifyToken: GRAPH.verifyToken,
	events: [],
	options: {},
};
const outputItems = (run) => run.result?.workflowData?.[0] ?? [];

/** The Facebook App and Instagram Login credentials, the latter optional. */
function credentials({ instagram = {}, graphUrl, instagramUrl } = {}) {
	return new CredentialStore({
		facebookAppApi: {
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			userAccessToken: GRAPH.userAccessToken,
			graphApiVersion: 'v25.0',
			...(graphUrl ? { graphApiBaseUrl: graphUrl } : {}),
		},
		...(instagram === false
			? {}
			: {
					instagramLoginApi: {
						appId: INSTAGRAM.appId,
						appSecret: INSTAGRAM.appSecret,
						accessToken: INSTAGRAM.accessToken,
						accountId: '',
						graphApiVersion: 'v25.0',
						...(instagramUrl ? { graphApiBaseUrl: instagramUrl } : {}),
						...instagram,
					},
				}),
	});
}

let sequence = 0;
/** One Instagram message event with its own mid (so de-duplication never links deliveries). */
function message(tag = `m${++sequence}`) {
	const event = { ...igEvents.message, message: { ...igEvents.message.message, mid: `ig_${tag}` } };
	return Buffer.from(metaJson(envelope('instagram', [entry(IG_ID, [event])])));
}

function deliver(raw, secret, { store = credentials(), params = parameters, nodeOverrides } = {}) {
	return runWebhook(node, {
		parameters: params,
		credentials: store,
		rawBody: raw,
		headers: signatureHeaders(raw, secret),
		nodeOverrides,
	});
}

describe('Messenger Trigger, Instagram Login: signatures', () => {
	it('a delivery signed with the Facebook App secret or with the Instagram app secret: 200 and its event', async () => {
		for (const secret of [GRAPH.appSecret, INSTAGRAM.appSecret]) {
			for (const sha256 of [true, false]) {
				const raw = message();
				const run = await runWebhook(node, {
					parameters,
					credentials: credentials(),
					rawBody: raw,
					headers: signatureHeaders(raw, secret, { sha256 }),
				});
				assert.equal(run.error, undefined);
				assert.equal(run.res.statusCode, 200, `${secret} sha256=${sha256}`);
				const items = outputItems(run);
				assert.equal(items.length, 1);
				assert.equal(items[0].json.eventType, 'message');
				assert.equal(items[0].json.object, 'instagram');
				assert.equal(items[0].json.entryId, IG_ID);
			}
		}
	});

	it('a third secret: 401 Invalid signature, nothing emitted, no secret in the answer', async () => {
		const run = await deliver(message(), 'a-third-apps-secret');
		assert.equal(run.error, undefined);
		assert.equal(run.res.statusCode, 401);
		assert.equal(run.res.body, 'Invalid signature');
		assert.deepEqual(run.result, { noWebhookResponse: true });
		assert.equal(outputItems(run).length, 0);
		for (const secret of SECRET_VALUES) assert.ok(!String(run.res.body).includes(secret));
	});

	it('the Instagram app secret counts only with the Instagram Login credential, and only for object instagram', async () => {
		const withoutCredential = await deliver(message(), INSTAGRAM.appSecret, {
			store: credentials({ instagram: false }),
		});
		assert.equal(withoutCredential.res.statusCode, 401);
		assert.equal(outputItems(withoutCredential).length, 0);
		// The Facebook App secret still verifies without it, as before.
		const facebookOnly = await deliver(message(), GRAPH.appSecret, {
			store: credentials({ instagram: false }),
		});
		assert.equal(facebookOnly.res.statusCode, 200);
		assert.equal(outputItems(facebookOnly).length, 1);
		// Object page: the credential is hidden in the editor and not read (n8n would refuse it).
		const page = await deliver(message(), INSTAGRAM.appSecret, {
			params: { ...parameters, object: 'page' },
		});
		assert.equal(page.res.statusCode, 401);
		assert.equal(outputItems(page).length, 0);
	});

	it('10 deliveries signed with either secret cost one read of each credential; a rotated Instagram secret is accepted at once, the old one refused after', async () => {
		const store = credentials({ instagram: { appSecret: 'instagram-secret-before-rotation' } });
		const nodeOverrides = {
			webhookId: '00000000-0000-4000-8000-0000000016a1',
			credentials: {
				facebookAppApi: { id: 'igRotFacebook01', name: 'Facebook App' },
				instagramLoginApi: { id: 'igRotInstagram1', name: 'Instagram Login' },
			},
		};
		for (let i = 0; i < 10; i++) {
			const secret = i % 2 ? GRAPH.appSecret : 'instagram-secret-before-rotation';
			const run = await deliver(message(), secret, { store, nodeOverrides });
			assert.equal(outputItems(run).length, 1, `delivery ${i}`);
		}
		assert.equal(store.reads, 2, 'one read of each credential');
		store.data.instagramLoginApi.appSecret = 'instagram-secret-after-rotation';
		const rotated = await deliver(message(), 'instagram-secret-after-rotation', {
			store,
			nodeOverrides,
		});
		assert.equal(rotated.res.statusCode, 200);
		assert.equal(outputItems(rotated).length, 1);
		assert.equal(store.reads, 4, 'both read again once');
		const old = await deliver(message(), 'instagram-secret-before-rotation', {
			store,
			nodeOverrides,
		});
		assert.equal(old.res.statusCode, 401);
		assert.equal(outputItems(old).length, 0);
		// The Facebook App secret is still kept alongside the new Instagram one.
		const facebook = await deliver(message(), GRAPH.appSecret, { store, nodeOverrides });
		assert.equal(outputItems(facebook).length, 1);
	});
});

// Auto Subscribe on the Instagram Login route.
let graph;
let instagram;
let callback;
let callbackUrl;
let liveParameters;

const autoParameters = (extra = {}, options = {}) => ({
	...parameters,
	options: { autoSubscribe: true, ...options },
	...extra,
});
const store = () => credentials({ graphUrl: graph.url, instagramUrl: instagram.url });

function hooks(params, { staticData = {}, credentialStore = store() } = {}) {
	const context = hookContext(node, {
		parameters: params,
		credentials: credentialStore,
		staticData,
		webhookUrl: callbackUrl,
	});
	const m = node.webhookMethods.default;
	return {
		nodeStaticData: () => staticData['node:Messenger Trigger'] ?? {},
		checkExists: () => m.checkExists.call(context),
		create: () => m.create.call(context),
		delete: () => m.delete.call(context),
	};
}

beforeAll(async () => {
	graph = await startGraph({ ports: { graph: 0 } });
	instagram = await startInstagram({ ports: { instagram: 0 } });
	// The callback URL Meta verifies: the trigger's own webhook() answers the GET.
	callback = createServer(async (req, res) => {
		const url = new URL(req.url, 'http://x');
		const run = await runWebhook(node, {
			parameters: liveParameters,
			credentials: credentials(),
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
	await instagram.close();
	await new Promise((r) => callback.close(r));
});
beforeEach(() => {
	graph.state.appSubscriptions.clear();
	graph.state.pageSubscriptions.clear();
	graph.state.unansweredVerifications = 0;
	instagram.state.subscribedFields = [];
	for (const emulator of [graph, instagram]) {
		emulator.clearRequests();
		emulator.clearFaults();
	}
	liveParameters = autoParameters();
});

const calls = (emulator) => emulator.requests.map((r) => `${r.method} ${r.path}`);

describe('Messenger Trigger, Instagram Login: Auto Subscribe', () => {
	it('activation subscribes the app (object instagram) and the Instagram account with the exact fields; deactivation undoes both', async () => {
		const h = hooks(liveParameters);
		assert.equal(await h.checkExists(), false);
		assert.equal(await h.create(), true);

		const app = graph.state.appSubscriptions.get('instagram');
		assert.equal(app.callback_url, callbackUrl);
		assert.deepEqual(app.fields, [
			'message_reactions',
			'messages',
			'messaging_handover',
			'messaging_optins',
			'messaging_postbacks',
			'messaging_referral',
			'messaging_seen',
		]);
		assert.deepEqual(instagram.state.subscribedFields, [
			'message_reactions',
			'messages',
			'messaging_postbacks',
			'messaging_referral',
			'messaging_seen',
		]);
		// No Page is involved on this route.
		assert.equal(graph.requestsTo('GET', '/subscribed_apps').length, 0);
		assert.equal(graph.requestsTo('POST', '/subscribed_apps').length, 0);
		assert.deepEqual(calls(instagram), [
			'GET /v25.0/me/subscribed_apps',
			'POST /v25.0/me/subscribed_apps',
		]);
		const post = instagram.requestsTo('POST', '/me/subscribed_apps')[0];
		assert.equal(post.headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
		assert.equal(
			post.body.subscribed_fields,
			'message_reactions,messages,messaging_postbacks,messaging_referral,messaging_seen',
		);
		for (const r of [...graph.requests, ...instagram.requests]) {
			assert.ok(!r.url.includes('access_token'), r.url);
			for (const secret of SECRET_VALUES) assert.ok(!r.url.includes(secret), r.url);
		}
		assert.equal(h.nodeStaticData().autoSubscribe.account, 'instagram');

		assert.equal(await h.checkExists(), true);

		graph.clearRequests();
		instagram.clearRequests();
		assert.equal(await h.delete(), true);
		assert.deepEqual(calls(instagram), ['DELETE /v25.0/me/subscribed_apps']);
		assert.deepEqual(calls(graph), [`DELETE /v25.0/${GRAPH.appId}/subscriptions`]);
		assert.deepEqual(instagram.state.subscribedFields, []);
		assert.equal(graph.state.appSubscriptions.size, 0);
		assert.equal(h.nodeStaticData().autoSubscribe, undefined);
		instagram.clearRequests();
		assert.equal(await h.delete(), true, 'a second delete has nothing left to undo');
		assert.equal(instagram.requests.length, 0);
	});

	it('the account fields follow the selected events (echoes come with messages)', async () => {
		liveParameters = autoParameters({ events: ['read', 'reaction'] }, { includeEchoes: true });
		await hooks(liveParameters).create();
		assert.deepEqual(graph.state.appSubscriptions.get('instagram').fields, [
			'message_reactions',
			'messages',
			'messaging_seen',
		]);
		assert.deepEqual(instagram.state.subscribedFields, [
			'message_reactions',
			'messages',
			'messaging_seen',
		]);
	});

	it('events without an account field (handover): the app gets its field, the account `messages` (deliveries switched on)', async () => {
		liveParameters = autoParameters({ events: ['handover'] });
		await hooks(liveParameters).create();
		assert.deepEqual(graph.state.appSubscriptions.get('instagram').fields, ['messaging_handover']);
		assert.deepEqual(instagram.state.subscribedFields, ['messages']);
	});

	it("keeps the account's earlier fields and restores them on deactivation", async () => {
		instagram.state.subscribedFields = ['comments', 'messages'];
		liveParameters = autoParameters({ events: ['message', 'postback'] });
		const h = hooks(liveParameters);
		assert.equal(await h.checkExists(), false);
		await h.create();
		assert.deepEqual(instagram.state.subscribedFields, [
			'comments',
			'messages',
			'messaging_postbacks',
		]);
		await h.delete();
		assert.deepEqual(instagram.state.subscribedFields, ['comments', 'messages']);
		assert.equal(
			instagram.requestsTo('DELETE', '/subscribed_apps').length,
			0,
			'restored, not deleted',
		);
	});

	it('the account ID of the credential is used instead of me', async () => {
		const credentialStore = credentials({
			graphUrl: graph.url,
			instagramUrl: instagram.url,
			instagram: { accountId: INSTAGRAM.accountId },
		});
		const h = hooks(liveParameters, { credentialStore });
		await h.create();
		await h.delete();
		assert.deepEqual(calls(instagram), [
			`GET /v25.0/${INSTAGRAM.accountId}/subscribed_apps`,
			`POST /v25.0/${INSTAGRAM.accountId}/subscribed_apps`,
			`DELETE /v25.0/${INSTAGRAM.accountId}/subscribed_apps`,
		]);
	});

	it('Meta cannot verify the callback yet (code 2200): subscribes again and succeeds, the account after the app', async () => {
		graph.state.unansweredVerifications = 1;
		const h = hooks(liveParameters);
		assert.equal(await h.create(), true);
		assert.equal(graph.requestsTo('POST', `/${GRAPH.appId}/subscriptions`).length, 2);
		assert.ok(graph.state.appSubscriptions.get('instagram'));
		assert.equal(instagram.state.subscribedFields.length, 5);
		await h.delete();
	}, 20_000);

	it('a failing account step undoes the app step and reports the Instagram error', async () => {
		instagram.injectFault((ctx) => ctx.method === 'POST' && ctx.path.endsWith('/subscribed_apps'), {
			status: 400,
			body: {
				error: {
					message: 'Invalid OAuth access token - Cannot parse access token',
					type: 'OAuthException',
					code: 190,
					fbtrace_id: 'AigTrace1',
				},
			},
		});
		const h = hooks(liveParameters);
		await assert.rejects(h.create(), (error) => {
			assert.equal(error.constructor.name, 'NodeApiError');
			assert.match(error.message, /Invalid OAuth access token/);
			assert.match(error.description, /Instagram Login credential/);
			assert.match(error.description, /fbtrace_id AigTrace1/);
			for (const secret of SECRET_VALUES) assert.ok(!JSON.stringify(error).includes(secret));
			return true;
		});
		assert.equal(graph.state.appSubscriptions.size, 0, 'app subscription rolled back');
		assert.deepEqual(instagram.state.subscribedFields, []);
		assert.equal(h.nodeStaticData().autoSubscribe, undefined);
	});

	it('deactivation after the Instagram Login credential was removed says what is missing and changes nothing', async () => {
		const staticData = {};
		await hooks(liveParameters, { staticData }).create();
		const withoutInstagram = credentials({ graphUrl: graph.url, instagram: false });
		await assert.rejects(
			hooks(liveParameters, { staticData, credentialStore: withoutInstagram }).delete(),
			/Auto Subscribe needs the Instagram Login credential/,
		);
		assert.ok(graph.state.appSubscriptions.get('instagram'));
		assert.equal(instagram.state.subscribedFields.length, 5);
		await hooks(liveParameters, { staticData }).delete();
		assert.equal(graph.state.appSubscriptions.size, 0);
	});

	it('without the Instagram Login credential object instagram keeps the Page route', async () => {
		const credentialStore = new CredentialStore({
			...credentials({ graphUrl: graph.url, instagram: false }).data,
			facebookPageApi: {
				pageAccessToken: GRAPH.pageAccessToken,
				pageId: GRAPH.pageId,
				appSecret: GRAPH.appSecret,
				graphApiVersion: 'v25.0',
				graphApiBaseUrl: graph.url,
			},
		});
		const h = hooks(liveParameters, { credentialStore });
		await h.create();
		assert.ok(graph.state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId));
		assert.equal(instagram.requests.length, 0);
		await h.delete();
		assert.equal(graph.state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId), undefined);
	});
});
