// The Messenger Trigger with Options → Deduplication Store = Shared (Redis REST): its real
// webhook() in n8n-core's WebhookContext, two separately loaded copies of the node standing for
// two n8n webhook processes behind a balancer, sharing a REAL redis-server through the
// Upstash-compatible REST front (test/emulators/redis-rest).
import { afterAll, beforeAll, beforeEach, describe, it, jest } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { loadNode, root, runWebhook } from '../helpers/harness.mjs';
import { startRedisRest, startRedisServer } from '../emulators/redis-rest/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	PAGE_ID,
} from '../unit/trigger-payloads.mjs';

const require = createRequire(import.meta.url);
const claims = require(join(root, 'dist/nodes/MessengerTrigger/webhook/sharedClaims.js'));

// Process A and process B: each its own copy of the package's modules (its own in-process memory,
// its own kept secrets and credentials), as two `n8n webhook` processes have.
const processA = loadNode('MessengerTrigger');
let processB;
jest.isolateModules(() => {
	processB = loadNode('MessengerTrigger');
});

let redis;
let rest;

beforeAll(async () => {
	redis = await startRedisServer();
	rest = await startRedisRest({ redisPort: redis.port });
}, 20_000);

afterAll(async () => {
	await rest?.close();
	await redis?.close();
});

beforeEach(async () => {
	rest.latencyMs = 0;
	rest.clearFaults();
	if (!redis.running) await redis.start();
});

const credentials = () => ({
	facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret },
	redisRestApi: { url: rest.url, token: rest.token },
});

const sharedParameters = {
	object: 'page',
	verifyToken: GRAPH.verifyToken,
	events: [],
	options: { deduplicationStore: 'redis' },
};

/** One trigger node of one workflow, as both processes load it (same node id and webhook id). */
const newTrigger = () => ({ id: randomUUID(), webhookId: randomUUID() });

function recordingLogger() {
	const lines = [];
	const log = (level) => (message) => lines.push(`${level} ${message}`);
	return {
		lines,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
}

function deliver(
	nodeType,
	trigger,
	body,
	{ params = sharedParameters, registrationFails, logger, mode } = {},
) {
	const raw = Buffer.from(metaJson(body));
	return runWebhook(nodeType, {
		parameters: params,
		credentials: credentials(),
		rawBody: raw,
		headers: signatureHeaders(raw, GRAPH.appSecret),
		nodeOverrides: trigger,
		registrationFails,
		logger,
		mode,
	});
}

const emitted = (run) =>
	(run.result?.workflowData?.[0] ?? []).map((item) => item.json.mid ?? item.json.eventType);

/** Waits until no claim of `trigger` is pending any more (n8n's answer was settled in Redis). */
async function settled(trigger) {
	const namespace = claims.claimNamespace('harness-workflow', trigger.id);
	const call = async (...command) =>
		(
			await (
				await fetch(rest.url, {
					method: 'POST',
					headers: { authorization: `Bearer ${rest.token}` },
					body: JSON.stringify(command),
				})
			).json()
		).result;
	for (let i = 0; i < 100; i++) {
		const keys = await call('KEYS', `${claims.CLAIM_KEY_PREFIX}{${namespace}}:*`);
		// (values of keys deleted between KEYS and MGET are null: released)
		const values = Array.from(keys.length ? await call('MGET', ...keys) : []).filter(
			(value) => value !== null,
		);
		if (!values.some((value) => value.startsWith('pending:'))) return values;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error('claims still pending');
}

const twoEvents = () =>
	envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.postback])]);

describe('a redelivery to another webhook process', () => {
	it('in-process memory (the default): B emits again what A emitted (why the shared store exists)', async () => {
		const trigger = newTrigger();
		const params = { ...sharedParameters, options: {} };
		rest.clearRequests();
		assert.equal(emitted(await deliver(processA, trigger, twoEvents(), { params })).length, 2);
		assert.equal(emitted(await deliver(processA, trigger, twoEvents(), { params })).length, 0);
		assert.equal(emitted(await deliver(processB, trigger, twoEvents(), { params })).length, 2);
		assert.equal(rest.requests.length, 0, 'the default never asks the store');
	});

	it('shared store: A then B, B then A — each event emitted once', async () => {
		const trigger = newTrigger();
		const first = await deliver(processA, trigger, twoEvents());
		assert.equal(first.res.statusCode, 200);
		assert.equal(emitted(first).length, 2);
		assert.deepEqual(await settled(trigger), ['done', 'done']);
		const toB = await deliver(processB, trigger, twoEvents());
		assert.equal(toB.res.statusCode, 200);
		assert.equal(toB.res.body, 'EVENT_RECEIVED');
		assert.deepEqual(emitted(toB), []);
		const backToA = await deliver(processA, trigger, twoEvents());
		assert.deepEqual(emitted(backToA), []);
	});

	it('shared store: both at once — once emitted, the other answered 503 (Meta retries, then dropped)', async () => {
		const trigger = newTrigger();
		const runs = await Promise.all([
			deliver(processA, trigger, twoEvents()),
			deliver(processB, trigger, twoEvents()),
		]);
		assert.equal(runs.flatMap(emitted).length, 2, 'each event once');
		assert.deepEqual(runs.map((run) => run.res.statusCode).sort(), [200, 503]);
		await settled(trigger);
		const retry = await deliver(processB, trigger, twoEvents());
		assert.equal(retry.res.statusCode, 200);
		assert.deepEqual(emitted(retry), []);
	});

	it('shared store: a redelivery to A after A restarted is dropped', async () => {
		const trigger = newTrigger();
		assert.equal(emitted(await deliver(processA, trigger, twoEvents())).length, 2);
		await settled(trigger);
		let restartedA;
		jest.isolateModules(() => {
			restartedA = loadNode('MessengerTrigger');
		});
		assert.deepEqual(emitted(await deliver(restartedA, trigger, twoEvents())), []);
	});

	it('one round trip to the store per delivery, whatever its number of events', async () => {
		const trigger = newTrigger();
		rest.clearRequests();
		const pipelines = () => rest.requests.filter((r) => r.path === '/pipeline').length;
		await deliver(processA, trigger, twoEvents());
		assert.equal(pipelines(), 1, 'the claim, before the answer');
		await settled(trigger);
		assert.equal(pipelines(), 2, 'then marking done, after n8n answered');
	});
});

describe("n8n's answer decides", () => {
	it('2xx: marked done even when the store fails the first try (settling is tried again)', async () => {
		const trigger = newTrigger();
		rest.injectFault(
			(ctx) => ctx.path === '/pipeline' && JSON.stringify(ctx.body).includes('"done"'),
			{ status: 503, body: { error: 'LOADING Redis is loading the dataset in memory' } },
		);
		assert.equal(emitted(await deliver(processA, trigger, twoEvents())).length, 2);
		assert.deepEqual(await settled(trigger), ['done', 'done']);
		assert.equal(emitted(await deliver(processB, trigger, twoEvents())).length, 0);
	});

	it('non-2xx (execution not registered): released, the retry to the other process is emitted', async () => {
		const trigger = newTrigger();
		const failed = await deliver(processA, trigger, twoEvents(), { registrationFails: true });
		assert.equal(failed.res.statusCode, 500);
		assert.equal(emitted(failed).length, 2, 'the node handed both events to n8n');
		assert.deepEqual(await settled(trigger), [], 'released');
		const retry = await deliver(processB, trigger, twoEvents());
		assert.equal(emitted(retry).length, 2, 'not taken for a duplicate');
		await settled(trigger);
		assert.deepEqual(emitted(await deliver(processA, trigger, twoEvents())), []);
	});
});

describe('the store cannot be asked: 503, nothing emitted', () => {
	it('Redis stopped → 503 and a warning; Redis back → the retry is emitted', async () => {
		const trigger = newTrigger();
		const { logger, lines } = recordingLogger();
		await redis.stop();
		const down = await deliver(processA, trigger, twoEvents(), { logger });
		assert.equal(down.res.statusCode, 503);
		assert.deepEqual(down.result, { noWebhookResponse: true });
		assert.ok(
			lines.some((line) => /^warn .*shared de-duplication.*503/.test(line)),
			lines.join('\n'),
		);
		await redis.start();
		assert.equal(emitted(await deliver(processB, trigger, twoEvents())).length, 2);
	}, 20_000);

	it('a wrong token → 503, and the log never shows the token', async () => {
		const trigger = newTrigger();
		const { logger, lines } = recordingLogger();
		const raw = Buffer.from(metaJson(twoEvents()));
		const run = await runWebhook(processA, {
			parameters: sharedParameters,
			credentials: { ...credentials(), redisRestApi: { url: rest.url, token: 'wrong-token-0815' } },
			rawBody: raw,
			headers: signatureHeaders(raw, GRAPH.appSecret),
			// Another credential than the one kept (for a few seconds) from the tests before.
			nodeOverrides: {
				...trigger,
				credentials: {
					facebookAppApi: { id: 'harness-facebookAppApi', name: 'facebookAppApi' },
					redisRestApi: { id: 'wrong-token-credential', name: 'redisRestApi' },
				},
			},
			logger,
		});
		assert.equal(run.res.statusCode, 503);
		assert.equal(emitted(run).length, 0);
		assert.doesNotMatch(lines.join('\n'), /0815/);
	});

	it('a store slower than the timeout → 503, not a hung delivery', async () => {
		const trigger = newTrigger();
		rest.latencyMs = claims.STORE_TIMEOUT_MS + 1_000;
		const started = Date.now();
		const run = await deliver(processA, trigger, twoEvents());
		assert.equal(run.res.statusCode, 503);
		assert.ok(Date.now() - started < claims.STORE_TIMEOUT_MS + 800);
	}, 20_000);
});

describe('what does not use the store', () => {
	it('a Test-URL delivery (manual mode) emits every event and leaves the store alone', async () => {
		const trigger = newTrigger();
		rest.clearRequests();
		const run = await deliver(processA, trigger, twoEvents(), { mode: 'manual' });
		assert.equal(emitted(run).length, 2);
		assert.equal(rest.requests.length, 0);
	});

	it('Deduplicate off: every delivery emits, no store request', async () => {
		const trigger = newTrigger();
		const params = {
			...sharedParameters,
			options: { deduplicate: false, deduplicationStore: 'redis' },
		};
		rest.clearRequests();
		assert.equal(emitted(await deliver(processA, trigger, twoEvents(), { params })).length, 2);
		assert.equal(emitted(await deliver(processA, trigger, twoEvents(), { params })).length, 2);
		assert.equal(rest.requests.length, 0);
	});

	it('a wrong signature is refused before the store is asked', async () => {
		const trigger = newTrigger();
		rest.clearRequests();
		const raw = Buffer.from(metaJson(twoEvents()));
		const run = await runWebhook(processA, {
			parameters: sharedParameters,
			credentials: credentials(),
			rawBody: raw,
			headers: signatureHeaders(raw, 'not-the-secret'),
			nodeOverrides: trigger,
		});
		assert.equal(run.res.statusCode, 401);
		assert.equal(rest.requests.length, 0);
	});
});

describe('the description', () => {
	it('shows the Redis REST credential only for the shared store, and the options beside Deduplicate', () => {
		const credential = processA.description.credentials.find((c) => c.name === 'redisRestApi');
		assert.deepEqual(credential.displayOptions, {
			show: { 'options.deduplicationStore': ['redis'] },
		});
		const options = processA.description.properties.find((p) => p.name === 'options').options;
		const store = options.find((o) => o.name === 'deduplicationStore');
		assert.equal(store.default, 'process');
		assert.deepEqual(
			store.options.map((o) => o.value),
			['process', 'redis'],
		);
		assert.deepEqual(store.displayOptions, { hide: { deduplicate: [false] } });
		const retention = options.find((o) => o.name === 'deduplicationRetention');
		assert.equal(retention.default, 36);
	});
});
