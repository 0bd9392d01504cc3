// Pure functions of the Airy Core node: input checks, base URL, token redaction, error texts.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const v = require('../../dist/nodes/Airy/validation.js');
const e = require('../../dist/nodes/Airy/errors.js');

describe('airyBaseUrl', () => {
	it('keeps http(s) URLs without trailing slashes', () => {
		assert.equal(v.airyBaseUrl('https://airy.example.com/'), 'https://airy.example.com');
		assert.equal(v.airyBaseUrl(' http://127.0.0.1:8080// '), 'http://127.0.0.1:8080');
		assert.equal(v.airyBaseUrl('https://example.com/airy'), 'https://example.com/airy');
	});
	it('refuses what is not an http(s) URL or carries a query or user', () => {
		for (const bad of [
			'',
			'airy.example.com',
			'ftp://x',
			'https://x/?a=1',
			'https://u:p@x',
			undefined,
		])
			assert.equal(v.airyBaseUrl(bad), undefined, String(bad));
	});
});

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

describe('airyErrorDetails', () => {
	const f = (status, data, networkCode) => ({
		status,
		data,
		headers: {},
		networkCode,
		message: '',
	});
	it("500 with a message is Graph's error passed through", () => {
		const d = e.airyErrorDetails(
			f(500, { message: '(#190) bad token' }),
			'channels.facebook.explore',
		);
		assert.equal(d.message, 'Facebook rejected the request made by Airy Core: (#190) bad token');
		assert.equal(d.httpCode, '500');
	});
	it('404 on disconnect is an unknown channel, unless Spring says the route is missing', () => {
		assert.equal(
			e.airyErrorDetails(f(404, ''), 'channels.facebook.disconnect').message,
			'Airy Core has no channel with this ID',
		);
		assert.match(
			e.airyErrorDetails(f(404, { path: '/x' }), 'channels.facebook.disconnect').message,
			/does not offer/,
		);
		assert.match(
			e.airyErrorDetails(f(404, ''), 'channels.facebook.explore').message,
			/does not offer/,
		);
	});
	it('401/403, 400, 503, others and network failures', () => {
		assert.equal(e.airyErrorDetails(f(403), 'a').message, 'Airy Core refused the credential');
		assert.equal(e.airyErrorDetails(f(401), 'a').message, 'Airy Core refused the credential');
		assert.match(e.airyErrorDetails(f(400), 'a').message, /rejected the request/);
		assert.match(e.airyErrorDetails(f(503), 'a').message, /unavailable \(HTTP 503\)/);
		assert.match(
			e.airyErrorDetails(f(418, { message: 'teapot' }), 'a').message,
			/HTTP 418: teapot/,
		);
		const network = e.airyErrorDetails(f(undefined, undefined, 'ECONNREFUSED'), 'a');
		assert.equal(network.message, 'Could not reach Airy Core');
		assert.match(network.description, /ECONNREFUSED/);
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
	});
});
