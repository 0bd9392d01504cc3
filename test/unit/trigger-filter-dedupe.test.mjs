import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
	envelope,
	entry,
	pageEvents,
	igEvents,
	metaJson,
	signatureHeaders,
	bigBatch,
	PAGE_ID,
	IG_ID,
	T,
} from './trigger-payloads.mjs';

const require = createRequire(import.meta.url);
const { normalize, flattenEvents } = require('../../dist/nodes/MessengerTrigger/webhook/events.js');
const { filterEvents } = require('../../dist/nodes/MessengerTrigger/webhook/filter.js');
const {
	dedupeKey,
	SeenEvents,
	SeenRegistry,
	dropSeen,
} = require('../../dist/nodes/MessengerTrigger/webhook/dedupe.js');
const { handleDelivery } = require('../../dist/nodes/MessengerTrigger/webhook/handle.js');
const {
	appFields,
	pageFields,
} = require('../../dist/nodes/MessengerTrigger/subscriptionFields.js');

const items = Object.values(pageEvents).map((e) => normalize(e, { id: PAGE_ID }, 'page', false));
const types = (list) => list.map((i) => i.eventType);

describe('trigger filter', () => {
	it('all events but echoes by default', () => {
		const out = filterEvents(items, { events: [], includeEchoes: false });
		assert.equal(out.length, items.length - 1);
		assert.ok(!types(out).includes('echo'));
	});
	it('echoes only with includeEchoes, whatever the selection', () => {
		assert.deepEqual(types(filterEvents(items, { events: ['postback'], includeEchoes: true })), [
			'echo',
			'postback',
			'postback',
		]);
		assert.deepEqual(types(filterEvents(items, { events: ['postback'], includeEchoes: false })), [
			'postback',
			'postback',
		]);
	});
	it('the selection keeps exactly the selected types', () => {
		assert.deepEqual(
			types(filterEvents(items, { events: ['read', 'delivery'], includeEchoes: false })),
			['delivery', 'read'],
		);
		assert.deepEqual(types(filterEvents(items, { events: ['other'], includeEchoes: false })), [
			'other',
		]);
		assert.equal(filterEvents(items, { events: ['handover'], includeEchoes: false }).length, 4);
	});
});

describe('trigger de-duplication', () => {
	it('keys: equal for a redelivery, different for distinct events', () => {
		const again = (e) => normalize(structuredClone(e), { id: PAGE_ID }, 'page', false);
		for (const event of Object.values(pageEvents))
			assert.equal(dedupeKey(again(event)), dedupeKey(again(event)));
		const keys = items.map(dedupeKey);
		assert.equal(new Set(keys).size, keys.length, 'every fixture event has its own key');
		// reaction, unreact and the edit all point at m_text1 but are different events
		const ig = Object.values(igEvents).map((e) =>
			dedupeKey(normalize(e, { id: IG_ID }, 'instagram', false)),
		);
		assert.equal(
			new Set(ig).size,
			ig.length,
			'an Instagram unsend differs from the message it removes',
		);
		// the same message on standby and on messaging are different deliveries
		assert.notEqual(
			dedupeKey(normalize(pageEvents.message, { id: PAGE_ID }, 'page', true)),
			dedupeKey(items[0]),
		);
		// edits differ by num_edit
		const edit2 = structuredClone(pageEvents.messageEdit);
		edit2.message_edit.num_edit = 2;
		assert.notEqual(
			dedupeKey(normalize(edit2, { id: PAGE_ID }, 'page', false)),
			dedupeKey(normalize(pageEvents.messageEdit, { id: PAGE_ID }, 'page', false)),
		);
	});
	it('keys of events without a message id: watermark, parties, type and time', () => {
		const key = (event, standby = false) =>
			dedupeKey(normalize(event, { id: PAGE_ID }, 'page', standby));
		const noMid = {
			sender: { id: 'u1' },
			recipient: { id: PAGE_ID },
			timestamp: 5,
			message: { text: 'legacy without mid' },
		};
		assert.equal(key(noMid), key(structuredClone(noMid)));
		assert.notEqual(key(noMid), key({ ...noMid, timestamp: 6 }));
		assert.notEqual(key(noMid), key({ ...noMid, sender: { id: 'u2' } }));
		const pbNoMid = {
			sender: { id: 'u1' },
			recipient: { id: PAGE_ID },
			timestamp: 5,
			postback: { payload: 'X' },
		};
		assert.notEqual(key(pbNoMid), key(noMid), 'type is part of the key');
		const editNoMid = {
			sender: { id: 'u1' },
			recipient: { id: PAGE_ID },
			timestamp: 5,
			message_edit: { text: 'x' },
		};
		assert.notEqual(key(editNoMid), key(noMid));
		const deliveryNoWatermark = {
			sender: { id: 'u1' },
			recipient: { id: PAGE_ID },
			timestamp: 7,
			delivery: { mids: ['m1'] },
		};
		assert.notEqual(key(deliveryNoWatermark), key({ ...deliveryNoWatermark, timestamp: 8 }));
		const read = (w) => ({
			sender: { id: 'u1' },
			recipient: { id: PAGE_ID },
			timestamp: 9,
			read: { watermark: w },
		});
		assert.notEqual(key(read(100)), key(read(101)));
		assert.equal(
			key(read(100)),
			key({ ...read(100), timestamp: 10 }),
			'a read is identified by its watermark',
		);
		assert.notEqual(key(pageEvents.message, true), key(pageEvents.message));
		assert.equal(key(pageEvents.message), 'm_text1', 'the common case is the message id itself');
		assert.notEqual(key(pageEvents.passThread), key(pageEvents.takeThread));
		assert.notEqual(
			key(pageEvents.unknownType),
			key({ ...pageEvents.unknownType, timestamp: T + 1 }),
		);
	});
	it('drops repeats within a batch and across batches', () => {
		const seen = new SeenEvents(100);
		assert.equal(dropSeen([items[0], items[0], items[1]], seen).length, 2);
		assert.equal(dropSeen([items[0], items[1], items[2]], seen).length, 1);
		assert.equal(seen.size, 3);
	});
	it('stays bounded: the oldest keys are forgotten first', () => {
		const seen = new SeenEvents(3);
		for (const k of ['a', 'b', 'c', 'd']) seen.add(k);
		assert.equal(seen.size, 3);
		assert.equal(seen.has('a'), false);
		assert.equal(seen.has('d'), true);
		seen.add('d');
		assert.equal(seen.size, 3);
		const big = new SeenEvents(1000);
		for (let i = 0; i < 50_000; i++) big.add(`k${i}`);
		assert.equal(big.size, 1000);
		assert.equal(big.has('k49999'), true);
		assert.equal(big.has('k48999'), false);
	});
	it('forget(): a forgotten key is new again, and its old ring slot never evicts it when re-added', () => {
		const seen = new SeenEvents(3);
		seen.add('a'); // slot 0
		seen.add('b'); // slot 1
		seen.forget('a');
		assert.equal(seen.has('a'), false);
		assert.equal(seen.size, 1);
		assert.equal(seen.add('a'), true, 'remembered again'); // slot 2
		assert.equal(seen.add('c'), true); // slot 0: would evict the stale 'a'
		assert.equal(seen.has('a'), true, 'the newer slot still holds it');
		assert.equal(seen.has('b'), true);
		seen.add('d'); // slot 1: evicts b
		assert.equal(seen.has('b'), false);
		seen.add('e'); // slot 2: evicts a
		assert.equal(seen.has('a'), false);
		assert.equal(seen.size, 3);
		seen.forget('never-added');
		assert.equal(seen.size, 3);
	});
	it('dropSeen reports the keys it remembered', () => {
		const seen = new SeenEvents(100);
		const remembered = [];
		dropSeen([items[0], items[0], items[1]], seen, remembered);
		assert.deepEqual(remembered, [dedupeKey(items[0]), dedupeKey(items[1])]);
		const again = [];
		dropSeen([items[0], items[2]], seen, again);
		assert.deepEqual(again, [dedupeKey(items[2])]);
	});
	it('the registry keeps one store per trigger and a bounded number of triggers', () => {
		const registry = new SeenRegistry(2, 10);
		const a = registry.for('a');
		a.add('x');
		assert.equal(registry.for('a').has('x'), true);
		registry.for('b');
		registry.for('a'); // a is now the most recent
		registry.for('c'); // evicts b
		assert.equal(registry.size, 2);
		assert.equal(registry.for('a').has('x'), true);
		assert.equal(registry.for('b').has('x'), false);
	});
});

describe('trigger handleDelivery', () => {
	const SECRET = 's3cret';
	const options = { object: 'page', events: [], includeEchoes: false, includeStandby: false };
	const signed = (body) => {
		const raw = Buffer.from(typeof body === 'string' ? body : metaJson(body));
		return [raw, signatureHeaders(raw, SECRET)];
	};
	it('401 before anything else for a bad signature, even on garbage', () => {
		const result = handleDelivery(Buffer.from('not json'), {}, SECRET, options);
		assert.deepEqual(
			{ ...result, refusal: undefined },
			{
				status: 401,
				body: 'Invalid signature',
				items: [],
				reason: 'signature missing',
				refusal: undefined,
			},
		);
		assert.equal(result.refusal.reason, 'signatureMissing');
	});
	it('400 for signed non-JSON and for another object', () => {
		assert.equal(handleDelivery(...signed('hello'), SECRET, options).status, 400);
		const result = handleDelivery(...signed(envelope('instagram', [])), SECRET, options);
		assert.equal(result.status, 400);
		assert.equal(result.reason, 'wrongObject');
	});
	it('200 with one item per event of a multi-entry batch', () => {
		const body = envelope('page', [
			entry(PAGE_ID, [pageEvents.message, pageEvents.echo]),
			entry('104000000000002', [pageEvents.postback], { standby: [pageEvents.read] }),
		]);
		const result = handleDelivery(...signed(body), SECRET, options);
		assert.equal(result.status, 200);
		assert.equal(result.body, 'EVENT_RECEIVED');
		assert.deepEqual(types(result.items), ['message', 'postback']);
		const all = handleDelivery(...signed(body), SECRET, {
			...options,
			includeEchoes: true,
			includeStandby: true,
		});
		assert.deepEqual(
			all.items.map((i) => [i.eventType, i.isStandby]),
			[
				['message', false],
				['echo', false],
				['postback', false],
				['read', true],
			],
		);
	});
	it('de-duplicates across requests when given a store', () => {
		const seen = new SeenEvents(10_000);
		const batch = bigBatch(3, 4, 'dd');
		assert.equal(handleDelivery(...signed(batch), SECRET, { ...options, seen }).items.length, 12);
		assert.equal(handleDelivery(...signed(batch), SECRET, { ...options, seen }).items.length, 0);
		assert.equal(
			handleDelivery(...signed(batch), SECRET, options).items.length,
			12,
			'without a store nothing is dropped',
		);
	});
	it('Instagram object', () => {
		const body = envelope('instagram', [entry(IG_ID, Object.values(igEvents))]);
		const result = handleDelivery(...signed(body), SECRET, { ...options, object: 'instagram' });
		assert.deepEqual(types(result.items), [
			'message',
			'message',
			'message',
			'message',
			'read',
			'reaction',
			'postback',
		]);
	});
	it('a 1000-event batch flattens completely', () => {
		const result = handleDelivery(...signed(bigBatch(100, 10)), SECRET, options);
		assert.equal(result.items.length, 1000);
		assert.equal(new Set(result.items.map((i) => i.mid)).size, 1000);
		assert.equal(flattenEvents(bigBatch(100, 10).entry, 'page', false).length, 1000);
	});
});

describe('trigger subscription fields', () => {
	it('all events on a Page', () => {
		assert.deepEqual(
			appFields('page', { events: [], includeEchoes: false, includeStandby: false }),
			[
				'message_deliveries',
				'message_edits',
				'message_reactions',
				'message_reads',
				'messages',
				'messaging_account_linking',
				'messaging_handovers',
				'messaging_optins',
				'messaging_policy_enforcement',
				'messaging_postbacks',
				'messaging_referrals',
			],
		);
	});
	it('selection, echoes and standby', () => {
		assert.deepEqual(
			appFields('page', {
				events: ['message', 'postback'],
				includeEchoes: true,
				includeStandby: true,
			}),
			['message_echoes', 'messages', 'messaging_postbacks', 'standby'],
		);
		assert.deepEqual(
			appFields('page', { events: ['other'], includeEchoes: false, includeStandby: false }),
			[],
		);
	});
	it('Instagram uses its own field names at app level and Page names at Page level', () => {
		const opts = {
			events: ['message', 'read', 'referral', 'handover', 'delivery'],
			includeEchoes: true,
			includeStandby: false,
		};
		assert.deepEqual(appFields('instagram', opts), [
			'messages',
			'messaging_handover',
			'messaging_referral',
			'messaging_seen',
		]);
		assert.deepEqual(pageFields('instagram', opts), [
			'message_deliveries',
			'message_echoes',
			'message_reads',
			'messages',
			'messaging_handovers',
			'messaging_referrals',
		]);
	});
});
