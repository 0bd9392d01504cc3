// The Genesys Cloud node's Open Messaging resource (the customer's side of a bridged
// conversation) against the Genesys Cloud emulator over loopback: inbound messages, button
// responses, typing events and receipts as the emulator records them, the checks made before any
// call, once-per-message-ID sending, 429/5xx handling and the Open integration picker.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { CredentialStore, loadNode, loadOptionsContext, runExecute } from '../helpers/harness.mjs';
import { start } from '../emulators/genesys-cloud/index.mjs';
import { GENESYS_CLOUD } from '../emulators/fixtures.mjs';
import { createIntegration } from '../emulators/genesys-cloud/model.mjs';

const require = createRequire(import.meta.url);
const { forgetSent } = require('../../dist/nodes/GenesysCloud/actions/openMessaging/sent.js');
// The Messenger Trigger's own normalization: the items below are what the trigger emits.
const { normalize } = require('../../dist/nodes/MessengerTrigger/webhook/events.js');
const {
	profileIdentity,
} = require('../../dist/nodes/GenesysCloud/actions/openMessaging/messengerEvent.js');

const node = loadNode('GenesysCloud');
let gc;
let store;
let integration;

const credentials = () =>
	new CredentialStore({
		genesysCloudOAuth2Api: {
			region: 'custom',
			customApiUrl: gc.api.url,
			customLoginUrl: gc.login.url,
			clientId: GENESYS_CLOUD.clientId,
			clientSecret: GENESYS_CLOUD.clientSecret,
		},
	});
const rl = (value) => ({ __rl: true, mode: 'id', value });
const run = (operation, parameters, extra = {}) =>
	runExecute(node, {
		parameters: {
			resource: 'openMessaging',
			operation,
			integrationId: rl(integration.id),
			customerId: '24000000000000001',
			customerIdType: 'Opaque',
			...parameters,
		},
		credentials: store,
		...extra,
	});
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const inbound = () => gc.api.state.openInbound;
const arrivals = (kind) => inbound().arrivalsOf(integration.id, kind);
const posts = () =>
	gc.api.requests.filter((r) => r.method === 'POST' && r.path.includes('/inbound/open/'));

beforeAll(async () => {
	gc = await start({ ports: { genesysApi: 0, genesysLogin: 0 } });
});
afterAll(async () => gc.close());
beforeEach(() => {
	gc.api.reset();
	gc.api.clearRequests();
	gc.login.clearRequests();
	gc.api.clearFaults();
	inbound().reset();
	forgetSent();
	integration = createIntegration(gc.api.state, 'current', 'open', {
		name: 'Bridge',
		outboundNotificationWebhookUrl: 'https://bridge.example.com/webhook',
		outboundNotificationWebhookSignatureSecretToken: 'open-signing-secret',
	});
	store = credentials();
});

describe('genesysCloud openMessaging: sendInboundMessage', () => {
	it('posts the text with the customer identity, message ID and time, and outputs Genesys’ message', async () => {
		const [item] = json(
			await run('sendInboundMessage', {
				messageId: 'm_abc123',
				text: 'Hello, I need help',
				customer: {
					firstName: 'Ada',
					lastName: 'Lovelace',
					nickname: 'ada',
					image: 'https://cdn.example.com/ada.png',
				},
				options: { time: '1767225600000' },
			}),
		);
		const [arrival] = arrivals('message');
		assert.deepEqual(arrival.body, {
			channel: {
				messageId: 'm_abc123',
				from: {
					id: '24000000000000001',
					idType: 'Opaque',
					firstName: 'Ada',
					lastName: 'Lovelace',
					nickname: 'ada',
					image: 'https://cdn.example.com/ada.png',
				},
				time: '2026-01-01T00:00:00.000Z',
			},
			text: 'Hello, I need help',
		});
		assert.equal(item.id, arrival.answer.id);
		assert.equal(item.channel.messageId, 'm_abc123');
		assert.equal(item.direction, 'Inbound');
		assert.equal(item.repeated, undefined);
	});

	it('sends attachments by URL from the list and from the Messenger Trigger’s JSON, with their MIME types', async () => {
		json(
			await run('sendInboundMessage', {
				messageId: 'm_att',
				text: '',
				attachments: {
					attachment: [{ url: 'https://cdn.example.com/report.pdf', filename: 'report.pdf' }],
				},
				attachmentsJson: JSON.stringify([
					{ type: 'image', payload: { url: 'https://scontent.example.com/v/photo' } },
					{ type: 'video', payload: { url: 'https://video.example.com/clip.mov' } },
				]),
			}),
		);
		const [arrival] = arrivals('message');
		assert.deepEqual(
			arrival.body.content.map((c) => [
				c.attachment.mediaType,
				c.attachment.mime,
				c.attachment.url,
			]),
			[
				['File', 'application/pdf', 'https://cdn.example.com/report.pdf'],
				['Image', 'image/jpeg', 'https://scontent.example.com/v/photo'],
				['Video', 'video/quicktime', 'https://video.example.com/clip.mov'],
			],
		);
		assert.equal(arrival.body.content[0].attachment.filename, 'report.pdf');
		assert.equal(arrival.body.text, undefined);
	});

	it('a retried workflow does not post the same message ID twice; the repeat outputs the first answer', async () => {
		const params = { messageId: 'm_once', text: 'only once' };
		const [first] = json(await run('sendInboundMessage', params));
		const [second] = json(await run('sendInboundMessage', params));
		assert.equal(arrivals('message').length, 1);
		assert.equal(posts().length, 1);
		assert.equal(second.id, first.id);
		assert.equal(second.repeated, true);
		// Concurrent repeats share the one call.
		const both = await Promise.all([
			run('sendInboundMessage', { messageId: 'm_race', text: 'race' }),
			run('sendInboundMessage', { messageId: 'm_race', text: 'race' }),
		]);
		assert.equal(arrivals('message').length, 2);
		assert.equal(json(both[0])[0].id, json(both[1])[0].id);
	});

	it('the emulator (like Genesys) shows a repeated message ID again: Send Repeated Message IDs sends it', async () => {
		const params = { messageId: 'm_twice', text: 'twice', options: { sendRepeats: true } };
		json(await run('sendInboundMessage', params));
		json(await run('sendInboundMessage', params));
		assert.equal(arrivals('message').length, 2);
	});

	it('the same message ID on another integration is another message', async () => {
		json(await run('sendInboundMessage', { messageId: 'm_x', text: 'a' }));
		const first = integration;
		integration = createIntegration(gc.api.state, 'current', 'open', {
			name: 'Other',
			outboundNotificationWebhookUrl: 'https://bridge.example.com/other',
			outboundNotificationWebhookSignatureSecretToken: 'other-secret',
		});
		json(await run('sendInboundMessage', { messageId: 'm_x', text: 'a' }));
		assert.equal(inbound().arrivalsOf(first.id).length, 1);
		assert.equal(arrivals('message').length, 1);
	});

	it('a send that failed is not remembered: the retry delivers it', async () => {
		inbound().failNext({ status: 503, message: 'Service Unavailable' });
		const failed = await run('sendInboundMessage', { messageId: 'm_retry', text: 'again' });
		assert.ok(
			failed.error,
			'the 503 fails the item (a POST is not repeated: it may have been applied)',
		);
		assert.match(failed.error.message, /^Genesys Cloud: Service Unavailable/);
		assert.equal(posts().length, 1);
		json(await run('sendInboundMessage', { messageId: 'm_retry', text: 'again' }));
		assert.equal(arrivals('message').length, 1);
	});

	it('429 with Retry-After is waited out and the message arrives once', async () => {
		inbound().failNext({
			status: 429,
			retryAfter: 1,
			message: 'Rate limit exceeded the maximum. Retry the request in [1] seconds',
		});
		const started = Date.now();
		json(await run('sendInboundMessage', { messageId: 'm_429', text: 'limited' }));
		assert.ok(Date.now() - started >= 1000, 'waited Retry-After');
		assert.equal(posts().length, 2);
		assert.equal(arrivals('message').length, 1);
	});

	it('checks the limits before any call', async () => {
		const cases = [
			[{ messageId: 'm1', text: 'x'.repeat(4001) }, /4001 characters; Genesys takes at most 4000/],
			[{ messageId: 'm2', text: '' }, /Enter a Text or add an attachment/],
			[{ messageId: '', text: 'hi' }, /Enter the Message ID/],
			[
				{
					messageId: 'm3',
					text: 'hi',
					attachmentsJson: JSON.stringify(
						Array.from({ length: 11 }, (_, i) => ({ url: `https://x.example.com/${i}.png` })),
					),
				},
				/11 attachments; the node sends at most 10/,
			],
			[
				{ messageId: 'm4', text: 'hi', customerIdType: 'Phone', customerId: 'abc' },
				/not a phone number/,
			],
			[
				{ messageId: 'm5', text: 'hi', attachmentsJson: '[{"url":"ftp://x"}]' },
				/Attachment 1: the URL must be an http\(s\) URL/,
			],
			[
				{ messageId: 'm6', text: 'hi', options: { time: 'yesterday' } },
				/not an ISO-8601 date-time/,
			],
			[
				{ messageId: 'm7', text: 'hi', attachmentsJson: '{not json' },
				/Attachments \(JSON\) is not valid JSON/,
			],
		];
		for (const [params, message] of cases) {
			const result = await run('sendInboundMessage', params);
			assert.ok(result.error, JSON.stringify(params).slice(0, 80));
			assert.match(result.error.message, message);
		}
		assert.equal(posts().length, 0);
		assert.equal(gc.login.requests.length, 0, 'not even a token was asked for');
	});

	it('text of exactly 4000 characters is sent', async () => {
		json(await run('sendInboundMessage', { messageId: 'm_4000', text: 'y'.repeat(4000) }));
		assert.equal(arrivals('message')[0].body.text.length, 4000);
	});

	it('a button response goes to structured/response with the agent message it answers', async () => {
		const [item] = json(
			await run('sendInboundMessage', {
				messageId: 'm_qr',
				messageType: 'buttonResponse',
				buttonType: 'QuickReply',
				responseText: 'Yes',
				responsePayload: 'YES_PAYLOAD',
				originatingMessageId: 'agent-msg-1',
			}),
		);
		const [arrival] = arrivals('structuredResponse');
		assert.deepEqual(arrival.body.buttonResponse, {
			type: 'QuickReply',
			text: 'Yes',
			payload: 'YES_PAYLOAD',
		});
		assert.equal(arrival.body.originatingMessageId, 'agent-msg-1');
		assert.equal(arrival.body.channel.messageId, 'm_qr');
		assert.equal(item.type, 'Structured');
		const missing = await run('sendInboundMessage', {
			messageId: 'm_qr2',
			messageType: 'buttonResponse',
			responseText: 'Yes',
			responsePayload: 'YES',
		});
		assert.match(missing.error.message, /Enter the Originating Message ID/);
	});

	it('an unknown integration is Genesys’ 404, translated', async () => {
		integration = { id: '00000000-0000-4000-8000-000000000000' };
		const result = await run('sendInboundMessage', { messageId: 'm_404', text: 'hi' });
		assert.match(result.error.message, /^Genesys Cloud: Integration .* not found/);
		assert.match(result.error.description, /Context ID: /);
	});
});

/** The item the Messenger Trigger emits for one messaging event of a Page (or Instagram) delivery. */
const triggerItem = (event, object = 'page') =>
	normalize(
		{ sender: { id: '24000000000000007' }, recipient: { id: '104000000000001' }, ...event },
		{ id: '104000000000001', time: 1767225600000 },
		object,
		false,
	);
const fromEvent = (items, parameters = {}) =>
	run(
		'sendInboundMessage',
		{ messageFrom: 'messengerTrigger', customerId: '', ...parameters },
		{ items: items.map((json) => ({ json })) },
	);

describe('genesysCloud openMessaging: sendInboundMessage, Message From = Messenger Trigger Event', () => {
	it('sends a Messenger message as the trigger emits it: sender, mid, time, text and attachments with a URL', async () => {
		const item = triggerItem({
			timestamp: 1767225600123,
			message: {
				mid: 'm_event_1',
				text: 'Here is my receipt',
				attachments: [
					{ type: 'image', payload: { url: 'https://scontent.example.com/v/receipt.png' } },
					{ type: 'file', payload: { url: 'https://cdn.example.com/f/statement' } },
					{ type: 'template', payload: { template_type: 'generic' } },
				],
			},
		});
		const [out] = json(await fromEvent([item]));
		const [arrival] = arrivals('message');
		assert.deepEqual(arrival.body, {
			channel: {
				messageId: 'm_event_1',
				from: { id: '24000000000000007', idType: 'Opaque' },
				time: '2026-01-01T00:00:00.123Z',
			},
			text: 'Here is my receipt',
			content: [
				{
					attachment: {
						mediaType: 'Image',
						url: 'https://scontent.example.com/v/receipt.png',
						mime: 'image/png',
					},
				},
				{
					attachment: {
						mediaType: 'File',
						url: 'https://cdn.example.com/f/statement',
						mime: 'application/octet-stream',
					},
				},
			],
		});
		assert.equal(out.id, arrival.answer.id);
	});

	it('Customer Details entered are sent with the event’s sender; a redelivered event is not sent twice', async () => {
		const item = triggerItem({
			timestamp: 1767225600000,
			message: { mid: 'm_event_2', text: 'hi' },
		});
		const parameters = { customer: { firstName: 'Ada', nickname: 'ada' } };
		json(await fromEvent([item], parameters));
		const [again] = json(await fromEvent([item], parameters));
		assert.equal(again.repeated, true);
		const [arrival, ...more] = arrivals('message');
		assert.equal(more.length, 0);
		assert.deepEqual(arrival.body.channel.from, {
			id: '24000000000000007',
			idType: 'Opaque',
			firstName: 'Ada',
			nickname: 'ada',
		});
	});

	it('a choice whose payload names the agent message is a button response; other postbacks are their title', async () => {
		const tap = triggerItem({
			timestamp: 1767225600000,
			message: {
				mid: 'm_tap',
				text: 'Yes please',
				quick_reply: { payload: 'agent-msg-42|YES' },
			},
		});
		const postback = triggerItem({
			timestamp: 1767225600000,
			postback: { mid: 'm_postback', title: 'Get Started', payload: 'GET_STARTED' },
		});
		json(await fromEvent([tap, postback], { buttonType: 'QuickReply' }));
		const [response] = inbound().arrivalsOf(integration.id, 'structuredResponse');
		assert.deepEqual(response.body.buttonResponse, {
			type: 'QuickReply',
			text: 'Yes please',
			payload: 'YES',
		});
		assert.equal(response.body.originatingMessageId, 'agent-msg-42');
		assert.equal(response.body.channel.messageId, 'm_tap');
		const [message] = arrivals('message');
		assert.equal(message.body.text, 'Get Started');
		assert.equal(message.body.channel.messageId, 'm_postback');
	});

	it('an Instagram message with a share is sent, the share’s media type from its URL', async () => {
		const item = triggerItem(
			{
				timestamp: 1767225600000,
				message: {
					mid: 'aWdfZAG1faXRlbToxOklH',
					attachments: [{ type: 'share', payload: { url: 'https://lookaside.example.com/a.mp4' } }],
				},
			},
			'instagram',
		);
		json(await fromEvent([item]));
		const [arrival] = arrivals('message');
		assert.deepEqual(arrival.body.content[0].attachment, {
			mediaType: 'Video',
			url: 'https://lookaside.example.com/a.mp4',
			mime: 'video/mp4',
		});
		assert.equal(arrival.body.text, undefined);
	});

	it('a profile lookup’s fields (Messenger, Instagram) are the customer’s identity; the event itself is none', () => {
		assert.deepEqual(
			profileIdentity({
				first_name: 'Ada',
				last_name: 'Lovelace',
				profile_pic: 'https://scontent.example/ada.png',
				id: '24000000000000007',
			}),
			{
				firstName: 'Ada',
				lastName: 'Lovelace',
				nickname: undefined,
				image: 'https://scontent.example/ada.png',
			},
		);
		assert.deepEqual(
			profileIdentity({ name: 'Ada Lovelace', username: 'ada.codes', profile_pic: 'not a url' }),
			{ firstName: 'Ada Lovelace', lastName: undefined, nickname: 'ada.codes', image: undefined },
		);
		assert.deepEqual(profileIdentity({ username: 'ada.codes' }).firstName, 'ada.codes');
		assert.deepEqual(profileIdentity(triggerItem({ message: { mid: 'm', text: 'x' } })), {});
	});

	it('refuses, before any call, an item that is no message event and a message with nothing to send', async () => {
		const delivery = triggerItem({ delivery: { mids: ['m_1'], watermark: 1767225600000 } });
		const profile = { first_name: 'Ada', last_name: 'Lovelace', id: '24000000000000007' };
		const template = triggerItem({
			message: { mid: 'm_tpl', attachments: [{ type: 'template', payload: {} }] },
		});
		const cases = [
			[delivery, /is a delivery event, not a customer’s message or postback/],
			[profile, /this item is not one: connect the node after a Messenger Trigger/],
			[template, /neither text nor an attachment with a URL/],
		];
		for (const [item, message] of cases) {
			const result = await fromEvent([item]);
			assert.ok(result.error, `refused: ${message}`);
			assert.match(result.error.message, message);
		}
		assert.equal(posts().length, 0);
	});
});

describe('genesysCloud openMessaging: events and receipts', () => {
	it('typing is an event from the customer', async () => {
		const [item] = json(await run('sendInboundEvent', { eventType: 'Typing' }));
		const [arrival] = arrivals('event');
		assert.deepEqual(arrival.body.events, [{ eventType: 'Typing' }]);
		assert.equal(arrival.body.channel.from.id, '24000000000000001');
		assert.equal(arrival.body.channel.messageId, undefined);
		assert.equal(item.type, 'Event');
	});

	it('Delivered and Read receipts name the agent message and the customer it went to', async () => {
		json(await run('sendInboundReceipt', { agentMessageId: 'agent-1', status: 'Delivered' }));
		json(
			await run('sendInboundReceipt', {
				agentMessageId: 'agent-1',
				status: 'Read',
				options: { isFinalReceipt: true },
			}),
		);
		const [delivered, read] = arrivals('receipt');
		assert.equal(delivered.body.id, 'agent-1');
		assert.equal(delivered.body.status, 'Delivered');
		assert.deepEqual(delivered.body.channel.to, { id: '24000000000000001', idType: 'Opaque' });
		assert.equal(delivered.body.reasons, undefined);
		assert.equal(read.body.status, 'Read');
		assert.equal(read.body.isFinalReceipt, true);
	});

	it('a Failed receipt carries the reason', async () => {
		const [item] = json(
			await run('sendInboundReceipt', {
				agentMessageId: 'agent-2',
				status: 'Failed',
				failureCode: 'RecipientOptedOut',
				failureMessage: 'The customer blocked the Page',
			}),
		);
		assert.deepEqual(arrivals('receipt')[0].body.reasons, [
			{ code: 'RecipientOptedOut', message: 'The customer blocked the Page' },
		]);
		assert.equal(item.status, 'Failed');
		const missing = await run('sendInboundReceipt', { agentMessageId: '', status: 'Read' });
		assert.match(missing.error.message, /Enter the Agent Message ID/);
	});
});

describe('genesysCloud openMessaging: emulator and picker', () => {
	it('the emulator refuses a malformed body with Genesys’ ErrorBody', async () => {
		const token = await (
			await fetch(`${gc.login.url}/oauth/token`, {
				method: 'POST',
				headers: {
					authorization: `Basic ${Buffer.from(`${GENESYS_CLOUD.clientId}:${GENESYS_CLOUD.clientSecret}`).toString('base64')}`,
					'content-type': 'application/x-www-form-urlencoded',
				},
				body: 'grant_type=client_credentials',
			})
		).json();
		const answer = await fetch(
			`${gc.api.url}/api/v2/conversations/messages/${integration.id}/inbound/open/message`,
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${token.access_token}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify({
					channel: { from: { idType: 'Opaque' }, time: new Date().toISOString() },
					text: 'x',
				}),
			},
		);
		assert.equal(answer.status, 400);
		const body = await answer.json();
		assert.equal(body.code, 'required.field.missing');
		assert.equal(
			JSON.stringify(body.details),
			JSON.stringify([{ errorCode: 'required.field.missing', fieldName: 'channel.from.id' }]),
		);
		assert.equal(body.contextId, answer.headers.get('inin-correlation-id'));
		assert.equal(arrivals().length, 0);
	});

	it('the integration picker lists Open integrations only, by name', async () => {
		gc.api.seed('open', 3, 'Picked');
		gc.api.seed('facebook', 2);
		const context = loadOptionsContext(node, {
			parameters: { resource: 'openMessaging', operation: 'sendInboundMessage' },
			credentials: store,
		});
		const found = await node.methods.listSearch.searchOpenIntegrations.call(context);
		assert.equal(found.results.length, 4);
		const filtered = await node.methods.listSearch.searchOpenIntegrations.call(context, 'picked');
		assert.deepEqual(filtered.results.map((r) => r.name).sort(), [
			'Picked open 00002',
			'Picked open 00003',
			'Picked open 00004',
		]);
	});
});
