// The shared de-duplication store (nodes/MessengerTrigger/webhook/sharedClaims.ts over
// nodes/shared/redisRest.ts) in n8n-core's real contexts and request helper, against a REAL
// redis-server behind the Upstash-compatible REST front (test/emulators/redis-rest): claims,
// duplicates, releases, done, a crashed claim's expiry, Redis restarted or stopped, a REST
// timeout, a wrong or rotated token.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import {
	core,
	credentialType,
	CredentialStore,
	hookContext,
	loadNode,
	root,
	runExecute,
} from '../helpers/harness.mjs';
import { startRedisRest, startRedisServer } from '../emulators/redis-rest/index.mjs';

const require = createRequire(import.meta.url);
const claims = require(join(root, 'dist/nodes/MessengerTrigger/webhook/sharedClaims.js'));
const redisRest = require(join(root, 'dist/nodes/shared/redisRest.js'));

// The trigger as a node type that may use the Redis REST credential (whatever its options say).
const trigger = loadNode('MessengerTrigger');
const nodeType = Object.create(trigger);
nodeType.description = {
	...trigger.description,
	credentials: [{ name: 'redisRestApi', required: true }],
};

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
	redisRest.forgetRedisRestCredentials();
	rest.latencyMs = 0;
	rest.clearFaults();
	if (!redis.running) await redis.start();
});

function credentials(overrides = {}) {
	return new CredentialStore({ redisRestApi: { url: rest.url, token: rest.token, ...overrides } });
}

function contextFor(store = credentials()) {
	return hookContext(nodeType, { credentials: store });
}

/** A namespace no other test uses (a workflow and trigger of its own). */
const freshNamespace = () => claims.claimNamespace(randomUUID(), randomUUID());

/** Redis itself, asked through the REST front (not through the code under test). */
async function redisCall(...command) {
	const res = await fetch(rest.url, {
		method: 'POST',
		headers: { authorization: `Bearer ${rest.token}`, 'content-type': 'application/json' },
		body: JSON.stringify(command),
	});
	return (await res.json()).result;
}

const events = (...ids) => ids.map((id) => ({ id, text: `private text ${id}` }));
const keyOf = (item) => `m_${item.id}`;

describe('claims on a real Redis through the REST front', () => {
	it('claims every new event in one round trip, as pending with the pending period', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		rest.clearRequests();
		const check = await claims.claimEvents(context, events(1, 2, 3), keyOf, {
			namespace,
			pendingMs: 60_000,
		});
		assert.equal(check.kind, 'emit');
		assert.deepEqual(
			check.items.map((item) => item.id),
			[1, 2, 3],
		);
		assert.equal(rest.requests.length, 1, 'one request for the whole delivery');
		assert.equal(rest.requests[0].path, '/pipeline');
		for (const key of check.claims.keys) {
			assert.match(key, /^messenger-bridge:dedupe:\{[\w-]{16}\}:[\w-]{22}$/);
			assert.equal(await redisCall('GET', key), `pending:${check.claims.owner}`);
			const ttl = await redisCall('PTTL', key);
			assert.ok(ttl > 55_000 && ttl <= 60_000, `pending TTL ${ttl}`);
		}
		// No message content and no ids in what was sent to the store.
		assert.doesNotMatch(rest.requests[0].rawBody, /private text|m_1/);
	});

	it('a redelivery after n8n acknowledged is dropped; done is kept for the retention', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		const first = await claims.claimEvents(context, events(1, 2), keyOf, { namespace });
		const settled = await claims.settleClaims(context, first.claims, true, {
			retentionMs: 36 * 3_600_000,
		});
		assert.equal(settled.ok, true);
		for (const key of first.claims.keys) {
			assert.equal(await redisCall('GET', key), 'done');
			const ttl = await redisCall('PTTL', key);
			assert.ok(ttl > 35 * 3_600_000, `done TTL ${ttl}`);
		}
		// The same delivery again, and one with a new event beside an old one.
		const again = await claims.claimEvents(context, events(1, 2), keyOf, { namespace });
		assert.equal(again.kind, 'emit');
		assert.deepEqual(again.items, []);
		const mixed = await claims.claimEvents(context, events(2, 3), keyOf, { namespace });
		assert.deepEqual(
			mixed.items.map((item) => item.id),
			[3],
		);
	});

	it('another trigger (or workflow) has its own keys', async () => {
		const context = contextFor();
		const a = await claims.claimEvents(context, events(1), keyOf, { namespace: freshNamespace() });
		const b = await claims.claimEvents(context, events(1), keyOf, { namespace: freshNamespace() });
		assert.equal(a.items.length, 1);
		assert.equal(b.items.length, 1);
	});

	it('the same event twice in one delivery is claimed and emitted once', async () => {
		const check = await claims.claimEvents(contextFor(), events(7, 7, 8), keyOf, {
			namespace: freshNamespace(),
		});
		assert.deepEqual(
			check.items.map((item) => item.id),
			[7, 8],
		);
		assert.equal(check.claims.keys.length, 2);
	});

	it('a delivery meeting a pending claim is busy: nothing emitted, its own claims released', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		const first = await claims.claimEvents(context, events(1), keyOf, { namespace });
		const second = await claims.claimEvents(context, events(1, 2), keyOf, { namespace });
		assert.equal(second.kind, 'busy');
		const key2 = claims.claimKey(namespace, 'm_2');
		assert.equal(await redisCall('EXISTS', key2), 0, 'the new event is free again');
		assert.equal(await redisCall('GET', first.claims.keys[0]), `pending:${first.claims.owner}`);
	});

	it('n8n answered non-2xx: the claims are released and the next retry emits the events', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		const first = await claims.claimEvents(context, events(1, 2), keyOf, { namespace });
		const released = await claims.settleClaims(context, first.claims, false, {
			retentionMs: 3_600_000,
		});
		assert.deepEqual(released, { ok: true, replies: [2] });
		for (const key of first.claims.keys) assert.equal(await redisCall('EXISTS', key), 0);
		const retry = await claims.claimEvents(context, events(1, 2), keyOf, { namespace });
		assert.equal(retry.items.length, 2);
	});

	it('a release deletes only its own pending claim (compare-and-delete)', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		// A's claim expires (a slow answer), B claims the event, then A's answer fails.
		const a = await claims.claimEvents(context, events(1), keyOf, { namespace, pendingMs: 150 });
		await new Promise((resolve) => setTimeout(resolve, 250));
		const b = await claims.claimEvents(context, events(1), keyOf, { namespace });
		assert.equal(b.items.length, 1);
		await claims.settleClaims(context, a.claims, false, { retentionMs: 3_600_000 });
		assert.equal(await redisCall('GET', b.claims.keys[0]), `pending:${b.claims.owner}`);
	});

	it("a crashed process's claim expires after the pending period, then Meta's retry gets through", async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		const crashed = await claims.claimEvents(context, events(1), keyOf, {
			namespace,
			pendingMs: 300,
		});
		assert.equal(crashed.items.length, 1);
		// never settled: the process is gone
		assert.equal((await claims.claimEvents(context, events(1), keyOf, { namespace })).kind, 'busy');
		await new Promise((resolve) => setTimeout(resolve, 400));
		const retry = await claims.claimEvents(context, events(1), keyOf, { namespace });
		assert.equal(retry.kind, 'emit');
		assert.equal(retry.items.length, 1);
	});
});

describe('failures: the store is never skipped', () => {
	it('Redis stopped: a typed failure, nothing claimed; Redis back: claims work again', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		await redis.stop();
		const check = await claims.claimEvents(context, events(1), keyOf, { namespace });
		assert.equal(check.kind, 'failed');
		assert.equal(check.failure.kind, 'serverError');
		assert.equal(check.failure.status, 500);
		await redis.start();
		const after = await claims.claimEvents(context, events(1), keyOf, { namespace });
		assert.equal(after.kind, 'emit');
		assert.equal(after.items.length, 1);
	}, 20_000);

	it('Redis restarted mid-test: what was acknowledged survives, duplicates stay dropped', async () => {
		const namespace = freshNamespace();
		const context = contextFor();
		const first = await claims.claimEvents(context, events(1, 2), keyOf, { namespace });
		await claims.settleClaims(context, first.claims, true, { retentionMs: 3_600_000 });
		await redis.restart();
		const again = await claims.claimEvents(context, events(1, 2, 3), keyOf, { namespace });
		assert.equal(again.kind, 'emit');
		assert.deepEqual(
			again.items.map((item) => item.id),
			[3],
		);
	}, 20_000);

	it('REST front unreachable: a typed failure (unreachable)', async () => {
		const store = credentials({ url: 'http://127.0.0.1:9' });
		const check = await claims.claimEvents(contextFor(store), events(1), keyOf, {
			namespace: freshNamespace(),
		});
		assert.equal(check.kind, 'failed');
		assert.equal(check.failure.kind, 'unreachable');
	});

	it('REST timeout: a typed failure within the timeout, not a hang', async () => {
		rest.latencyMs = 2_000;
		const started = Date.now();
		const check = await claims.claimEvents(contextFor(), events(1), keyOf, {
			namespace: freshNamespace(),
			timeoutMs: 300,
		});
		const took = Date.now() - started;
		assert.equal(check.kind, 'failed');
		assert.equal(check.failure.kind, 'timeout');
		assert.ok(took < 1_500, `answered after ${took} ms`);
	});

	it('a 5xx of the REST front is a failure, whatever its body', async () => {
		rest.injectFault(() => true, { status: 502, body: 'Bad Gateway' });
		const check = await claims.claimEvents(contextFor(), events(1), keyOf, {
			namespace: freshNamespace(),
		});
		assert.equal(check.kind, 'failed');
		assert.equal(check.failure.kind, 'serverError');
		assert.equal(check.failure.status, 502);
	});

	it('wrong token: a typed failure (unauthorized) that never shows the token', async () => {
		const check = await claims.claimEvents(
			contextFor(credentials({ token: 'not-the-token-4711' })),
			events(1),
			keyOf,
			{ namespace: freshNamespace() },
		);
		assert.equal(check.kind, 'failed');
		assert.equal(check.failure.kind, 'unauthorized');
		assert.doesNotMatch(JSON.stringify(check.failure), /4711|Bearer/);
	});

	it('a URL that is not a plain http(s) URL: a typed failure before any request', async () => {
		rest.clearRequests();
		const check = await claims.claimEvents(
			contextFor(credentials({ url: 'redis://127.0.0.1:6379' })),
			events(1),
			keyOf,
			{ namespace: freshNamespace() },
		);
		assert.equal(check.failure.kind, 'invalidUrl');
		assert.equal(rest.requests.length, 0);
	});

	it('a command Redis refuses is a failure, not a claim', async () => {
		const result = await redisRest.redisRestPipeline(contextFor(), [['NOSUCHCOMMAND']], {
			timeoutMs: 3_000,
		});
		assert.equal(result.ok, false);
		assert.equal(result.failure.kind, 'commandError');
	});
});

describe('the credential is read once per few seconds, and a rotated token is picked up', () => {
	it('many deliveries read the credential once', async () => {
		const store = credentials();
		const namespace = freshNamespace();
		for (let i = 0; i < 5; i++)
			await claims.claimEvents(contextFor(store), events(i), keyOf, { namespace });
		assert.equal(store.reads, 1);
	});

	it('a 401 with the kept token reads the credential again and succeeds', async () => {
		const store = credentials();
		const namespace = freshNamespace();
		await claims.claimEvents(contextFor(store), events(1), keyOf, { namespace });
		const oldToken = rest.token;
		rest.token = 'rotated-token';
		store.data.redisRestApi.token = 'rotated-token';
		try {
			const check = await claims.claimEvents(contextFor(store), events(2), keyOf, { namespace });
			assert.equal(check.kind, 'emit');
			assert.equal(check.items.length, 1);
			assert.equal(store.reads, 2);
		} finally {
			rest.token = oldToken;
		}
	});
});

describe("the credential's Test, as n8n runs it (n8n-core's RoutingNode)", () => {
	// n8n's credentials tester runs the type's test request as a one-property declarative node.
	const testNodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			version: 1,
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'redisRestApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType('redisRestApi').test.request },
				},
			],
		},
	};
	testNodeType.execute = async function () {
		const data = this.credentialStore.get('redisRestApi');
		return await new core.RoutingNode(this, testNodeType, {
			id: 'harness-redisRestApi',
			name: 'redisRestApi',
			type: 'redisRestApi',
			data,
		}).runNode();
	};

	it('sends ["PING"] with the Bearer token and passes; a wrong token fails', async () => {
		rest.clearRequests();
		const passed = await runExecute(testNodeType, { credentials: credentials() });
		assert.equal(passed.error, undefined, passed.error?.message);
		assert.equal(passed.output[0][0].json.result, 'PONG');
		assert.equal(rest.requests.length, 1);
		assert.equal(rest.requests[0].method, 'POST');
		assert.equal(rest.requests[0].rawBody, '["PING"]');
		assert.equal(rest.requests[0].headers.authorization, `Bearer ${rest.token}`);
		const failed = await runExecute(testNodeType, {
			credentials: credentials({ token: 'wrong' }),
		});
		assert.ok(failed.error, 'a wrong token fails the Test');
		assert.equal(failed.error.httpCode, '401');
	});
});
