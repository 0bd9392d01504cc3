// The trigger's short-lived app-secret cache: one credential read per TTL, a fresh read when a
// kept secret fails the check (rotation), bounded size, nothing kept without a key.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SecretCache } = require('../../dist/nodes/shared/secretCache.js');

function setup({ ttl = 1000, max = 4 } = {}) {
	let clock = 0;
	const store = { secret: 'first', reads: 0 };
	const cache = new SecretCache(ttl, max, () => clock);
	const load = async () => {
		store.reads++;
		return store.secret;
	};
	// A "delivery" signed with `signedWith` is accepted when the secret matches.
	const deliver = (key, signedWith) =>
		cache.use(
			key,
			load,
			(secret) => (secret === signedWith ? 200 : 401),
			(status) => status !== 401,
		);
	return { cache, store, deliver, tick: (ms) => (clock += ms) };
}

describe('SecretCache', () => {
	it('reads the credential once per TTL for accepted deliveries', async () => {
		const { store, deliver, tick } = setup();
		for (let i = 0; i < 50; i++) assert.equal(await deliver('wf:cred', 'first'), 200);
		assert.equal(store.reads, 1);
		tick(999);
		assert.equal(await deliver('wf:cred', 'first'), 200);
		assert.equal(store.reads, 1);
		tick(1);
		assert.equal(await deliver('wf:cred', 'first'), 200);
		assert.equal(store.reads, 2, 'expired at exactly the TTL');
	});

	it('a rotated secret is picked up by the first delivery signed with it; the old one is refused from then on', async () => {
		const { store, deliver } = setup();
		assert.equal(await deliver('wf:cred', 'first'), 200);
		store.secret = 'second';
		assert.equal(await deliver('wf:cred', 'second'), 200);
		assert.equal(store.reads, 2);
		assert.equal(await deliver('wf:cred', 'first'), 401);
		assert.equal(await deliver('wf:cred', 'second'), 200);
	});

	it('a wrong signature is checked against a fresh read, and still refused', async () => {
		const { store, deliver } = setup();
		await deliver('wf:cred', 'first');
		assert.equal(await deliver('wf:cred', 'forged'), 401);
		assert.equal(store.reads, 2);
		// The fresh read is kept: the next good delivery costs no read.
		assert.equal(await deliver('wf:cred', 'first'), 200);
		assert.equal(store.reads, 2);
	});

	it('no key: reads every time and keeps nothing', async () => {
		const { cache, store, deliver } = setup();
		for (let i = 0; i < 3; i++) await deliver(undefined, 'first');
		assert.equal(store.reads, 3);
		assert.equal(cache.size, 0);
	});

	it('keeps at most maxEntries secrets, dropping the oldest; forget() drops one', async () => {
		const { cache, store, deliver } = setup({ max: 2 });
		await deliver('a', 'first');
		await deliver('b', 'first');
		await deliver('c', 'first');
		assert.equal(cache.size, 2);
		assert.equal(store.reads, 3);
		await deliver('a', 'first');
		assert.equal(store.reads, 4, '"a" was the oldest and had been dropped');
		cache.forget('a');
		assert.equal(cache.size, 1);
	});

	it('a failing credential read is not kept', async () => {
		const cache = new SecretCache(1000, 4, () => 0);
		await assert.rejects(
			cache.use(
				'k',
				async () => {
					throw new Error('Credential not found');
				},
				() => 200,
				() => true,
			),
			/Credential not found/,
		);
		assert.equal(cache.size, 0);
	});
});
