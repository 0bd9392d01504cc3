import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
	metaJson,
	envelope,
	entry,
	pageEvents,
	igEvents,
	entryEvents,
	PAGE_ID,
	IG_ID,
	PSID,
	IGSID,
	T,
} from './trigger-payloads.mjs';

const require = createRequire(import.meta.url);
const {
	parseEnvelope,
	flattenEvents,
	classify,
	normalize,
	toMillis,
	EVENT_TYPES,
} = require('../../dist/nodes/MessengerTrigger/webhook/events.js');

const one = (event, object = 'page', entryId = PAGE_ID) =>
	normalize(event, { id: entryId, time: T }, object, false);

describe('trigger envelope', () => {
	it('parses Meta-escaped JSON back to the original text', () => {
		const raw = Buffer.from(metaJson(envelope('page', [entry(PAGE_ID, [pageEvents.message])])));
		const result = parseEnvelope(raw, 'page');
		assert.equal(result.ok, true);
		assert.equal(result.entries[0].messaging[0].message.text, pageEvents.message.message.text);
	});
	it('uses the body n8n already parsed from the same bytes instead of parsing again', () => {
		const parsed = envelope('page', [entry(PAGE_ID, [pageEvents.message])]);
		const result = parseEnvelope(Buffer.from('{"not":"parsed again"}'), 'page', parsed);
		assert.equal(result.entries, parsed.entry);
		assert.deepEqual(parseEnvelope(Buffer.from('{}'), 'page', 'a string body'), {
			ok: false,
			reason: 'notJson',
		});
		assert.deepEqual(parseEnvelope(Buffer.from('{}'), 'page', { object: 'instagram', entry: [] }), {
			ok: false,
			reason: 'wrongObject',
		});
	});
	it('refuses non-JSON, JSON that is not an object, another object and a missing entry array', () => {
		assert.deepEqual(parseEnvelope(Buffer.from('object=page'), 'page'), {
			ok: false,
			reason: 'notJson',
		});
		assert.deepEqual(parseEnvelope(Buffer.from(''), 'page'), { ok: false, reason: 'notJson' });
		assert.deepEqual(parseEnvelope(Buffer.from('[1,2]'), 'page'), { ok: false, reason: 'notJson' });
		assert.deepEqual(parseEnvelope(Buffer.from('null'), 'page'), { ok: false, reason: 'notJson' });
		assert.deepEqual(parseEnvelope(Buffer.from('{"object":"instagram","entry":[]}'), 'page'), {
			ok: false,
			reason: 'wrongObject',
		});
		assert.deepEqual(parseEnvelope(Buffer.from('{"entry":[]}'), 'page'), {
			ok: false,
			reason: 'wrongObject',
		});
		assert.deepEqual(parseEnvelope(Buffer.from('{"object":"page","entry":{}}'), 'page'), {
			ok: false,
			reason: 'noEntries',
		});
		assert.deepEqual(parseEnvelope(Buffer.from('{"object":"page","entry":[]}'), 'page'), {
			ok: true,
			entries: [],
		});
	});
});

describe('trigger classification (Messenger)', () => {
	const cases = {
		message: 'message',
		quickReply: 'message',
		attachment: 'message',
		echo: 'echo',
		postback: 'postback',
		delivery: 'delivery',
		read: 'read',
		reaction: 'reaction',
		unreact: 'reaction',
		referral: 'referral',
		optin: 'optin',
		passThread: 'handover',
		takeThread: 'handover',
		requestThread: 'handover',
		appRoles: 'handover',
		messageEdit: 'messageEdit',
		policy: 'policyEnforcement',
		accountLinking: 'accountLinking',
		userRefOptin: 'optin',
		stringTimestamp: 'postback',
		unknownType: 'other',
		gamePlay: 'gamePlay',
		order: 'order',
		responseFeedback: 'responseFeedback',
		customerFeedback: 'customerFeedback',
		checkboxOptin: 'optin',
		messageWithReferral: 'message',
		coupon: 'coupon',
		customerInformation: 'customerInformation',
		leadFormSubmit: 'leadFormSubmit',
	};
	for (const [name, type] of Object.entries(cases)) {
		it(`${name} → ${type}`, () => assert.equal(one(pageEvents[name]).eventType, type));
	}
	it('covers every selectable event type', () => {
		const produced = new Set(Object.keys(cases).map((k) => cases[k]));
		const entries = Object.values(entryEvents);
		for (const item of flattenEvents(entries, 'page', false)) produced.add(item.eventType);
		for (const type of EVENT_TYPES) assert.ok(produced.has(type), type);
	});
	it('old policy-enforcement key and Instagram messaging_seen key are recognised', () => {
		assert.equal(
			classify({ 'policy-enforcement': { action: 'warning' } }).type,
			'policyEnforcement',
		);
		assert.equal(classify({ messaging_seen: { mid: 'x' } }).type, 'read');
	});
	it('a message with is_echo false is a message', () => {
		assert.equal(classify({ message: { mid: 'm', is_echo: false } }).type, 'message');
	});
});

describe('trigger normalization', () => {
	it('message: ids, ms timestamp, mid, text with unicode, event untouched', () => {
		const item = one(pageEvents.message);
		assert.deepEqual(
			{ ...item, event: undefined },
			{
				eventType: 'message',
				object: 'page',
				entryId: PAGE_ID,
				senderId: PSID,
				recipientId: PAGE_ID,
				timestamp: T,
				isEcho: false,
				isStandby: false,
				mid: 'm_text1',
				text: pageEvents.message.message.text,
				event: undefined,
			},
		);
		assert.equal(item.event, pageEvents.message);
	});
	it('quick reply payload and attachments', () => {
		assert.equal(one(pageEvents.quickReply).payload, 'COLOR_RED');
		assert.deepEqual(
			one(pageEvents.attachment).attachments,
			pageEvents.attachment.message.attachments,
		);
	});
	it('echo: isEcho, appId, sender is the Page', () => {
		const item = one(pageEvents.echo);
		assert.equal(item.isEcho, true);
		assert.equal(item.appId, '1234567890123456');
		assert.equal(item.senderId, PAGE_ID);
		assert.equal(item.text, 'Hi 👋');
	});
	it('postback: mid and payload; no text', () => {
		const item = one(pageEvents.postback);
		assert.equal(item.mid, 'm_pb1');
		assert.equal(item.payload, 'GET_STARTED');
		assert.equal('text' in item, false);
	});
	it('delivery and read: watermark in ms, mids', () => {
		assert.equal(one(pageEvents.delivery).watermark, T + 5);
		assert.deepEqual(one(pageEvents.delivery).mids, ['m_text1']);
		assert.equal(one(pageEvents.read).watermark, T + 6);
		assert.equal('mid' in one(pageEvents.read), false);
	});
	it('reaction fields', () => {
		const item = one(pageEvents.reaction);
		assert.deepEqual(
			[item.mid, item.action, item.reaction, item.emoji],
			['m_text1', 'react', 'love', '❤️'],
		);
	});
	it('handover type, policy without sender, user_ref sender, referral ref, edit text', () => {
		assert.equal(one(pageEvents.takeThread).handoverType, 'take_thread_control');
		assert.equal(one(pageEvents.appRoles).handoverType, 'app_roles');
		const policy = one(pageEvents.policy);
		assert.equal(policy.senderId, null);
		assert.equal(policy.recipientId, PAGE_ID);
		const optin = one(pageEvents.userRefOptin);
		assert.equal(optin.senderId, null);
		assert.equal(optin.userRef, 'ur-1');
		assert.equal(one(pageEvents.referral).ref, 'spring-sale');
		assert.equal(one(pageEvents.optin).payload, 'NEWS');
		const edit = one(pageEvents.messageEdit);
		assert.equal(edit.text, 'Grüße (edited) / ✓');
		assert.equal(edit.mid, 'm_text1');
	});
	it('string timestamps in seconds become ms; missing timestamps fall back to entry.time', () => {
		assert.equal(one(pageEvents.stringTimestamp).timestamp, 1527459824000);
		assert.equal(
			normalize(
				{ sender: { id: 'a' }, message: { mid: 'x' } },
				{ id: 'p', time: 1700000000 },
				'page',
				false,
			).timestamp,
			1700000000000,
		);
		assert.equal(normalize({ message: {} }, { id: 'p' }, 'page', false).timestamp, null);
	});
	it('toMillis', () => {
		assert.equal(toMillis(1700000000), 1700000000000);
		assert.equal(toMillis('1700000000123'), 1700000000123);
		assert.equal(toMillis(1700000000123), 1700000000123);
		assert.equal(toMillis('x'), null);
		assert.equal(toMillis(''), null);
		assert.equal(toMillis(undefined), null);
	});
});

describe('trigger classification (Instagram)', () => {
	const ig = (name) => one(igEvents[name], 'instagram', IG_ID);
	it('messages keep their data: text, unsend, story mention, story reply', () => {
		assert.equal(ig('message').eventType, 'message');
		assert.equal(ig('message').text, 'Olá 🌍 / ok');
		const deleted = ig('deleted');
		assert.equal(deleted.eventType, 'message');
		assert.equal(deleted.isDeleted, true);
		assert.equal(deleted.mid, 'aWdfZAG1_1');
		assert.equal(ig('storyMention').attachments[0].type, 'story_mention');
		assert.equal(ig('storyReply').event.message.reply_to.story.id, '1790000');
		assert.equal(ig('storyReply').object, 'instagram');
		assert.equal(ig('storyReply').entryId, IG_ID);
		assert.equal(ig('storyReply').senderId, IGSID);
	});
	it('messaging_seen is a read; reaction, echo, postback', () => {
		assert.equal(ig('seen').eventType, 'read');
		assert.equal(ig('seen').mid, 'aWdfZAG1_1');
		assert.equal(ig('reaction').eventType, 'reaction');
		assert.equal(ig('echo').eventType, 'echo');
		assert.equal(ig('postback').payload, 'ICEBREAKER_FAQ');
	});
});

describe('trigger flatten', () => {
	const body = envelope('page', [
		entry(PAGE_ID, [pageEvents.message, pageEvents.postback], { standby: [pageEvents.read] }),
		entry('104000000000002', [pageEvents.delivery]),
		entry('104000000000003', null, { standby: [pageEvents.echo] }),
		null,
		'garbage',
		{ id: 'x', messaging: 'not-a-list' },
		{ id: 'y', messaging: [null, 3, [], pageEvents.reaction] },
	]);
	it('one item per event across entries, in order; standby only when asked', () => {
		const items = flattenEvents(body.entry, 'page', false);
		assert.deepEqual(
			items.map((i) => [i.entryId, i.eventType, i.isStandby]),
			[
				[PAGE_ID, 'message', false],
				[PAGE_ID, 'postback', false],
				['104000000000002', 'delivery', false],
				['y', 'reaction', false],
			],
		);
		const withStandby = flattenEvents(body.entry, 'page', true);
		assert.deepEqual(
			withStandby.map((i) => [i.entryId, i.eventType, i.isStandby]),
			[
				[PAGE_ID, 'message', false],
				[PAGE_ID, 'postback', false],
				[PAGE_ID, 'read', true],
				['104000000000002', 'delivery', false],
				['104000000000003', 'echo', true],
				['y', 'reaction', false],
			],
		);
	});
});
