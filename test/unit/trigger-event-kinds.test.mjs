// The event kinds of Meta's current Messenger and Instagram webhook references beyond the first
// eleven: Calling (calls[] and the entry-level call_permission_reply), game plays, carts,
// response and customer feedback, changes[] (real and App Dashboard samples), userRef and ref
// wherever Meta puts them; and the refusal descriptions shown in the editor's test mode.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
	envelope,
	entry,
	pageEvents,
	entryEvents,
	metaJson,
	signatureHeaders,
	PAGE_ID,
	IG_ID,
	PSID,
	T,
} from './trigger-payloads.mjs';

const require = createRequire(import.meta.url);
const {
	normalize,
	flattenEvents,
	isDashboardSample,
} = require('../../dist/nodes/MessengerTrigger/webhook/events.js');
const { filterEvents } = require('../../dist/nodes/MessengerTrigger/webhook/filter.js');
const { dedupeKey } = require('../../dist/nodes/MessengerTrigger/webhook/dedupe.js');
const { handleDelivery } = require('../../dist/nodes/MessengerTrigger/webhook/handle.js');
const {
	describeRefusal,
	declaredObject,
} = require('../../dist/nodes/MessengerTrigger/webhook/refusal.js');
const {
	appFields,
	pageFields,
} = require('../../dist/nodes/MessengerTrigger/subscriptionFields.js');

const one = (event) => normalize(event, { id: PAGE_ID, time: T }, 'page', false);
const flat = (entries, object = 'page') => flattenEvents(entries, object, false);
const SECRET = 'kinds-test-secret-0123456789abcdef';

describe('Messenger Calling', () => {
	it('calls[] events: one item each, from → senderId, to → recipientId, call id and event', () => {
		const [connect] = flat([entryEvents.callConnect]);
		assert.deepEqual(
			{ ...connect, event: undefined },
			{
				eventType: 'call',
				object: 'page',
				entryId: PAGE_ID,
				senderId: PSID,
				recipientId: PAGE_ID,
				timestamp: 1763719300000,
				isEcho: false,
				isStandby: false,
				callId: 'c_AbCdEf0123456789',
				callEvent: 'connect',
				callDirection: 'user_initiated',
				event: undefined,
			},
		);
		assert.equal(connect.event, entryEvents.callConnect.calls[0]);
		const [terminate] = flat([entryEvents.callTerminate]);
		assert.equal(terminate.callEvent, 'terminate');
		// Connect and terminate of one call are two events; each one's redelivery is the same.
		assert.notEqual(dedupeKey(connect), dedupeKey(terminate));
		assert.equal(dedupeKey(connect), dedupeKey(flat([entryEvents.callConnect])[0]));
	});
	it('call_permission_reply as the entry itself (no entry id): the Page is its recipient', () => {
		const items = flat([entryEvents.callPermissionReply]);
		assert.equal(items.length, 1);
		const [reply] = items;
		assert.equal(reply.eventType, 'callPermission');
		assert.equal(reply.entryId, PAGE_ID);
		assert.equal(reply.senderId, PSID);
		assert.equal(reply.response, 'approve');
		assert.equal(reply.timestamp, 1763719500000);
		assert.equal(reply.event, entryEvents.callPermissionReply);
	});
	it('call_permission_reply inside messaging[] is classified the same', () => {
		const { call_permission_reply, sender, recipient, timestamp } = entryEvents.callPermissionReply;
		const item = one({ sender, recipient, timestamp, call_permission_reply });
		assert.equal(item.eventType, 'callPermission');
	});
});

describe('game plays, carts, feedback', () => {
	it('game_play → gamePlay with payload and score', () => {
		const item = one(pageEvents.gamePlay);
		assert.equal(item.eventType, 'gamePlay');
		assert.equal(item.payload, '{"level":3}');
		assert.equal(item.score, 4200);
		assert.equal(item.senderId, PSID);
	});
	it('order (field send_cart) → order, the cart in event.order', () => {
		const item = one(pageEvents.order);
		assert.equal(item.eventType, 'order');
		assert.equal(item.event.order.products[0].retailer_id, 'mug-1');
	});
	it('response_feedback → responseFeedback with the rated mid and the feedback', () => {
		const item = one(pageEvents.responseFeedback);
		assert.equal(item.eventType, 'responseFeedback');
		assert.equal(item.mid, 'm_echo1');
		assert.equal(item.feedback, 'Good response');
	});
	it('messaging_feedback → customerFeedback', () => {
		assert.equal(one(pageEvents.customerFeedback).eventType, 'customerFeedback');
	});
});

describe('userRef and ref wherever Meta puts them', () => {
	it('checkbox opt-in: no sender, userRef from optin.user_ref, ref from optin.ref', () => {
		const item = one(pageEvents.checkboxOptin);
		assert.equal(item.senderId, null);
		assert.equal(item.userRef, 'ur-checkbox-7');
		assert.equal(item.ref, 'checkout-page');
	});
	it('plugin sender: userRef from sender.user_ref', () => {
		assert.equal(one(pageEvents.userRefOptin).userRef, 'ur-1');
	});
	it('echo to a plugin guest: userRef from recipient.user_ref', () => {
		const item = one({
			sender: { id: PAGE_ID },
			recipient: { user_ref: 'ur-guest-3' },
			timestamp: T,
			message: { mid: 'm_e9', is_echo: true, text: 'Hello guest' },
		});
		assert.equal(item.eventType, 'echo');
		assert.equal(item.userRef, 'ur-guest-3');
	});
	it('ref of a referral, of a postback referral (Get Started from an ad), of a message referral', () => {
		assert.equal(one(pageEvents.referral).ref, 'spring-sale');
		assert.equal(one(pageEvents.postback).ref, 'ad1');
		assert.equal(one(pageEvents.messageWithReferral).ref, 'winter-ad');
		assert.equal('ref' in one(pageEvents.message), false);
	});
});

describe('changes[]: real changes and App Dashboard samples', () => {
	it('an Instagram comment is a change with its field, value, author and text', () => {
		const [item] = flat([entryEvents.igComment], 'instagram');
		assert.equal(item.eventType, 'change');
		assert.equal(item.object, 'instagram');
		assert.equal(item.entryId, IG_ID);
		assert.equal(item.field, 'comments');
		assert.equal(item.senderId, '9100000000000001');
		assert.equal(item.text, 'Wie schön! 😍');
		assert.equal(item.value, entryEvents.igComment.changes[0].value);
		assert.equal(item.timestamp, 1763719600000);
	});
	it('the dashboard sample of a messaging field is a test item that shows the event it samples', () => {
		const [item] = flat([entryEvents.dashboardMessagesSample]);
		assert.equal(item.eventType, 'test');
		assert.equal(item.field, 'messages');
		assert.equal(item.entryId, '0');
		assert.equal(item.sampleEventType, 'message');
		assert.equal(item.text, 'test_message');
		assert.equal(item.senderId, '12334');
		assert.equal(item.timestamp, 1763719700000, 'when the dashboard sent it');
		assert.equal(item.value, entryEvents.dashboardMessagesSample.changes[0].value);
		assert.equal(item.event, entryEvents.dashboardMessagesSample.changes[0]);
	});
	it('the dashboard sample of a changes field (entry id 0) is a test item, not a change', () => {
		const [item] = flat([entryEvents.dashboardCommentsSample], 'instagram');
		assert.equal(item.eventType, 'test');
		assert.equal(item.field, 'comments');
		assert.equal('sampleEventType' in item, false);
	});
	it('the rule: entry id 0, or a messaging field in changes[]; anything else is a real change', () => {
		const change = (field) => ({ field, value: {} });
		assert.equal(isDashboardSample(change('feed'), { id: '0' }), true);
		assert.equal(isDashboardSample(change('feed'), { id: 0 }), true);
		assert.equal(isDashboardSample(change('messaging_postbacks'), { id: PAGE_ID }), true);
		assert.equal(isDashboardSample(change('calls'), { id: PAGE_ID }), true);
		assert.equal(isDashboardSample(change('feed'), { id: PAGE_ID }), false);
		assert.equal(isDashboardSample(change('mentions'), { id: IG_ID }), false);
		assert.equal(isDashboardSample(change('comments'), { id: '10' }), false);
	});
	it('one item per event across messaging[], calls[], changes[] and an entry-level reply, in order', () => {
		const items = flat([
			entry(PAGE_ID, [pageEvents.message]),
			entryEvents.callConnect,
			entryEvents.callPermissionReply,
			entryEvents.dashboardMessagesSample,
		]);
		assert.deepEqual(
			items.map((i) => i.eventType),
			['message', 'call', 'callPermission', 'test'],
		);
	});
	it('test items pass the filter for none selected, test selected, or the sampled type selected', () => {
		const [sample] = flat([entryEvents.dashboardMessagesSample]);
		const keep = (events) => filterEvents([sample], { events, includeEchoes: false }).length;
		assert.equal(keep([]), 1);
		assert.equal(keep(['test']), 1);
		assert.equal(keep(['message']), 1);
		assert.equal(keep(['postback']), 0);
		const [comment] = flat([entryEvents.igComment], 'instagram');
		assert.equal(filterEvents([comment], { events: ['change'], includeEchoes: false }).length, 1);
		assert.equal(filterEvents([comment], { events: ['message'], includeEchoes: false }).length, 0);
	});
	it('signed deliveries: a dashboard sample and a comment come out of handleDelivery', () => {
		const body = envelope('instagram', [
			entryEvents.dashboardCommentsSample,
			entryEvents.igComment,
		]);
		const raw = Buffer.from(metaJson(body));
		const result = handleDelivery(raw, signatureHeaders(raw, SECRET), SECRET, {
			object: 'instagram',
			events: [],
			includeEchoes: false,
			includeStandby: false,
		});
		assert.equal(result.status, 200);
		assert.deepEqual(
			result.items.map((i) => i.eventType),
			['test', 'change'],
		);
	});
});

describe('refusal descriptions (editor test mode)', () => {
	const body = Buffer.from(metaJson(envelope('page', [entry(PAGE_ID, [pageEvents.message])])));
	const good = signatureHeaders(body, SECRET);
	const options = { object: 'page', events: [], includeEchoes: false, includeStandby: false };
	const refusal = (raw, headers) => handleDelivery(raw, headers, SECRET, options).refusal;
	const assertClean = (item, raw) => {
		const text = JSON.stringify(item);
		assert.ok(!text.includes(SECRET), 'no secret');
		assert.ok(!text.includes(good['x-hub-signature-256'].slice(7)), 'no expected digest');
		assert.ok(!text.includes(good['x-hub-signature-256'].slice(7, 30)), 'no part of a digest');
		assert.ok(!text.includes('Grüße'), 'no body content');
		assert.ok(!text.includes(raw.toString().slice(0, 30)), 'no body');
	};
	it('wrong signature names the header checked: X-Hub-Signature-256, else X-Hub-Signature', () => {
		const forged = { ...good, 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` };
		const item = refusal(body, forged);
		assert.deepEqual(
			{ ...item, message: undefined },
			{
				eventType: 'refused',
				status: 401,
				reason: 'signatureMismatch',
				header: 'X-Hub-Signature-256',
				message: undefined,
			},
		);
		assert.match(item.message, /X-Hub-Signature-256.*App Secret/);
		assertClean(item, body);
		const sha1Only = signatureHeaders(body, 'another-secret', { sha256: false });
		const legacy = refusal(body, sha1Only);
		assert.equal(legacy.header, 'X-Hub-Signature');
		assert.equal(legacy.reason, 'signatureMismatch');
		assertClean(legacy, body);
	});
	it('missing and malformed signatures', () => {
		const missing = refusal(body, { 'content-type': 'application/json' });
		assert.equal(missing.reason, 'signatureMissing');
		assert.equal(missing.header, null);
		const truncated = { ...good, 'x-hub-signature-256': good['x-hub-signature-256'].slice(0, 40) };
		const malformed = refusal(body, truncated);
		assert.equal(malformed.reason, 'signatureMalformed');
		assert.equal(malformed.header, 'X-Hub-Signature-256');
		assertClean(malformed, body);
	});
	it('no app secret in the credential', () => {
		const item = handleDelivery(body, good, '', options).refusal;
		assert.equal(item.reason, 'noAppSecret');
		assert.equal(item.status, 401);
	});
	it('signed but unparsable, another object, no entry array (400)', () => {
		const signed = (text) => {
			const raw = Buffer.from(text);
			return refusal(raw, signatureHeaders(raw, SECRET));
		};
		const notJson = signed('Grüße, this is not JSON');
		assert.equal(notJson.reason, 'notJson');
		assert.equal(notJson.status, 400);
		assert.equal(notJson.header, null);
		assert.ok(!JSON.stringify(notJson).includes('Grüße'));
		const other = signed(metaJson(envelope('instagram', [entry(IG_ID, [])])));
		assert.equal(other.reason, 'wrongObject');
		assert.match(other.message, /"instagram".*"page"/);
		const odd = signed(metaJson({ object: 'Grüße <b>', entry: [] }));
		assert.equal(odd.reason, 'wrongObject');
		assert.ok(
			!odd.message.includes('Grüße'),
			'an object that is not an identifier is not repeated',
		);
		assert.equal(signed('{"object":"page","entry":{}}').reason, 'noEntries');
	});
	it('declaredObject names only identifier-like objects', () => {
		assert.equal(
			declaredObject({ object: 'whatsapp_business_account' }),
			'whatsapp_business_account',
		);
		assert.equal(declaredObject({ object: 'x'.repeat(41) }), undefined);
		assert.equal(declaredObject({ object: 42 }), undefined);
		assert.equal(declaredObject('page'), undefined);
		assert.equal(describeRefusal(400, 'wrongObject', {}, 'page').message.includes('(none)'), true);
	});
	it('accepted deliveries carry no refusal', () => {
		assert.equal(handleDelivery(body, good, SECRET, options).refusal, undefined);
	});
});

describe('Auto Subscribe fields of the new event types', () => {
	const opts = (events) => ({ events, includeEchoes: false, includeStandby: false });
	it('selected Calling, game, cart and feedback types subscribe their fields', () => {
		assert.deepEqual(appFields('page', opts(['call', 'callPermission'])), [
			'call_permission_reply',
			'calls',
		]);
		assert.deepEqual(pageFields('page', opts(['gamePlay', 'order', 'responseFeedback'])), [
			'messaging_game_plays',
			'response_feedback',
			'send_cart',
		]);
		assert.deepEqual(appFields('page', opts(['customerFeedback', 'test', 'change'])), [
			'messaging_feedback',
		]);
	});
	it('none selected subscribes what it did before (no response_feedback, no calls)', () => {
		const fields = appFields('page', opts([]));
		for (const field of ['response_feedback', 'calls', 'send_cart', 'messaging_game_plays'])
			assert.ok(!fields.includes(field), field);
		assert.ok(fields.includes('messages'));
	});
});
