// Pure functions of the Airy Core node: input checks, the connect body, token redaction, error
// texts and retry decisions.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const v = require('../../dist/nodes/Airy/validation.js');
const b = require('../../dist/nodes/Airy/bodies.js');
const e = require('../../dist/nodes/Airy/errors.js');

describe('checks', () => {
	it('numeric ids', () => {
		assert.equal(v.checkNumericId('104000000000001', 'Page ID'), undefined);
		assert.match(v.checkNumericId('', 'Page ID'), /empty/);
		assert.match(v.checkNumericId('https://facebook.com/mypage', 'Page ID'), /not a numeric ID/);
		assert.match(v.checkNumericId('12 3', 'Page ID'), /not a numeric ID/);
	});
	it('channel ids are UUIDs', () => {
		assert.equal(v.checkChannelId('3f1b2c4d-5e6f-5a7b-8c9d-0e1f2a3b4c5d'), undefined);
		assert.match(v.checkChannelId('104000000000001'), /not an Airy channel ID/);
		assert.match(v.checkChannelId(''), /empty/);
	});
	it('tokens and image URLs', () => {
		assert.equal(v.checkToken('EAAx', 'Page Token'), undefined);
		assert.match(v.checkToken('EAA x', 'Page Token'), /spaces/);
		assert.match(v.checkToken('EAA\n', 'Page Token'), /spaces/);
		assert.equal(v.checkImageUrl(''), undefined);
		assert.equal(v.checkImageUrl('https://x/y.png'), undefined);
		assert.match(v.checkImageUrl('javascript:alert(1)'), /not an http/);
	});
});

describe('connectBody', () => {
	it('is snake_case, with name, image_url and account_id only when given', () => {
		const input = { pageId: '1', pageToken: 't', name: '', imageUrl: '' };
		assert.deepEqual(b.connectBody(input), { page_id: '1', page_token: 't' });
		assert.deepEqual(
			b.connectBody({ ...input, name: 'n', imageUrl: 'https://x/y.png', accountId: '2' }),
			{ page_id: '1', page_token: 't', name: 'n', image_url: 'https://x/y.png', account_id: '2' },
		);
	});
});

describe('redactChannel', () => {
	it('removes every token-like key at any depth and keeps the rest', () => {
		const channel = {
			id: 'c',
			source: 'facebook',
			metadata: {
				name: 'n',
				page_id: '1',
				page_token: 'EAAsecret',
				nested: [{ access_token: 'x', keep: 1 }],
			},
		};
		assert.deepEqual(v.redactChannel(channel), {
			id: 'c',
			source: 'facebook',
			metadata: { name: 'n', page_id: '1', nested: [{ keep: 1 }] },
		});
		assert.equal(channel.metadata.page_token, 'EAAsecret', 'the input is not changed');
	});
	it('answers an object for anything', () => {
		assert.deepEqual(v.redactChannel(''), {});
		assert.deepEqual(v.redactChannel(null), {});
	});
});

describe('airyError', () => {
	const f = (status, data, networkCode) => ({
		status,
		data,
		headers: {},
		networkCode,
		message: '',
	});
	it("500 with a message is Graph's error passed through", () => {
		const d = e.airyError(f(500, { message: '(#190) bad token' }), 'channels.facebook.explore');
		assert.equal(d.message, 'Facebook rejected the request made by Airy Core: (#190) bad token');
		assert.deepEqual(d.facts, {
			action: 'channels.facebook.explore',
			vendorMessage: '(#190) bad token',
		});
	});
	it('404 on disconnect is an unknown channel, unless Spring says the route is missing', () => {
		assert.equal(
			e.airyError(f(404, ''), 'channels.facebook.disconnect').message,
			'Airy Core has no channel with this ID',
		);
		assert.match(
			e.airyError(f(404, { path: '/x' }), 'channels.facebook.disconnect').message,
			/does not offer/,
		);
		assert.match(e.airyError(f(404, ''), 'channels.facebook.explore').message, /does not offer/);
	});
	it('401/403, 400, 503, others and network failures', () => {
		assert.equal(e.airyError(f(403), 'a').message, 'Airy Core refused the credential');
		assert.equal(e.airyError(f(401), 'a').message, 'Airy Core refused the credential');
		assert.match(e.airyError(f(400), 'a').message, /rejected the request/);
		assert.match(e.airyError(f(503), 'a').message, /unavailable \(HTTP 503\)/);
		assert.match(e.airyError(f(418, { message: 'teapot' }), 'a').message, /HTTP 418: teapot/);
		const network = e.airyError(f(undefined, undefined, 'ECONNREFUSED'), 'a');
		assert.equal(network.message, 'Could not reach Airy Core');
		assert.match(network.description, /ECONNREFUSED/);
		assert.deepEqual(network.facts, { action: 'a' });
		for (const status of [502, 504])
			assert.match(
				e.airyError(f(status), 'a').message,
				new RegExp(`unavailable \\(HTTP ${status}\\)`),
			);
	});
	it('retries only what is safe to repeat', () => {
		assert.equal(e.isRetryableAiryFailure(f(503), 'channels.facebook.explore'), true);
		assert.equal(e.isRetryableAiryFailure(f(503), 'channels.facebook.disconnect'), true);
		assert.equal(e.isRetryableAiryFailure(f(503), 'channels.facebook.connect'), false);
		assert.equal(e.isRetryableAiryFailure(f(429), 'channels.facebook.connect'), true);
		assert.equal(
			e.isRetryableAiryFailure(f(500, { message: 'x' }), 'channels.facebook.explore'),
			false,
		);
		assert.equal(
			e.isRetryableAiryFailure(f(undefined, undefined, 'ECONNRESET'), 'channels.facebook.explore'),
			true,
		);
		assert.equal(
			e.isRetryableAiryFailure(
				f(undefined, undefined, 'ECONNREFUSED'),
				'channels.facebook.explore',
			),
			false,
		);
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])
			assert.equal(e.isRetryableAiryFailure(f(undefined, undefined, code), 'x.disconnect'), true);
		assert.equal(
			e.isRetryableAiryFailure(f(undefined, undefined, 'ECONNRESET'), 'channels.facebook.connect'),
			false,
		);
		for (const status of [502, 504])
			assert.equal(e.isRetryableAiryFailure(f(status), 'channels.facebook.explore'), true);
	});
	it('the retry policy: two retries, after Retry-After when Airy sends one', () => {
		const policy = e.airyRetryPolicy('channels.facebook.explore');
		assert.deepEqual([policy.retries, policy.baseDelayMs, policy.maxDelayMs], [2, 500, 5000]);
		assert.deepEqual(policy.decide({ ...f(503), headers: { 'retry-after': '1' } }, 0), {
			retry: true,
			delayMs: 1000,
		});
		assert.deepEqual(policy.decide(f(503), 0), { retry: true, delayMs: undefined });
		assert.deepEqual(e.airyRetryPolicy('channels.facebook.connect').decide(f(503), 0), {
			retry: false,
		});
	});
});
