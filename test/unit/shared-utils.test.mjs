// Pure helpers shared by several nodes: retry/backoff, Retry-After, keyed concurrency, and the
// reading of n8n's wrapped HTTP failures.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { backoffDelay, retryAfterMs, withRetry } = require('../../dist/nodes/shared/retry.js');
const { runKeyed } = require('../../dist/nodes/shared/keyedQueue.js');
const { httpFailure } = require('../../dist/nodes/shared/httpFailure.js');
const { NodeApiError } = require('n8n-workflow');

describe('backoffDelay', () => {
	it('grows exponentially, with jitter in the upper half, and is capped', () => {
		assert.equal(
			backoffDelay(0, 100, 10_000, () => 0),
			50,
		);
		assert.equal(
			backoffDelay(0, 100, 10_000, () => 1),
			100,
		);
		assert.equal(
			backoffDelay(3, 100, 10_000, () => 0),
			400,
		);
		assert.equal(
			backoffDelay(3, 100, 10_000, () => 1),
			800,
		);
		assert.equal(
			backoffDelay(20, 100, 10_000, () => 1),
			10_000,
		);
		for (let i = 0; i < 100; i++) {
			const d = backoffDelay(2, 100, 10_000);
			assert.ok(d >= 200 && d <= 400, `${d} outside [200, 400]`);
		}
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates, ignores garbage', () => {
		assert.equal(retryAfterMs('3'), 3000);
		assert.equal(retryAfterMs('0'), 0);
		assert.equal(retryAfterMs(undefined), undefined);
		assert.equal(retryAfterMs('soon'), undefined);
		const now = Date.parse('2026-11-21T12:00:00Z');
		assert.equal(retryAfterMs('Sat, 21 Nov 2026 12:00:05 GMT', now), 5000);
		assert.equal(retryAfterMs('Sat, 21 Nov 2026 11:00:00 GMT', now), 0);
	});
});

describe('withRetry', () => {
	const policy = (decide, retries = 3) => ({ retries, baseDelayMs: 1, maxDelayMs: 5, decide });

	it('returns the first success and stops retrying', async () => {
		let calls = 0;
		const value = await withRetry(
			async () => {
				calls++;
				if (calls < 3) throw new Error('transient');
				return 'ok';
			},
			policy(() => ({ retry: true })),
		);
		assert.equal(value, 'ok');
		assert.equal(calls, 3);
	});

	it('never retries what the policy refuses, and rethrows the same error', async () => {
		let calls = 0;
		const failure = new Error('permanent');
		await assert.rejects(
			withRetry(
				async () => {
					calls++;
					throw failure;
				},
				policy(() => ({ retry: false })),
			),
			(error) => error === failure,
		);
		assert.equal(calls, 1);
	});

	it('gives up after the allowed retries with the last error', async () => {
		let calls = 0;
		await assert.rejects(
			withRetry(
				async () => {
					calls++;
					throw new Error(`attempt ${calls}`);
				},
				policy(() => ({ retry: true }), 2),
			),
			/attempt 3/,
		);
		assert.equal(calls, 3);
	});

	it('waits the delay the policy asks for (capped by maxDelayMs)', async () => {
		let calls = 0;
		const started = Date.now();
		await withRetry(
			async () => {
				if (++calls === 1) throw new Error('rate limited');
				return true;
			},
			{
				retries: 1,
				baseDelayMs: 1,
				maxDelayMs: 200,
				decide: () => ({ retry: true, delayMs: 150 }),
			},
		);
		const waited = Date.now() - started;
		assert.ok(waited >= 140 && waited < 1000, `waited ${waited} ms`);
	});
});

describe('runKeyed', () => {
	it('keeps order within a key, runs keys concurrently, bounded', async () => {
		const log = [];
		let inFlight = 0;
		let peak = 0;
		const task = (key, n) => ({
			key,
			run: async () => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((r) => setTimeout(r, 5 + ((n * 7) % 5)));
				log.push(`${key}${n}`);
				inFlight--;
				return `${key}${n}`;
			},
		});
		const tasks = [];
		for (let n = 0; n < 5; n++) for (const key of ['a', 'b', 'c', 'd']) tasks.push(task(key, n));
		const results = await runKeyed(tasks, 3);
		assert.deepEqual(
			results.map((r) => r.value),
			tasks.map((_, i) => `${'abcd'[i % 4]}${Math.floor(i / 4)}`),
		);
		for (const key of 'abcd') {
			const order = log.filter((entry) => entry.startsWith(key));
			assert.deepEqual(
				order,
				[0, 1, 2, 3, 4].map((n) => `${key}${n}`),
			);
		}
		assert.equal(peak, 3);
	});

	it('reports failures per task and keeps going, in the same key too', async () => {
		const results = await runKeyed(
			[
				{ key: 'x', run: async () => 1 },
				{
					key: 'x',
					run: async () => {
						throw new Error('boom');
					},
				},
				{ key: 'x', run: async () => 3 },
			],
			4,
		);
		assert.deepEqual(
			results.map((r) => r.ok),
			[true, false, true],
		);
		assert.equal(results[1].error.message, 'boom');
		assert.equal(results[2].value, 3);
	});

	it('handles no tasks', async () => {
		assert.deepEqual(await runKeyed([], 4), []);
	});
});

describe('httpFailure', () => {
	const node = {
		id: '1',
		name: 'Node',
		type: 'x',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	it('reads status, body and headers from the transport error inside a NodeApiError', () => {
		const transport = Object.assign(new Error('Request failed with status code 429'), {
			response: {
				status: 429,
				data: { code: 'too.many.requests.retry.after' },
				headers: { 'Retry-After': '2' },
			},
		});
		const failure = httpFailure(new NodeApiError(node, transport));
		assert.equal(failure.status, 429);
		assert.deepEqual(failure.data, { code: 'too.many.requests.retry.after' });
		assert.equal(failure.headers['retry-after'], '2');
		assert.equal(failure.networkCode, undefined);
	});

	it('parses JSON bodies that arrived as text or bytes', () => {
		const failure = httpFailure({
			response: { status: 400, data: Buffer.from('{"error":{"code":100}}'), headers: {} },
		});
		assert.deepEqual(failure.data, { error: { code: 100 } });
	});

	it('tells network failures from HTTP answers', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
			code: 'ECONNREFUSED',
		});
		const failure = httpFailure(new NodeApiError(node, refused));
		assert.equal(failure.status, undefined);
		assert.equal(failure.networkCode, 'ECONNREFUSED');
	});
});
