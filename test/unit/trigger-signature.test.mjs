import { describe, it, jest } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	PAGE_ID,
} from './trigger-payloads.mjs';

const require = createRequire(import.meta.url);
const { verifySignature } = require('../../dist/nodes/MessengerTrigger/webhook/signature.js');

const SECRET = 'unit-app-secret';
const raw = Buffer.from(
	metaJson(envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.messageEdit])])),
);

describe('trigger signature', () => {
	it('the fixture really carries Meta escapes (\\u00fc, surrogate pairs, \\/)', () => {
		const text = raw.toString();
		assert.match(text, /Gr\\u00fc\\u00dfe/);
		assert.match(text, /\\ud83d\\ude00/);
		assert.match(text, /https:\\\/\\\/example\.com/);
		assert.ok(!/[^\x00-\x7f]/.test(text), 'raw body is pure ASCII');
	});
	it('accepts a correct sha256 signature over the raw bytes', () => {
		assert.deepEqual(verifySignature(raw, signatureHeaders(raw, SECRET), SECRET), {
			ok: true,
			algorithm: 'sha256',
		});
	});
	it('accepts upper-case hex', () => {
		const h = signatureHeaders(raw, SECRET, { sha1: false });
		h['x-hub-signature-256'] = `sha256=${h['x-hub-signature-256'].slice(7).toUpperCase()}`;
		assert.equal(verifySignature(raw, h, SECRET).ok, true);
	});
	it('refuses a signature computed over re-serialised JSON (the classic bug)', () => {
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
		assert.notDeepEqual(reserialised, raw);
		const headers = signatureHeaders(reserialised, SECRET);
		assert.deepEqual(verifySignature(raw, headers, SECRET), { ok: false, reason: 'mismatch' });
	});
	it('uses sha1 only when the sha256 header is absent', () => {
		assert.deepEqual(
			verifySignature(raw, signatureHeaders(raw, SECRET, { sha256: false }), SECRET),
			{ ok: true, algorithm: 'sha1' },
		);
		// A bad sha256 is not rescued by a good sha1.
		const headers = {
			...signatureHeaders(raw, SECRET),
			'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
		};
		assert.deepEqual(verifySignature(raw, headers, SECRET), { ok: false, reason: 'mismatch' });
	});
	it('refuses missing, malformed, truncated, wrong-prefix and other-secret signatures', () => {
		const good = signatureHeaders(raw, SECRET, { sha1: false })['x-hub-signature-256'];
		assert.deepEqual(verifySignature(raw, {}, SECRET), { ok: false, reason: 'missing' });
		for (const value of [
			'',
			'sha256=',
			good.slice(0, -2),
			`${good}00`,
			good.replace('sha256=', 'sha1='),
			good.replace('sha256=', ''),
			`sha256=${'z'.repeat(64)}`,
		]) {
			assert.deepEqual(
				verifySignature(raw, { 'x-hub-signature-256': value }, SECRET),
				{ ok: false, reason: 'malformed' },
				value,
			);
		}
		assert.deepEqual(verifySignature(raw, signatureHeaders(raw, 'other-secret'), SECRET), {
			ok: false,
			reason: 'mismatch',
		});
		assert.deepEqual(verifySignature(raw, { 'x-hub-signature': 'sha1=abc' }, SECRET), {
			ok: false,
			reason: 'malformed',
		});
	});
	it('refuses a body changed by one byte', () => {
		const headers = signatureHeaders(raw, SECRET);
		const changed = Buffer.from(raw);
		changed[changed.length - 2] ^= 1;
		assert.deepEqual(verifySignature(changed, headers, SECRET), { ok: false, reason: 'mismatch' });
	});
	it('refuses everything when no app secret is configured', () => {
		const emptyKeyed = `sha256=${createHmac('sha256', '').update(raw).digest('hex')}`;
		assert.deepEqual(verifySignature(raw, { 'x-hub-signature-256': emptyKeyed }, ''), {
			ok: false,
			reason: 'noSecret',
		});
	});
	it('takes the first value of a repeated header', () => {
		const good = signatureHeaders(raw, SECRET, { sha1: false })['x-hub-signature-256'];
		assert.equal(
			verifySignature(raw, { 'x-hub-signature-256': [good, 'sha256=00'] }, SECRET).ok,
			true,
		);
	});
	it('never returns the expected digest', () => {
		const result = verifySignature(
			raw,
			{ 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
			SECRET,
		);
		const expected = createHmac('sha256', SECRET).update(raw).digest('hex');
		assert.ok(!JSON.stringify(result).includes(expected));
	});
});

// The Instagram Login route: a delivery may be signed with the Facebook App secret or with the
// Instagram app secret. Any one of the candidates verifies; every candidate is computed and
// compared, whichever matches (no early exit that tells which one did).
describe('trigger signature with several secrets', () => {
	const FACEBOOK = 'unit-facebook-app-secret';
	const INSTAGRAM = 'unit-instagram-app-secret';
	it('accepts a sha256 or sha1 signature made with either secret', () => {
		for (const secret of [FACEBOOK, INSTAGRAM]) {
			assert.deepEqual(verifySignature(raw, signatureHeaders(raw, secret), [FACEBOOK, INSTAGRAM]), {
				ok: true,
				algorithm: 'sha256',
			});
			assert.deepEqual(
				verifySignature(raw, signatureHeaders(raw, secret, { sha256: false }), [
					FACEBOOK,
					INSTAGRAM,
				]),
				{ ok: true, algorithm: 'sha1' },
			);
		}
	});
	it('refuses a third secret, and a bad sha256 is not rescued by a sha1 of another secret', () => {
		assert.deepEqual(
			verifySignature(raw, signatureHeaders(raw, 'a-third-secret'), [FACEBOOK, INSTAGRAM]),
			{ ok: false, reason: 'mismatch' },
		);
		const headers = {
			'x-hub-signature-256': signatureHeaders(raw, 'a-third-secret')['x-hub-signature-256'],
			'x-hub-signature': signatureHeaders(raw, INSTAGRAM)['x-hub-signature'],
		};
		assert.deepEqual(verifySignature(raw, headers, [FACEBOOK, INSTAGRAM]), {
			ok: false,
			reason: 'mismatch',
		});
	});
	it('ignores empty secrets; none left refuses everything', () => {
		assert.equal(verifySignature(raw, signatureHeaders(raw, INSTAGRAM), ['', INSTAGRAM]).ok, true);
		const emptyKeyed = `sha256=${createHmac('sha256', '').update(raw).digest('hex')}`;
		assert.deepEqual(verifySignature(raw, { 'x-hub-signature-256': emptyKeyed }, ['', '']), {
			ok: false,
			reason: 'noSecret',
		});
		assert.deepEqual(verifySignature(raw, { 'x-hub-signature-256': emptyKeyed }, []), {
			ok: false,
			reason: 'noSecret',
		});
	});
	it('computes and compares every candidate, whichever one matches', () => {
		const crypto = require('crypto');
		const hmac = jest.spyOn(crypto, 'createHmac');
		const equal = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			for (const secret of [FACEBOOK, INSTAGRAM, 'a-third-secret']) {
				hmac.mockClear();
				equal.mockClear();
				verifySignature(raw, signatureHeaders(raw, secret, { sha1: false }), [FACEBOOK, INSTAGRAM]);
				assert.deepEqual(
					Array.from(hmac.mock.calls, (call) => call[1]),
					[FACEBOOK, INSTAGRAM],
					`signed with ${secret}`,
				);
				assert.equal(equal.mock.calls.length, 2, `signed with ${secret}`);
			}
		} finally {
			hmac.mockRestore();
			equal.mockRestore();
		}
	});
});
