// Pure parts of the Graph transport: Graph error bodies → code, subcode, fbtrace_id, hint,
// retry decision (never repeating a send Meta may have accepted), Meta's BUC header, and the
// multipart body the emulator (like Graph) can parse.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parseMultipart } from '../emulators/graph/messaging.mjs';

const require = createRequire(import.meta.url);
const {
	graphErrorInfo,
	regainMsFrom,
	hintFor,
	RATE_LIMIT_CODES,
	shouldRetry,
} = require('../../dist/nodes/shared/graphErrors.js');
const { buildMultipart } = require('../../dist/nodes/FacebookMessenger/multipart.js');

const failure = (status, error, headers = {}) => ({
	status,
	data: error ? { error } : undefined,
	headers,
	message: 'Request failed',
});

describe('graphErrorInfo', () => {
	it("reads Meta's envelope: message, type, code, subcode, fbtrace_id, user message", () => {
		const info = graphErrorInfo(
			failure(400, {
				message: '(#10) This message is sent outside of allowed window.',
				type: 'OAuthException',
				code: 10,
				error_subcode: 2018278,
				fbtrace_id: 'Axyz',
				error_user_msg: 'Window closed',
			}),
		);
		assert.equal(info.message, '(#10) This message is sent outside of allowed window.');
		assert.deepEqual(
			[info.code, info.subcode, info.fbtraceId, info.type, info.userMessage, info.status],
			[10, 2018278, 'Axyz', 'OAuthException', 'Window closed', 400],
		);
		assert.match(info.hint, /24 hours/);
		assert.equal(info.rateLimited, false);
	});

	it('a hint for each common error', () => {
		assert.match(hintFor(10, 2018065), /24 hours/);
		assert.match(hintFor(551, 1545041), /not available/);
		assert.match(hintFor(200, 1545041), /not available/);
		assert.match(hintFor(10, 2018108), /not available/);
		assert.match(hintFor(100, 2018001), /No matching user/);
		assert.match(hintFor(190, 463), /invalid or expired/);
		assert.match(hintFor(200, 2018028), /Missing permission/);
		assert.match(hintFor(230), /Missing permission/);
		assert.match(hintFor(10), /Missing permission/);
		assert.match(hintFor(613), /throttling/);
		assert.equal(hintFor(100), undefined);
	});

	it('throttling codes are rate limits; the marketing cap 4/2018354 is not', () => {
		for (const code of RATE_LIMIT_CODES)
			assert.equal(
				graphErrorInfo(failure(400, { message: 'x', code })).rateLimited,
				true,
				String(code),
			);
		assert.equal(
			graphErrorInfo(failure(400, { message: 'x', code: 4, error_subcode: 2018354 })).rateLimited,
			false,
		);
		assert.equal(
			graphErrorInfo(failure(429, undefined, { 'retry-after': '3' })).retryAfterMs,
			3000,
		);
	});

	it('no body: a plain message with the status, or the network code', () => {
		assert.match(graphErrorInfo(failure(502)).message, /HTTP 502/);
		const network = graphErrorInfo({
			headers: {},
			networkCode: 'ECONNRESET',
			message: 'socket hang up',
		});
		assert.match(network.message, /ECONNRESET/);
	});
});

describe('shouldRetry: a send is repeated only when Meta proves it refused it', () => {
	const info = (over) => ({ message: 'x', rateLimited: false, temporary: false, ...over });
	it('throttling: reads and writes', () => {
		assert.equal(shouldRetry(info({ code: 80006, rateLimited: true }), 'write'), true);
		assert.equal(shouldRetry(info({ code: 613, rateLimited: true }), 'read'), true);
	});
	it('1200 (temporary send failure, not sent): writes too', () => {
		assert.equal(shouldRetry(info({ code: 1200, temporary: true }), 'write'), true);
	});
	it('codes 1/2, 5xx and network errors: reads only', () => {
		assert.equal(shouldRetry(info({ code: 2, temporary: true }), 'write'), false);
		assert.equal(shouldRetry(info({ code: 2, temporary: true }), 'read'), true);
		assert.equal(shouldRetry(info({ status: 502 }), 'write'), false);
		assert.equal(shouldRetry(info({ status: 502 }), 'read'), true);
		assert.equal(shouldRetry(info({ networkCode: 'ETIMEDOUT' }), 'write'), false);
		assert.equal(shouldRetry(info({ networkCode: 'ETIMEDOUT' }), 'read'), true);
	});
	it('other errors never', () => {
		assert.equal(shouldRetry(info({ code: 100, status: 400 }), 'read'), false);
		assert.equal(shouldRetry(info({ code: 190, status: 400 }), 'write'), false);
	});
});

describe('regainMsFrom', () => {
	it('takes the largest estimated_time_to_regain_access (minutes) of X-Business-Use-Case-Usage', () => {
		const header = JSON.stringify({
			104: [
				{ type: 'messenger', call_count: 100, estimated_time_to_regain_access: 2 },
				{ type: 'pages', estimated_time_to_regain_access: 5 },
			],
		});
		assert.equal(regainMsFrom({ 'x-business-use-case-usage': header }), 5 * 60_000);
		assert.equal(
			regainMsFrom({
				'x-business-use-case-usage': JSON.stringify({
					1: [{ estimated_time_to_regain_access: 0 }],
				}),
			}),
			0,
		);
		assert.equal(regainMsFrom({}), undefined);
		// Only X-App-Usage: its estimate counts (the fallback).
		assert.equal(
			regainMsFrom({ 'x-app-usage': JSON.stringify({ estimated_time_to_regain_access: 3 }) }),
			3 * 60_000,
		);
		assert.equal(regainMsFrom({ 'x-business-use-case-usage': 'not json' }), undefined);
	});
});

describe('buildMultipart', () => {
	it('fields and the file round-trip through a multipart parser, bytes intact', () => {
		const data = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]);
		const { body, contentType } = buildMultipart(
			{ recipient: '{"id":"1"}', message: '{"attachment":{"type":"file"}}' },
			{ name: 'filedata', fileName: 'a "b".bin', contentType: 'application/octet-stream', data },
		);
		assert.match(contentType, /^multipart\/form-data; boundary=----MessengerBridge[0-9a-f]{24}$/);
		const parsed = parseMultipart(body, contentType);
		assert.deepEqual(parsed.fields, {
			recipient: '{"id":"1"}',
			message: '{"attachment":{"type":"file"}}',
		});
		assert.equal(parsed.files.filedata.filename, 'a _b_.bin');
		assert.deepEqual(parsed.files.filedata.data, data);
	});
});
