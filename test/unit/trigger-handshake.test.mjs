import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
	verifyHandshake,
	safeEqual,
} = require('../../dist/nodes/MessengerTrigger/webhook/handshake.js');

const q = (mode, token, challenge) => ({
	'hub.mode': mode,
	'hub.verify_token': token,
	'hub.challenge': challenge,
});

describe('trigger handshake', () => {
	it('answers the exact challenge for subscribe + the right token', () => {
		assert.deepEqual(verifyHandshake(q('subscribe', 'tok-1', '1158201444'), 'tok-1'), {
			ok: true,
			challenge: '1158201444',
		});
	});
	it('accepts PHP-style hub_mode and nested hub objects', () => {
		assert.deepEqual(
			verifyHandshake({ hub_mode: 'subscribe', hub_verify_token: 't', hub_challenge: '7' }, 't'),
			{ ok: true, challenge: '7' },
		);
		assert.deepEqual(
			verifyHandshake({ hub: { mode: 'subscribe', verify_token: 't', challenge: '8' } }, 't'),
			{ ok: true, challenge: '8' },
		);
	});
	it('refuses a wrong token, including a prefix, a longer one and another case', () => {
		for (const token of ['tok-2', 'tok', 'tok-11', 'TOK-1', '']) {
			assert.deepEqual(verifyHandshake(q('subscribe', token, '1'), 'tok-1'), { ok: false }, token);
		}
	});
	it('refuses another mode, a missing token, challenge or mode', () => {
		assert.deepEqual(verifyHandshake(q('unsubscribe', 'tok-1', '1'), 'tok-1'), { ok: false });
		assert.deepEqual(verifyHandshake({ 'hub.mode': 'subscribe', 'hub.challenge': '1' }, 'tok-1'), {
			ok: false,
		});
		assert.deepEqual(
			verifyHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'tok-1' }, 'tok-1'),
			{ ok: false },
		);
		assert.deepEqual(verifyHandshake(q('subscribe', 'tok-1', ''), 'tok-1'), { ok: false });
		assert.deepEqual(
			verifyHandshake({ 'hub.verify_token': 'tok-1', 'hub.challenge': '1' }, 'tok-1'),
			{ ok: false },
		);
	});
	it('never matches when no verify token is configured', () => {
		assert.deepEqual(verifyHandshake(q('subscribe', '', '1'), ''), { ok: false });
	});
	it('refuses array values (repeated query parameters)', () => {
		assert.deepEqual(
			verifyHandshake(
				{ 'hub.mode': 'subscribe', 'hub.verify_token': ['tok-1', 'x'], 'hub.challenge': '1' },
				'tok-1',
			),
			{ ok: false },
		);
	});
	it('safeEqual compares content and length', () => {
		assert.equal(safeEqual('abc', 'abc'), true);
		assert.equal(safeEqual('abc', 'abd'), false);
		assert.equal(safeEqual('abc', 'abcd'), false);
		assert.equal(safeEqual('äöå', 'äöå'), true);
	});
});
