// runKeyed's failure options: stopOnFailure (no task starts after a failure; those in flight
// finish) and poisonKey (a key's later tasks are skipped after one of its tasks failed).
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runKeyed } = require('../../dist/nodes/shared/keyedQueue.js');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Tasks that log when they start and end; `fails` holds the indexes that throw. */
function tasks(keys, fails, ms = (i) => 5 + (i % 3)) {
	const log = [];
	const list = keys.map((key, i) => ({
		key,
		run: async () => {
			log.push(`start ${i}`);
			await sleep(ms(i));
			log.push(`end ${i}`);
			if (fails.includes(i)) throw new Error(`boom ${i}`);
			return i;
		},
	}));
	return { list, log };
}

describe('runKeyed poisonKey', () => {
	it("skips a key's later tasks after its failure and keeps running the other keys", async () => {
		const { list, log } = tasks(['a', 'b', 'a', 'b', 'a', 'b'], [2]);
		const results = await runKeyed(list, 2, { poisonKey: true });
		assert.deepEqual(results[0], { ok: true, value: 0 });
		assert.equal(results[2].ok, false);
		assert.equal(results[2].error.message, 'boom 2');
		assert.deepEqual(results[4], { ok: false, skipped: 'key', cause: 2 });
		assert.deepEqual(
			[1, 3, 5].map((i) => results[i]),
			[1, 3, 5].map((i) => ({ ok: true, value: i })),
		);
		assert.ok(!log.includes('start 4'), 'a later task of the failed key started');
	});
});

describe('runKeyed stopOnFailure', () => {
	it('starts nothing after the first failure, lets tasks in flight finish, reports the rest as skipped', async () => {
		// Two workers: key a (0, 2, 4, 6) fails at 2; key b (1, 3, 5, 7) is slower, in flight then.
		const keys = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'c', 'c'];
		const { list, log } = tasks(keys, [2], (i) => (keys[i] === 'b' ? 12 : 5));
		const results = await runKeyed(list, 2, { stopOnFailure: true });
		const failedAt = log.indexOf('end 2');
		const startedAfter = log.slice(failedAt).filter((e) => e.startsWith('start'));
		assert.deepEqual(startedAfter, [], `started after the failure: ${startedAfter}`);
		// The b task in flight when 2 failed finished and kept its result.
		const inFlight = log
			.slice(0, failedAt)
			.filter((e) => e.startsWith('start'))
			.map((e) => Number(e.slice(6)))
			.filter((i) => i !== 2 && !log.slice(0, failedAt).includes(`end ${i}`));
		assert.equal(inFlight.length, 1);
		assert.deepEqual(results[inFlight[0]], { ok: true, value: inFlight[0] });
		assert.ok(log.includes(`end ${inFlight[0]}`));
		assert.equal(results[2].error.message, 'boom 2');
		assert.equal(results[2].order, 0, 'the first failure in time');
		for (const [i, result] of results.entries()) {
			const started = log.includes(`start ${i}`);
			if (!started) assert.equal(result.ok, false, `task ${i}`);
			if (!started) assert.ok(result.skipped === 'stopped' || result.skipped === 'key');
			if (!started) assert.equal(result.cause, 2);
		}
		assert.deepEqual(results[4], { ok: false, skipped: 'key', cause: 2 });
		assert.deepEqual(results[8], { ok: false, skipped: 'stopped', cause: 2 });
		assert.equal(results.length, keys.length);
	});

	it('the concurrency bound still holds, and without a failure every task runs', async () => {
		let inFlight = 0;
		let peak = 0;
		const list = Array.from({ length: 20 }, (_, i) => ({
			key: String(i % 7),
			run: async () => {
				peak = Math.max(peak, ++inFlight);
				await sleep(3);
				inFlight--;
				return i;
			},
		}));
		const results = await runKeyed(list, 4, { stopOnFailure: true, poisonKey: true });
		assert.equal(peak, 4);
		assert.deepEqual(
			results.map((r) => r.value),
			list.map((_, i) => i),
		);
	});

	it('without options keeps the old behaviour: every task runs', async () => {
		const { list, log } = tasks(['x', 'x', 'x'], [1]);
		const results = await runKeyed(list, 1);
		assert.deepEqual(
			results.map((r) => r.ok),
			[true, false, true],
		);
		assert.ok(log.includes('start 2'));
	});
});
