// The trigger's real webhook() code through n8n's interfaces (harness): the GET handshake, signed
// POSTs, refusals, items, options, de-duplication across requests and between Test-URL and
// Production deliveries, and the kept app secret.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { CredentialStore, hookContext, loadNode, runWebhook } from '../helpers/harness.mjs';
import { GRAPH, SECRET_VALUES } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	igEvents,
	bigBatch,
	PAGE_ID,
	IG_ID,
} from '../unit/trigger-payloads.mjs';

const node = loadNode('MessengerTrigger');
const credentials = { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } };
const parameters = { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} };
let hookCounter = 0;
const freshHook = () => ({
	webhookId: `00000000-0000-4000-8000-${String(++hookCounter).padStart(12, '0')}`,
});

function recordingLogger() {
	const lines = [];
	const log = (level) => (message, meta) =>
		lines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	return {
		lines,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
}

async function post(
	body,
	{
		params = parameters,
		secret = GRAPH.appSecret,
		headers,
		nodeOverrides,
		logger,
		registrationFails,
		mode,
	} = {},
) {
	const raw = Buffer.from(typeof body === 'string' ? body : metaJson(body));
	return runWebhook(node, {
		parameters: params,
		credentials,
		webhookName: 'default',
		method: 'POST',
		rawBody: raw,
		headers: headers ?? signatureHeaders(raw, secret),
		nodeOverrides: nodeOverrides ?? freshHook(),
		logger,
		registrationFails,
		mode,
	});
}

const outputItems = (result) => result.result.workflowData?.[0] ?? [];

describe('Messenger Trigger: GET handshake', () => {
	const get = (query, params = parameters) =>
		runWebhook(node, {
			parameters: params,
			credentials,
			webhookName: 'setup',
			method: 'GET',
			query,
		});
	it('200 text/plain with the exact challenge', async () => {
		const { result, res, error } = await get({
			'hub.mode': 'subscribe',
			'hub.verify_token': GRAPH.verifyToken,
			'hub.challenge': '1158201444',
		});
		assert.equal(error, undefined);
		assert.deepEqual(result, { noWebhookResponse: true });
		assert.equal(res.statusCode, 200);
		assert.equal(res.headers['content-type'], 'text/plain');
		assert.equal(res.body, '1158201444');
	});
	it('403 without the challenge for a wrong token, wrong mode or no token configured', async () => {
		for (const [query, params] of [
			[
				{ 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong', 'hub.challenge': '987654321' },
				parameters,
			],
			[
				{
					'hub.mode': 'unsubscribe',
					'hub.verify_token': GRAPH.verifyToken,
					'hub.challenge': '987654321',
				},
				parameters,
			],
			[
				{ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '987654321' },
				{ ...parameters, verifyToken: '' },
			],
			[{}, parameters],
		]) {
			const { result, res } = await get(query, params);
			assert.deepEqual(result, { noWebhookResponse: true });
			assert.equal(res.statusCode, 403);
			assert.ok(!String(res.body).includes('987654321'));
		}
	});
});

describe('Messenger Trigger: signed POST', () => {
	const batch = envelope('page', [
		entry(PAGE_ID, [pageEvents.message, pageEvents.echo, pageEvents.postback], {
			standby: [pageEvents.read],
		}),
		entry('104000000000002', [pageEvents.reaction, pageEvents.delivery]),
	]);

	it('answers 200 EVENT_RECEIVED and emits one item per event (no echo, no standby by default)', async () => {
		const run = await post(batch);
		assert.equal(run.error, undefined);
		assert.equal(run.res.statusCode, 200);
		assert.equal(run.res.body, 'EVENT_RECEIVED');
		// The 200 is n8n's, sent once it has registered the execution: never an ack for an
		// execution that could not be started.
		assert.equal(run.result.noWebhookResponse, undefined);
		assert.equal(run.res.answeredByN8n, true);
		const items = outputItems(run);
		assert.deepEqual(
			items.map((i) => [i.json.entryId, i.json.eventType]),
			[
				[PAGE_ID, 'message'],
				[PAGE_ID, 'postback'],
				['104000000000002', 'reaction'],
				['104000000000002', 'delivery'],
			],
		);
		assert.equal(items[0].json.text, pageEvents.message.message.text);
		assert.deepEqual(items[0].json.event, pageEvents.message);
	});
	it('echoes and standby when switched on', async () => {
		const run = await post(batch, {
			params: { ...parameters, options: { includeEchoes: true, includeStandby: true } },
		});
		assert.deepEqual(
			outputItems(run).map((i) => [i.json.eventType, i.json.isEcho, i.json.isStandby]),
			[
				['message', false, false],
				['echo', true, false],
				['postback', false, false],
				['read', false, true],
				['reaction', false, false],
				['delivery', false, false],
			],
		);
	});
	it('the events filter', async () => {
		const run = await post(batch, { params: { ...parameters, events: ['postback', 'delivery'] } });
		assert.deepEqual(
			outputItems(run).map((i) => i.json.eventType),
			['postback', 'delivery'],
		);
	});
	it('a batch with nothing left after filtering answers 200 and starts nothing', async () => {
		const run = await post(envelope('page', [entry(PAGE_ID, [pageEvents.echo])]));
		assert.equal(run.res.statusCode, 200);
		assert.deepEqual(run.result, { noWebhookResponse: true });
	});
	it('legacy sha1-only signatures are accepted', async () => {
		const raw = Buffer.from(metaJson(batch));
		const run = await post(raw.toString(), {
			headers: signatureHeaders(raw, GRAPH.appSecret, { sha256: false }),
		});
		assert.equal(run.res.statusCode, 200);
		assert.equal(outputItems(run).length, 4);
	});
	it('reads the raw body itself when n8n has not kept it', async () => {
		const raw = Buffer.from(metaJson(batch));
		const wrapper = {
			description: node.description,
			async webhook() {
				this.getRequestObject().rawBody = undefined;
				return node.webhook.call(this);
			},
		};
		const run = await runWebhook(wrapper, {
			parameters,
			credentials,
			rawBody: raw,
			headers: signatureHeaders(raw, GRAPH.appSecret),
			nodeOverrides: freshHook(),
		});
		assert.equal(run.res.statusCode, 200);
		assert.equal(outputItems(run).length, 4);
	});
	it('Instagram', async () => {
		const run = await post(envelope('instagram', [entry(IG_ID, Object.values(igEvents))]), {
			params: { ...parameters, object: 'instagram' },
		});
		assert.equal(run.res.statusCode, 200);
		assert.deepEqual(
			outputItems(run).map((i) => i.json.eventType),
			['message', 'message', 'message', 'message', 'read', 'reaction', 'postback'],
		);
	});
});

describe('Messenger Trigger: refusals', () => {
	const body = envelope('page', [entry(PAGE_ID, [pageEvents.message])]);
	const raw = Buffer.from(metaJson(body));
	const good = signatureHeaders(raw, GRAPH.appSecret);
	const cases = {
		missing: { 'content-type': 'application/json' },
		forged: { ...good, 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` },
		truncated: { ...good, 'x-hub-signature-256': good['x-hub-signature-256'].slice(0, 40) },
		otherSecret: signatureHeaders(raw, 'another-apps-secret'),
	};
	for (const [name, headers] of Object.entries(cases)) {
		it(`${name} signature → 401, nothing started, nothing revealed`, async () => {
			const { lines, logger } = recordingLogger();
			const run = await post(raw.toString(), { headers, logger });
			assert.equal(run.res.statusCode, 401);
			assert.deepEqual(run.result, { noWebhookResponse: true });
			const expected = good['x-hub-signature-256'].slice(7);
			const said = `${run.res.body} ${lines.join('\n')}`;
			assert.ok(!said.includes(expected), 'expected digest never revealed');
			for (const secret of SECRET_VALUES) assert.ok(!said.includes(secret));
			assert.ok(
				lines.some((l) => l.startsWith('warn') && l.includes('401')),
				'logged',
			);
		});
	}
	it('signed non-JSON → 400, nothing started', async () => {
		const run = await post('this is not json');
		assert.equal(run.res.statusCode, 400);
		assert.deepEqual(run.result, { noWebhookResponse: true });
	});
	it('signed body of another object → 400', async () => {
		const run = await post(envelope('instagram', [entry(IG_ID, [igEvents.message])]));
		assert.equal(run.res.statusCode, 400);
		assert.deepEqual(run.result, { noWebhookResponse: true });
	});
});

describe('Messenger Trigger: de-duplication across requests', () => {
	it('drops a redelivered event for the same trigger, not for another trigger, not when off', async () => {
		const hook = freshHook();
		const body = envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.postback])]);
		assert.equal(outputItems(await post(body, { nodeOverrides: hook })).length, 2);
		const again = await post(body, { nodeOverrides: hook });
		assert.equal(again.res.statusCode, 200);
		assert.deepEqual(again.result, { noWebhookResponse: true });
		const mixed = envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.quickReply])]);
		assert.deepEqual(
			outputItems(await post(mixed, { nodeOverrides: hook })).map((i) => i.json.mid),
			['m_qr1'],
		);
		assert.equal(
			outputItems(await post(body, { nodeOverrides: freshHook() })).length,
			2,
			'another trigger has its own memory',
		);
		const off = { ...parameters, options: { deduplicate: false } };
		const offHook = freshHook();
		assert.equal(outputItems(await post(body, { params: off, nodeOverrides: offHook })).length, 2);
		assert.equal(outputItems(await post(body, { params: off, nodeOverrides: offHook })).length, 2);
	});
	it('when n8n cannot register the execution (5xx to Meta), the redelivery is emitted again', async () => {
		const hook = freshHook();
		const body = envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.postback])]);
		const failed = await post(body, { nodeOverrides: hook, registrationFails: true });
		assert.equal(failed.res.statusCode, 500);
		assert.equal(outputItems(failed).length, 2, 'the node did hand both events to n8n');
		const retried = await post(body, { nodeOverrides: hook });
		assert.equal(retried.res.statusCode, 200);
		assert.deepEqual(
			outputItems(retried).map((i) => i.json.eventType),
			['message', 'postback'],
			'not taken for a duplicate',
		);
		const third = await post(body, { nodeOverrides: hook });
		assert.deepEqual(
			third.result,
			{ noWebhookResponse: true },
			'acknowledged once: now a duplicate',
		);
		// Only the events of the failed delivery are forgotten, not ones acknowledged before it.
		const mixed = envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.quickReply])]);
		const failedMixed = await post(mixed, { nodeOverrides: hook, registrationFails: true });
		assert.deepEqual(
			outputItems(failedMixed).map((i) => i.json.mid),
			['m_qr1'],
		);
		assert.deepEqual(
			outputItems(await post(mixed, { nodeOverrides: hook })).map((i) => i.json.mid),
			['m_qr1'],
		);
	});
	it('a 100 × 10 batch: 1000 items, then 0 on redelivery', async () => {
		const hook = freshHook();
		const body = bigBatch(100, 10, 'node');
		assert.equal(outputItems(await post(body, { nodeOverrides: hook })).length, 1000);
		assert.equal(outputItems(await post(body, { nodeOverrides: hook })).length, 0);
	});
});

describe('Messenger Trigger: the app secret is read once, and re-read when it was rotated', () => {
	// A trigger whose Facebook App credential has an id of its own: its kept secret is its own.
	const keptSecretHook = (credentialId) => ({
		...freshHook(),
		credentials: { facebookAppApi: { id: credentialId, name: credentialId } },
	});
	// One message event (message id `mid`) signed with `secret`.
	const signedBy = (store, nodeOverrides, mid, secret) => {
		const event = { ...pageEvents.message, message: { ...pageEvents.message.message, mid } };
		const raw = Buffer.from(metaJson(envelope('page', [entry(PAGE_ID, [event])])));
		return runWebhook(node, {
			parameters,
			credentials: store,
			rawBody: raw,
			headers: signatureHeaders(raw, secret),
			nodeOverrides,
		});
	};
	it('10 deliveries cost 1 credential read; a rotated secret is accepted at once, the old one refused after', async () => {
		const store = new CredentialStore({
			facebookAppApi: { appId: GRAPH.appId, appSecret: 'secret-before-rotation' },
		});
		const nodeOverrides = keptSecretHook('rotatingCred01');
		const deliver = (tag, secret) => signedBy(store, nodeOverrides, `m_rot_${tag}`, secret);
		for (let i = 0; i < 10; i++)
			assert.equal(outputItems(await deliver(i, 'secret-before-rotation')).length, 1);
		assert.equal(store.reads, 1);
		store.data.facebookAppApi.appSecret = 'secret-after-rotation';
		assert.equal(outputItems(await deliver('new', 'secret-after-rotation')).length, 1);
		assert.equal(store.reads, 2);
		const old = await deliver('old', 'secret-before-rotation');
		assert.equal(old.res.statusCode, 401);
		assert.equal(outputItems(old).length, 0);
	});

	it('deactivation (delete) forgets the kept secret: a secret changed in n8n applies to the next delivery', async () => {
		const store = new CredentialStore({
			facebookAppApi: { appId: GRAPH.appId, appSecret: 'secret-while-active' },
		});
		const nodeOverrides = keptSecretHook('deactivatedCred1');
		const deliver = (tag, secret) => signedBy(store, nodeOverrides, `m_deact_${tag}`, secret);
		assert.equal(outputItems(await deliver('before', 'secret-while-active')).length, 1);
		store.data.facebookAppApi.appSecret = 'secret-after-deactivation';
		// Still kept (at most 10 s): the old secret is accepted without a credential read.
		assert.equal(outputItems(await deliver('kept', 'secret-while-active')).length, 1);
		assert.equal(store.reads, 1);
		const hooks = hookContext(node, { parameters, credentials: store, nodeOverrides });
		assert.equal(await node.webhookMethods.default.delete.call(hooks), true);
		const after = await deliver('after', 'secret-while-active');
		assert.equal(after.res.statusCode, 401, 'the forgotten secret is no longer accepted');
		assert.equal(outputItems(after).length, 0);
	});
});

// The trigger's de-duplication keeps Test-URL deliveries (n8n runs them in 'manual' mode) apart
// from production ones: a sample replayed on the Test URL emits every event each time, and what a
// test saw never hides a production delivery (nor the other way round).
const sample = envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.postback])]);

// n8n runs a Test-URL delivery in 'manual' mode; the same trigger (one webhook id) answers both.
const deliver = (mode, hook, body = sample) => post(body, { nodeOverrides: hook, mode });
const emitted = (run) => outputItems(run).map((item) => item.json.eventType);

describe('Messenger Trigger: Test-URL deliveries and de-duplication', () => {
	it('the same sample sent to the Test URL again emits all its events every time', async () => {
		const hook = freshHook();
		for (let attempt = 1; attempt <= 3; attempt++) {
			const run = await deliver('manual', hook);
			assert.equal(run.res.statusCode, 200);
			assert.deepEqual(emitted(run), ['message', 'postback'], `test delivery ${attempt}`);
		}
	});

	it('events first tried on the Test URL are emitted by the Production URL, and production de-duplicates as before', async () => {
		const hook = freshHook();
		assert.deepEqual(emitted(await deliver('manual', hook)), ['message', 'postback']);
		assert.deepEqual(
			emitted(await deliver('webhook', hook)),
			['message', 'postback'],
			'not hidden by the test',
		);
		const redelivered = await deliver('webhook', hook);
		assert.equal(redelivered.res.statusCode, 200);
		assert.deepEqual(
			redelivered.result,
			{ noWebhookResponse: true },
			'a production redelivery is still dropped',
		);
	});

	it('production memory is not read by a test delivery', async () => {
		const hook = freshHook();
		assert.deepEqual(emitted(await deliver('webhook', hook)), ['message', 'postback']);
		assert.deepEqual(emitted(await deliver('manual', hook)), ['message', 'postback']);
		assert.deepEqual(
			(await deliver('webhook', hook)).result,
			{ noWebhookResponse: true },
			'the test did not reset production memory either',
		);
	});

	it('within one test delivery a repeated event is still emitted once', async () => {
		const twice = envelope('page', [
			entry(PAGE_ID, [pageEvents.message]),
			entry(PAGE_ID, [pageEvents.message]),
		]);
		assert.deepEqual(emitted(await deliver('manual', freshHook(), twice)), ['message']);
		const off = await post(twice, {
			params: { ...parameters, options: { deduplicate: false } },
			mode: 'manual',
		});
		assert.deepEqual(emitted(off), ['message', 'message'], 'Deduplicate off: both');
	});
});
