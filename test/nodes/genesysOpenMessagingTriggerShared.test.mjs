// The Genesys Cloud Open Messaging Trigger with Options → Deduplication Store = Shared (Redis
// REST): its real webhook() in n8n-core's WebhookContext, two separately loaded copies of the node
// standing for two n8n webhook processes behind a balancer, sharing a REAL redis-server through the
// Upstash-compatible REST front (test/emulators/redis-rest). Genesys retries an outbound
// notification (up to 5 times on a 10 s timeout, 429 or 5xx); a retry that lands on the other
// process must not start the workflow again.
import { afterAll, beforeAll, beforeEach, describe, it, jest } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { loadNode, root, runWebhook } from '../helpers/harness.mjs';
import { startRedisRest, startRedisServer } from '../emulators/redis-rest/index.mjs';
import { genesysSignature } from '../emulators/genesys-cloud/openMessagingOutbound.mjs';
import { GENESYS_OPEN_MESSAGING } from '../emulators/fixtures.mjs';

const require = createRequire(import.meta.url);
const claims = require(join(root, 'dist/nodes/shared/sharedClaims.js'));
const omClaims = require(
	join(root, 'dist/nodes/GenesysCloudOpenMessagingTrigger/webhook/sharedClaims.js'),
);

const SECRET = GENESYS_OPEN_MESSAGING.secretToken;

// Process A and process B: each its own copy of the package's modules (its own in-process memory).
const processA = loadNode('GenesysCloudOpenMessagingTrigger');
let processB;
jest.isolateModules(() => {
	processB = loadNode('GenesysCloudOpenMessagingTrigger');
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
	genesysCloudOpenMessagingApi: { secretToken: SECRET },
	redisRestApi: { url: rest.url, token: rest.token },
});

const sharedParameters = { types: [], options: { deduplicationStore: 'redis' } };

/** One trigger node of one workflow, as both processes load it (same node id and webhook id). */
const newTrigger = () => ({ id: randomUUID(), webhookId: randomUUID() });

/** An outbound notification as Genesys sends it (the agent's text), with a fresh message id. */
function agentText(text = 'Hello from the agent') {
	return {
		id: `om-${randomUUID()}`,
		channel: {
			id: 'integration-1',
			platform: 'Open',
			type: 'Private',
			to: { id: 'customer-psid-42', idType: 'Opaque' },
			from: { id: 'integration-1' },
			time: new Date().toISOString(),
		},
		type: 'Text',
		text,
		direction: 'Outbound',
		conversationId: randomUUID(),
	};
}

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
	notification,
	{ params = sharedParameters, registrationFails, logger, mode } = {},
) {
	const raw = Buffer.from(JSON.stringify(notification));
	return runWebhook(nodeType, {
		parameters: params,
		credentials: credentials(),
		rawBody: raw,
		headers: {
			'content-type': 'application/json',
			'x-hub-signature-256': genesysSignature(raw, SECRET),
		},
		nodeOverrides: trigger,
		registrationFails,
		logger,
		mode,
	});
}

const emitted = (run) => (run.result?.workflowData?.[0] ?? []).map((item) => item.json);

async function redisCall(...command) {
	const response = await fetch(rest.url, {
		method: 'POST',
		headers: { authorization: `Bearer ${rest.token}` },
		body: JSON.stringify(command),
	});
	return (await response.json()).result;
}

/** Waits until no claim of `trigger` is pending any more; returns the keys and their values. */
async function settled(trigger) {
	const namespace = claims.claimNamespace('harness-workflow', trigger.id);
	for (let i = 0; i < 100; i++) {
		// (arrays from fetch's JSON belong to another realm than jest's: copied for deepEqual)
		const keys = Array.from(await redisCall('KEYS', `${claims.CLAIM_KEY_PREFIX}{${namespace}}:*`));
		const values = keys.length ? Array.from(await redisCall('MGET', ...keys)) : [];
		const live = values.filter((value) => value !== null);
		if (!live.some((value) => value.startsWith('pending:'))) return { keys, values: live };
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error('claims still pending');
}

describe("Genesys' retry lands on another webhook process", () => {
	it('in-process memory (the default): B emits again what A emitted (the documented limit)', async () => {
		const trigger = newTrigger();
		const params = { types: [], options: {} };
		const notification = agentText();
		rest.clearRequests();
		assert.equal(emitted(await deliver(processA, trigger, notification, { params })).length, 1);
		assert.equal(emitted(await deliver(processA, trigger, notification, { params })).length, 0);
		assert.equal(emitted(await deliver(processB, trigger, notification, { params })).length, 1);
		assert.equal(rest.requests.length, 0, 'the default never asks the store');
	});

	it('shared store: A then B, B then A — the notification starts one workflow', async () => {
		const trigger = newTrigger();
		const notification = agentText('once only');
		const first = await deliver(processA, trigger, notification);
		assert.equal(first.res.statusCode, 200);
		assert.deepEqual(
			emitted(first).map((item) => item.text),
			['once only'],
		);
		assert.deepEqual((await settled(trigger)).values, ['done']);
		const toB = await deliver(processB, trigger, notification);
		assert.equal(toB.res.statusCode, 200);
		assert.equal(toB.res.body, '', "acknowledged like n8n's own answer (no data)");
		assert.deepEqual(emitted(toB), []);
		assert.deepEqual(emitted(await deliver(processA, trigger, notification)), []);
		// Another message of the same conversation is a new notification.
		assert.equal(emitted(await deliver(processB, trigger, agentText())).length, 1);
	});

	it('shared store: both at once — once emitted, the other answered 429 with Retry-After (Genesys retries)', async () => {
		const trigger = newTrigger();
		const notification = agentText();
		const runs = await Promise.all([
			deliver(processA, trigger, notification),
			deliver(processB, trigger, notification),
		]);
		assert.equal(runs.flatMap(emitted).length, 1, 'one workflow');
		assert.deepEqual(runs.map((run) => run.res.statusCode).sort(), [200, 429]);
		const busy = runs.find((run) => run.res.statusCode === 429);
		assert.equal(busy.res.headers['retry-after'], '5');
		await settled(trigger);
		const retry = await deliver(processB, trigger, notification);
		assert.equal(retry.res.statusCode, 200);
		assert.deepEqual(emitted(retry), []);
	});

	it('an Event notification with two events: one claim, both items, and both dropped on the retry', async () => {
		const trigger = newTrigger();
		const notification = {
			...agentText(),
			type: 'Event',
			text: undefined,
			events: [
				{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } },
				{ eventType: 'Typing', typing: { type: 'Off' } },
			],
		};
		const first = await deliver(processA, trigger, notification);
		assert.deepEqual(
			emitted(first).map((item) => item.event.typing.type),
			['On', 'Off'],
		);
		assert.equal((await settled(trigger)).keys.length, 1);
		assert.deepEqual(emitted(await deliver(processB, trigger, notification)), []);
	});

	it("keys hold hashes only; a claim is pending 30 s, a done notification is kept the retention's hours", async () => {
		const trigger = newTrigger();
		const notification = agentText('private words');
		const commandsBefore = rest.commands.length;
		await deliver(processA, trigger, notification);
		const { keys } = await settled(trigger);
		const sent = rest.commands.slice(commandsBefore);
		const text = JSON.stringify(sent);
		for (const secret of [notification.id, 'private words', 'customer-psid-42'])
			assert.ok(!text.includes(secret), `${secret} must not reach the store`);
		const claim = sent.find((command) => command[0] === 'SET' && command[3] === 'NX');
		assert.deepEqual(claim.slice(4), ['PX', String(omClaims.OPEN_MESSAGING_CLAIMS.pendingMs)]);
		assert.equal(omClaims.OPEN_MESSAGING_CLAIMS.pendingMs, 30_000);
		const done = sent.find((command) => command[0] === 'SET' && command[2] === 'done');
		assert.deepEqual(done.slice(3), ['PX', String(3_600_000)], 'default retention 1 hour');
		const ttl = await redisCall('PTTL', keys[0]);
		assert.ok(ttl > 3_500_000 && ttl <= 3_600_000, String(ttl));
	});
});

describe("n8n's answer decides", () => {
	it('non-2xx (execution not registered): released, the retry to the other process is emitted', async () => {
		const trigger = newTrigger();
		const notification = agentText();
		const failed = await deliver(processA, trigger, notification, { registrationFails: true });
		assert.equal(failed.res.statusCode, 500);
		assert.equal(emitted(failed).length, 1, 'handed to n8n, which could not register it');
		assert.deepEqual((await settled(trigger)).values, [], 'released');
		const retry = await deliver(processB, trigger, notification);
		assert.equal(emitted(retry).length, 1, 'not taken for a duplicate');
		await settled(trigger);
		assert.deepEqual(emitted(await deliver(processA, trigger, notification)), []);
	});

	it('Redis stopped → 503 and a warning naming the trigger; Redis back → the retry is emitted', async () => {
		const trigger = newTrigger();
		const notification = agentText();
		const { logger, lines } = recordingLogger();
		await redis.stop();
		const down = await deliver(processA, trigger, notification, { logger });
		assert.equal(down.res.statusCode, 503);
		assert.deepEqual(down.result, { noWebhookResponse: true });
		assert.ok(
			lines.some((line) =>
				/^warn Genesys Cloud Open Messaging Trigger \(shared de-duplication\): .*503 so that Genesys delivers again/.test(
					line,
				),
			),
			lines.join('\n'),
		);
		await redis.start();
		assert.equal(emitted(await deliver(processB, trigger, notification)).length, 1);
	}, 20_000);
});

describe('what does not use the store', () => {
	it('a Test-URL delivery (manual mode) emits and leaves the store alone', async () => {
		const trigger = newTrigger();
		rest.clearRequests();
		const run = await deliver(processA, trigger, agentText(), { mode: 'manual' });
		assert.equal(emitted(run).length, 1);
		assert.equal(rest.requests.length, 0);
	});

	it('Deduplicate off: every delivery emits, no store request', async () => {
		const trigger = newTrigger();
		const params = { types: [], options: { deduplicate: false, deduplicationStore: 'redis' } };
		const notification = agentText();
		rest.clearRequests();
		assert.equal(emitted(await deliver(processA, trigger, notification, { params })).length, 1);
		assert.equal(emitted(await deliver(processA, trigger, notification, { params })).length, 1);
		assert.equal(rest.requests.length, 0);
	});

	it('a wrong signature (401) and a filtered type are answered before the store is asked', async () => {
		const trigger = newTrigger();
		rest.clearRequests();
		const raw = Buffer.from(JSON.stringify(agentText()));
		const forged = await runWebhook(processA, {
			parameters: sharedParameters,
			credentials: credentials(),
			rawBody: raw,
			headers: {
				'content-type': 'application/json',
				'x-hub-signature-256': genesysSignature(raw, 'not-the-secret'),
			},
			nodeOverrides: trigger,
		});
		assert.equal(forged.res.statusCode, 401);
		const filtered = await deliver(processA, trigger, agentText(), {
			params: { types: ['Receipt'], options: { deduplicationStore: 'redis' } },
		});
		assert.equal(filtered.res.statusCode, 200);
		assert.equal(rest.requests.length, 0);
	});
});

describe('the description', () => {
	it("the Messenger Trigger's option names and values; the Redis REST credential only for the shared store", () => {
		const credential = processA.description.credentials.find((c) => c.name === 'redisRestApi');
		assert.deepEqual(credential.displayOptions, {
			show: { 'options.deduplicationStore': ['redis'] },
		});
		assert.equal(credential.required, true);
		const options = processA.description.properties.find((p) => p.name === 'options').options;
		const store = options.find((o) => o.name === 'deduplicationStore');
		assert.equal(store.default, 'process');
		assert.deepEqual(
			store.options.map((o) => o.value),
			['process', 'redis'],
		);
		assert.deepEqual(store.displayOptions, { hide: { deduplicate: [false] } });
		const retention = options.find((o) => o.name === 'deduplicationRetention');
		assert.equal(retention.default, 1);
		assert.deepEqual(retention.displayOptions, { show: { deduplicationStore: ['redis'] } });
	});
});
