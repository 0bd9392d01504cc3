// The pure parts of the shared de-duplication store: keys, commands, reading replies, retention,
// failures, and how the trigger learns n8n's answer.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const claims = require('../../dist/nodes/MessengerTrigger/webhook/sharedClaims.js');
const redisRest = require('../../dist/nodes/shared/redisRest.js');

describe('claim keys', () => {
	it('are namespaced per workflow and trigger, hashed, and carry no event content', () => {
		const a = claims.claimNamespace('wf1', 'node1');
		assert.notEqual(a, claims.claimNamespace('wf2', 'node1'));
		assert.notEqual(a, claims.claimNamespace('wf1', 'node2'));
		assert.equal(a, claims.claimNamespace('wf1', 'node1'));
		const key = claims.claimKey(a, 'm_AbCdEf|1234567890');
		assert.match(key, /^messenger-bridge:dedupe:\{[\w-]{16}\}:[\w-]{22}$/);
		assert.doesNotMatch(key, /AbCdEf|1234567890/);
		assert.notEqual(key, claims.claimKey(a, 'm_AbCdEf|1234567891'));
	});

	it('owners differ per delivery', () => {
		assert.notEqual(claims.newOwner(), claims.newOwner());
	});
});

describe('commands and replies', () => {
	it('claims each key with SET NX PX and reads what holds it', () => {
		assert.deepEqual(claims.claimCommands(['k1', 'k2'], 'o', 1000), [
			['SET', 'k1', 'pending:o', 'NX', 'PX', 1000],
			['GET', 'k1'],
			['SET', 'k2', 'pending:o', 'NX', 'PX', 1000],
			['GET', 'k2'],
		]);
	});

	it('reads claimed, done and pending; a vanished holder counts as pending', () => {
		assert.deepEqual(
			claims.readClaims(['OK', 'pending:o', null, 'done', null, 'pending:x', null, null], 4),
			['claimed', 'done', 'pending', 'pending'],
		);
		assert.equal(claims.readClaims(['OK'], 1), undefined);
	});

	it('marks done with the retention and releases with a compare-and-delete', () => {
		assert.deepEqual(claims.doneCommands(['k'], 5000), [['SET', 'k', 'done', 'PX', 5000]]);
		const release = claims.releaseCommand(['k1', 'k2'], 'o');
		assert.equal(release[0], 'EVAL');
		assert.equal(release[2], 2);
		assert.deepEqual(release.slice(3), ['k1', 'k2', 'pending:o']);
	});

	it('retention is hours, 36 by default, never shorter than the pending period', () => {
		assert.equal(claims.retentionMsOf(36), 36 * 3_600_000);
		assert.equal(claims.retentionMsOf(undefined), 36 * 3_600_000);
		assert.equal(claims.retentionMsOf(-1), 36 * 3_600_000);
		assert.equal(claims.retentionMsOf(0.0001), claims.CLAIM_PENDING_MS);
	});
});

describe('pipeline answers and failures', () => {
	it('reads results in order; an error or a wrong count is a failure', () => {
		assert.deepEqual(redisRest.readPipelineAnswer([{ result: 'OK' }, { result: null }], 2), {
			ok: true,
			replies: ['OK', null],
		});
		assert.equal(
			redisRest.readPipelineAnswer([{ error: 'ERR x' }], 1).failure.kind,
			'commandError',
		);
		assert.equal(redisRest.readPipelineAnswer([{ result: 1 }], 2).failure.kind, 'invalidAnswer');
		assert.equal(redisRest.readPipelineAnswer('<html>', 1).failure.kind, 'invalidAnswer');
		assert.equal(redisRest.readPipelineAnswer([{}], 1).failure.kind, 'invalidAnswer');
	});

	it('classifies what the request helper threw', () => {
		const thrown = (status, data, code) => ({
			message: 'failed',
			cause: status ? { response: { status, data, headers: {} } } : { code, message: 'x' },
		});
		assert.equal(redisRest.describeRedisRestFailure(thrown(401), 1).kind, 'unauthorized');
		assert.equal(redisRest.describeRedisRestFailure(thrown(503), 1).kind, 'serverError');
		assert.equal(
			redisRest.describeRedisRestFailure(thrown(400, { error: 'ERR syntax' }), 1).message,
			'the Redis REST store refused the request (HTTP 400): ERR syntax',
		);
		assert.equal(
			redisRest.describeRedisRestFailure(thrown(0, undefined, 'ECONNABORTED'), 1).kind,
			'timeout',
		);
		assert.equal(
			redisRest.describeRedisRestFailure(thrown(0, undefined, 'ECONNREFUSED'), 1).kind,
			'unreachable',
		);
	});
});

describe("n8n's answer to the delivery", () => {
	const response = () =>
		Object.assign(new EventEmitter(), { statusCode: 200, writableEnded: false, end() {} });

	it("is the status at 'finish'", async () => {
		const res = response();
		const answered = claims.answeredStatus(res);
		res.statusCode = 500;
		res.writableEnded = true;
		res.emit('finish');
		assert.equal(await answered, 500);
	});

	it('is awaited after the connection closed first (Meta gave up waiting)', async () => {
		const res = response();
		const answered = claims.answeredStatus(res, { waitMs: 2_000, pollMs: 20 });
		res.emit('close');
		setTimeout(() => {
			res.statusCode = 200;
			res.writableEnded = true;
		}, 100);
		assert.equal(await answered, 200);
	});

	it('is the status n8n ended the response with after the connection closed, even when the end never completes (compression middleware)', async () => {
		const res = response();
		const ended = [];
		res.end = (...args) => ended.push(args); // a wrapped end that never finishes the stream
		const answered = claims.answeredStatus(res, { waitMs: 2_000, pollMs: 20 });
		res.emit('close');
		setTimeout(() => {
			res.statusCode = 200;
			res.end('EVENT_RECEIVED');
		}, 100);
		assert.equal(await answered, 200);
		assert.deepEqual(ended, [['EVENT_RECEIVED']], "n8n's own end still runs");
		assert.equal(res.writableEnded, false);
	});

	it('is awaited when the connection was gone before the node ran (no close event comes any more)', async () => {
		const res = response();
		res.destroyed = true;
		const answered = claims.answeredStatus(res, { waitMs: 2_000, pollMs: 20 });
		setTimeout(() => {
			res.statusCode = 200;
			res.end('EVENT_RECEIVED');
		}, 100);
		assert.equal(await answered, 200);
	});

	it('is unknown when n8n never answers (the claims then expire)', async () => {
		const res = response();
		const answered = claims.answeredStatus(res, { waitMs: 100, pollMs: 20 });
		res.emit('close');
		assert.equal(await answered, undefined);
	});
});
