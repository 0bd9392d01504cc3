// Facebook Messenger node on the Instagram Login route in the real n8n, against the Instagram
// emulator (graph.instagram.com): every message kind the route sends, 40 items to 8 people in
// order per person, throttling retried without a duplicate, the 24-hour window error with its
// hint, a limit refused before any call, and examples/instagram-message-reply.json answering a
// signed Instagram delivery.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { GRAPH, INSTAGRAM } from '../../emulators/fixtures.mjs';
import {
	COMMENTS,
	SEND_IGSIDS,
	bulkIgsid,
	resetMessaging,
} from '../../emulators/instagram/messaging.mjs';
import { metaJson, signatureHeaders } from '../../unit/trigger-payloads.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.facebookMessenger';
const credentials = { instagramLoginApi: CREDENTIAL_REFS.instagramLoginApi };
const onInstagram = (parameters) => ({
	authentication: 'instagramLogin',
	resource: 'message',
	recipientId: '={{ $json.body.recipientId }}',
	options: {},
	...parameters,
});

const flows = {
	text: onInstagram({
		operation: 'sendText',
		text: '={{ $json.body.text }}',
		messagingType: 'RESPONSE',
		quickReplies: { quickReply: [{ contentType: 'text', title: 'Yes', payload: 'YES' }] },
	}),
	sticker: onInstagram({ operation: 'sendSticker', sticker: 'like_heart' }),
	reaction: onInstagram({
		operation: 'sendReaction',
		reactionAction: 'react',
		messageId: '={{ $json.body.mid }}',
		reaction: 'love',
	}),
	image: onInstagram({
		operation: 'sendAttachment',
		attachmentType: 'image',
		source: 'url',
		url: 'https://cdn.example/mug.jpg',
	}),
	template: onInstagram({
		operation: 'sendTemplate',
		templateType: 'generic',
		inputMode: 'json',
		templateJson:
			'{"template_type":"generic","elements":[{"title":"Blue mug","buttons":[{"type":"postback","title":"Buy","payload":"BUY"}]}]}',
	}),
	typing: onInstagram({ operation: 'sendAction', senderAction: 'typing_on' }),
	private: onInstagram({
		operation: 'sendText',
		recipientType: 'comment_id',
		recipientId: '={{ $json.body.commentId }}',
		text: 'Sent you the details in a DM',
	}),
};

for (const [key, parameters] of Object.entries(flows)) {
	env.addWorkflows(
		webhookWorkflow({
			id: `mbIgSend${key.padEnd(8, '0')}`,
			name: `e2e instagram send ${key}`,
			path: `ig-send-${key}`,
			node: { type: TYPE, name: 'Facebook Messenger', parameters },
			credentials,
		}),
	);
}

// Many items in one execution: the webhook body's list split into items.
env.addWorkflows({
	id: 'mbIgSendBulk0001',
	name: 'e2e instagram send bulk',
	nodes: [
		{
			id: 'ig-bulk-hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'mbIgSendBulk0001-hook',
			parameters: {
				httpMethod: 'POST',
				path: 'ig-send-bulk',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: 'ig-bulk-split',
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.messages', options: {} },
		},
		{
			id: 'ig-bulk-send',
			name: 'Facebook Messenger',
			type: TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters: onInstagram({
				operation: 'sendText',
				recipientId: '={{ $json.recipientId }}',
				text: '={{ $json.text }}',
				options: { concurrency: 10 },
			}),
			credentials,
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
		Split: { main: [[{ node: 'Facebook Messenger', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

// The shipped example, its trigger pointed at the sandbox's verify token (as 10-trigger.mjs does).
const EXAMPLE = { id: 'mbIgSendExample1', hook: '7a1e0c00-0000-4000-8000-0000000026a1' };
{
	const example = JSON.parse(
		readFileSync(new URL('../../../examples/instagram-message-reply.json', import.meta.url)),
	);
	for (const n of example.nodes) {
		if (n.type !== 'n8n-nodes-messenger-bridge.messengerTrigger') continue;
		n.webhookId = EXAMPLE.hook;
		n.parameters = {
			...n.parameters,
			verifyToken: GRAPH.verifyToken,
			options: { ...n.parameters.options, autoSubscribe: false },
		};
	}
	env.addWorkflows({ ...example, id: EXAMPLE.id });
}

const call = (key, body = {}) => env.webhook(`ig-send-${key}`, { body });
const ok = async (key, body) => {
	const response = await call(key, body);
	assert.equal(response.status, 200, `${key}: ${response.text.slice(0, 400)}`);
	return response.json;
};

describe('e2e: Facebook Messenger on the Instagram Login route', () => {
	let instagram;
	const lastBody = () => instagram.state.sent.at(-1).body;
	before(() => {
		instagram = env.emulators.instagram;
		resetMessaging(instagram.state);
		instagram.state.rateLimit = null;
	});

	it('sendText with a quick reply: /me/messages on graph.instagram.com, the token only in the Authorization header', async () => {
		instagram.clearRequests();
		instagram.state.sent.length = 0;
		const [row] = await ok('text', { recipientId: INSTAGRAM.igsid, text: 'Hello from n8n' });
		assert.equal(row.recipientId, INSTAGRAM.igsid);
		assert.match(row.messageId, /^aWdf/);
		assert.deepEqual(lastBody(), {
			recipient: { id: INSTAGRAM.igsid },
			message: {
				text: 'Hello from n8n',
				quick_replies: [{ content_type: 'text', title: 'Yes', payload: 'YES' }],
			},
		});
		const [request] = instagram.requestsTo('POST', '/messages');
		assert.equal(request.path, '/v25.0/me/messages');
		assert.equal(request.headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
		assert.ok(!request.url.includes(INSTAGRAM.accessToken));
	});

	it('the heart sticker, a reaction, an image, the generic template, typing and a private reply', async () => {
		instagram.state.sent.length = 0;
		await ok('sticker', { recipientId: INSTAGRAM.igsid });
		assert.deepEqual(lastBody().message, { attachment: { type: 'like_heart' } });
		const [reacted] = await ok('reaction', { recipientId: INSTAGRAM.igsid, mid: 'aWdfZAG1_mid1' });
		assert.deepEqual(reacted, { recipientId: INSTAGRAM.igsid });
		assert.deepEqual(lastBody().payload, { message_id: 'aWdfZAG1_mid1', reaction: 'love' });
		assert.equal(lastBody().sender_action, 'react');
		await ok('image', { recipientId: INSTAGRAM.igsid });
		assert.deepEqual(lastBody().message, {
			attachment: { type: 'image', payload: { url: 'https://cdn.example/mug.jpg' } },
		});
		await ok('template', { recipientId: INSTAGRAM.igsid });
		assert.equal(lastBody().message.attachment.payload.elements[0].title, 'Blue mug');
		await ok('typing', { recipientId: INSTAGRAM.igsid });
		assert.deepEqual(lastBody(), {
			recipient: { id: INSTAGRAM.igsid },
			sender_action: 'typing_on',
		});
		const [reply] = await ok('private', { commentId: COMMENTS.fresh });
		assert.equal(reply.recipientId, INSTAGRAM.igsid);
		assert.deepEqual(lastBody().recipient, { comment_id: COMMENTS.fresh });
		assert.equal(instagram.state.sent.length, 6);
	});

	it('40 items to 8 people in one execution: each once, in order per person', async () => {
		instagram.state.sent.length = 0;
		instagram.state.messaging.holdMs = (body) =>
			Number(body.message.text.slice(1)) % 16 < 8 ? 40 : 5;
		try {
			const messages = Array.from({ length: 40 }, (_, n) => ({
				recipientId: bulkIgsid(n % 8),
				text: `#${n}`,
			}));
			const rows = await ok('bulk', { messages });
			assert.deepEqual(
				rows.map((r) => r.recipientId),
				messages.map((m) => m.recipientId),
			);
			assert.equal(instagram.state.sent.length, 40);
			for (let r = 0; r < 8; r++) {
				assert.deepEqual(
					instagram.state.sent
						.filter((s) => s.recipientId === bulkIgsid(r))
						.map((s) => s.body.message.text),
					messages.filter((m) => m.recipientId === bulkIgsid(r)).map((m) => m.text),
				);
			}
			assert.ok(instagram.state.messaging.maxInFlight > 1, 'sent concurrently');
		} finally {
			instagram.state.messaging.holdMs = 0;
		}
	});

	it("throttled by Instagram's limit (80002): retried, every message delivered once, in order", async () => {
		instagram.state.sent.length = 0;
		instagram.state.rateLimit = { limit: 3, windowMs: 700 };
		try {
			const messages = Array.from({ length: 6 }, (_, n) => ({
				recipientId: INSTAGRAM.igsid,
				text: `#${n}`,
			}));
			const rows = await ok('bulk', { messages });
			assert.equal(rows.length, 6);
			assert.ok(instagram.state.rateLimit.rejected > 0, 'some sends were throttled');
			assert.deepEqual(
				instagram.state.sent.map((s) => s.body.message.text),
				messages.map((m) => m.text),
			);
		} finally {
			instagram.state.rateLimit = null;
		}
	});

	it("outside the 24-hour window: Meta's error, code and subcode, and the hint in n8n", async () => {
		const response = await call('text', { recipientId: SEND_IGSIDS.outsideWindow, text: 'Late' });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbIgSendtext0000');
		const error = env.nodeError(latest, 'Facebook Messenger');
		assert.match(error.message, /outside of allowed window/);
		assert.match(error.description, /24 hours/);
		assert.match(error.description, /code 10, subcode 2534022, fbtrace_id A/);
	});

	it('a text over 1000 bytes is refused before any call, saying by how much', async () => {
		instagram.clearRequests();
		const response = await call('text', { recipientId: INSTAGRAM.igsid, text: 'é'.repeat(501) });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbIgSendtext0000');
		const error = env.nodeError(latest, 'Facebook Messenger');
		assert.match(error.message, /1002 bytes of UTF-8; Instagram accepts at most 1000/);
		assert.equal(instagram.requests.length, 0);
	});

	it('examples/instagram-message-reply.json answers a signed Instagram message on the Instagram Login route', async () => {
		instagram.state.sent.length = 0;
		const body = {
			object: 'instagram',
			entry: [
				{
					id: INSTAGRAM.accountId,
					time: Date.now(),
					messaging: [
						{
							sender: { id: INSTAGRAM.igsid },
							recipient: { id: INSTAGRAM.accountId },
							timestamp: Date.now(),
							message: { mid: `aWdfZAG1_example_${Date.now()}`, text: 'Do you ship to Lisbon?' },
						},
					],
				},
			],
		};
		const raw = metaJson(body);
		const response = await env.webhook(`${EXAMPLE.hook}/webhook`, {
			rawBody: raw,
			headers: signatureHeaders(Buffer.from(raw), GRAPH.appSecret),
		});
		assert.equal(response.status, 200);
		await env.waitFor(() => instagram.state.sent.length === 1, {
			what: 'the reply of the example',
			timeoutMs: 20_000,
		});
		assert.deepEqual(lastBody(), {
			recipient: { id: INSTAGRAM.igsid },
			message: {
				text: 'Thanks! You wrote: Do you ship to Lisbon?',
				quick_replies: [{ content_type: 'text', title: 'Talk to a person', payload: 'HUMAN' }],
			},
		});
	});
});
