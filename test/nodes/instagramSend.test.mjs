// The Facebook Messenger node's sends on the Instagram Login route (graph.instagram.com), its real
// execute() against the Instagram emulator over loopback: every message kind Instagram takes,
// what the route lacks refused before any call, the 24-hour window and HUMAN_AGENT, private
// replies, order per recipient with concurrency across recipients, and throttling retried with
// each message delivered exactly once.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
	CredentialStore,
	graphCredentials,
	loadNode,
	runExecute,
	workflow,
} from '../helpers/harness.mjs';
import { start } from '../emulators/instagram/index.mjs';
import { start as startGraph } from '../emulators/graph/index.mjs';
import {
	COMMENTS,
	SEND_IGSIDS,
	bulkIgsid,
	resetMessaging,
} from '../emulators/instagram/messaging.mjs';
import { GRAPH, INSTAGRAM } from '../emulators/fixtures.mjs';

const { NodeApiError, NodeOperationError } = workflow;
const node = loadNode('FacebookMessenger');
let instagram;
let graph;

const credentials = (overrides = {}) =>
	new CredentialStore({
		instagramLoginApi: {
			appId: INSTAGRAM.appId,
			appSecret: INSTAGRAM.appSecret,
			accessToken: INSTAGRAM.accessToken,
			accountId: '',
			graphApiBaseUrl: instagram.url,
			...overrides,
		},
	});

const run = (parameters, { credentials: overrides, ...extra } = {}) =>
	runExecute(node, {
		parameters: { authentication: 'instagramLogin', ...parameters },
		credentials: credentials(overrides),
		...extra,
	});
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const text = (parameters = {}) => ({
	resource: 'message',
	operation: 'sendText',
	recipientId: INSTAGRAM.igsid,
	text: 'Hello',
	...parameters,
});
const posts = () => instagram.requestsTo('POST', '/messages');
const lastBody = () => instagram.state.sent.at(-1).body;

/** The Instagram token only in the Authorization header, never in a URL. */
function assertCleanRequests() {
	assert.ok(instagram.requests.length > 0);
	for (const request of instagram.requests) {
		assert.ok(!request.url.includes(INSTAGRAM.accessToken), `token in URL ${request.url}`);
		assert.ok(!('access_token' in request.query), 'access_token in query');
		assert.equal(request.headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
	}
}

/** Runs the node with per-item parameter values (the harness has no expression engine). */
async function perItem(items, parametersOf, options = {}, runOptions = {}) {
	const { context } = await runExecute(node, {
		parameters: { authentication: 'instagramLogin', ...parametersOf(items[0]), options },
		items: [],
		credentials: credentials(),
		...runOptions,
	});
	const original = context.getNodeParameter;
	const own = Object.create(context);
	own.getNodeParameter = (name, itemIndex, fallback, opts) => {
		const values = { authentication: 'instagramLogin', ...parametersOf(items[itemIndex]), options };
		const [head, ...rest] = name.split('.');
		if (!(head in values)) return original(name, itemIndex, fallback, opts);
		let value = values[head];
		for (const key of rest) value = value?.[key];
		return value ?? fallback;
	};
	own.getInputData = () => items;
	return await node.execute.call(own);
}

beforeAll(async () => {
	instagram = await start({ ports: { instagram: 0 } });
	graph = await startGraph({ ports: { graph: 0 } });
});
afterAll(async () => {
	await instagram.close();
	await graph.close();
});
beforeEach(() => {
	instagram.clearRequests();
	instagram.clearFaults();
	instagram.latencyMs = 0;
	instagram.state.rateLimit = null;
	instagram.state.sent.length = 0;
	resetMessaging(instagram.state);
});

describe('each message kind on the Instagram Login route', () => {
	it('sendText with quick replies: /me/messages on graph.instagram.com, no messaging_type inside the window', async () => {
		const [row] = json(
			await run(
				text({
					messagingType: 'RESPONSE',
					quickReplies: {
						quickReply: [
							{ contentType: 'text', title: 'Yes', payload: 'YES' },
							{ contentType: 'text', title: 'No', payload: 'NO' },
						],
					},
				}),
			),
		);
		assert.equal(row.recipientId, INSTAGRAM.igsid);
		assert.match(row.messageId, /^aWdfZAG1f/);
		const [request] = posts();
		assert.equal(request.path, '/v27.0/me/messages');
		assert.deepEqual(request.body, {
			recipient: { id: INSTAGRAM.igsid },
			message: {
				text: 'Hello',
				quick_replies: [
					{ content_type: 'text', title: 'Yes', payload: 'YES' },
					{ content_type: 'text', title: 'No', payload: 'NO' },
				],
			},
		});
		assertCleanRequests();
	});

	it('with an Account ID in the credential, sends to /<account id>/messages', async () => {
		json(await run(text(), { credentials: { accountId: INSTAGRAM.accountId } }));
		assert.equal(posts()[0].path, `/v27.0/${INSTAGRAM.accountId}/messages`);
	});

	it('sendAttachment by URL: image, video, audio and file', async () => {
		for (const type of ['image', 'video', 'audio', 'file']) {
			const url = `https://cdn.example/${type}.bin`;
			const [row] = json(
				await run({
					resource: 'message',
					operation: 'sendAttachment',
					recipientId: INSTAGRAM.igsid,
					attachmentType: type,
					source: 'url',
					url,
					options: {},
				}),
			);
			assert.match(row.messageId, /^aWdf/);
			assert.deepEqual(lastBody().message, { attachment: { type, payload: { url } } });
		}
		assert.equal(instagram.state.sent.length, 4);
	});

	it('sendSticker: the heart sticker, an attachment of type like_heart', async () => {
		const [row] = json(
			await run({ resource: 'message', operation: 'sendSticker', recipientId: INSTAGRAM.igsid }),
		);
		assert.match(row.messageId, /^aWdf/);
		assert.deepEqual(lastBody(), {
			recipient: { id: INSTAGRAM.igsid },
			message: { attachment: { type: 'like_heart' } },
		});
	});

	it('sendReaction: react with love, then unreact, each a sender action with the message ID', async () => {
		const mid = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEcustomer';
		const reaction = {
			resource: 'message',
			operation: 'sendReaction',
			recipientId: INSTAGRAM.igsid,
			messageId: mid,
		};
		const [reacted] = json(await run({ ...reaction, reactionAction: 'react', reaction: 'love' }));
		assert.deepEqual(reacted, { recipientId: INSTAGRAM.igsid });
		assert.deepEqual(lastBody(), {
			recipient: { id: INSTAGRAM.igsid },
			sender_action: 'react',
			payload: { message_id: mid, reaction: 'love' },
		});
		json(await run({ ...reaction, reactionAction: 'unreact' }));
		assert.deepEqual(lastBody(), {
			recipient: { id: INSTAGRAM.igsid },
			sender_action: 'unreact',
			payload: { message_id: mid },
		});
	});

	it('sendTemplate: the generic template from fields, URL and postback buttons', async () => {
		const [row] = json(
			await run({
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: INSTAGRAM.igsid,
				templateType: 'generic',
				inputMode: 'fields',
				elements: {
					element: [
						{
							title: 'Blue mug',
							subtitle: '12 €',
							imageUrl: 'https://cdn.example/mug.jpg',
							buttonsJson:
								'[{"type":"web_url","title":"Open","url":"https://shop.example/mug"},{"type":"postback","title":"Buy","payload":"BUY_MUG"}]',
						},
					],
				},
				options: {},
			}),
		);
		assert.match(row.messageId, /^aWdf/);
		assert.deepEqual(lastBody().message.attachment.payload, {
			template_type: 'generic',
			elements: [
				{
					title: 'Blue mug',
					subtitle: '12 €',
					image_url: 'https://cdn.example/mug.jpg',
					buttons: [
						{ type: 'web_url', title: 'Open', url: 'https://shop.example/mug' },
						{ type: 'postback', title: 'Buy', payload: 'BUY_MUG' },
					],
				},
			],
		});
	});

	it('sendAction: typing_on and mark_seen, sent alone', async () => {
		for (const action of ['typing_on', 'mark_seen', 'typing_off']) {
			const [row] = json(
				await run({
					resource: 'message',
					operation: 'sendAction',
					recipientId: INSTAGRAM.igsid,
					senderAction: action,
				}),
			);
			assert.deepEqual(row, { recipientId: INSTAGRAM.igsid });
			assert.deepEqual(lastBody(), { recipient: { id: INSTAGRAM.igsid }, sender_action: action });
		}
	});

	it('a private reply to a comment: recipient comment_id, once per comment', async () => {
		const reply = text({
			recipientType: 'comment_id',
			recipientId: COMMENTS.fresh,
			text: 'Sent you the link!',
		});
		const [row] = json(await run(reply));
		assert.equal(row.recipientId, INSTAGRAM.igsid, 'Meta answers with the commenter');
		assert.deepEqual(lastBody(), {
			recipient: { comment_id: COMMENTS.fresh },
			message: { text: 'Sent you the link!' },
		});
		const { error } = await run(reply);
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /invalid for a private reply/);
		assert.match(error.description, /code 10, subcode 2534025/);
		assert.match(error.description, /already has one, or it is more than 7 days old/);
		assert.doesNotMatch(error.description, /Missing permission/);
		const { error: old } = await run({ ...reply, recipientId: COMMENTS.old });
		assert.ok(old instanceof NodeApiError);
		assert.equal(instagram.state.sent.length, 1);
	});
});

describe('the 24-hour window', () => {
	it("outside it: Meta's error with the window hint; HUMAN_AGENT reaches the person within 7 days", async () => {
		const { error } = await run(text({ recipientId: SEND_IGSIDS.outsideWindow }));
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /outside of allowed window/);
		assert.match(error.description, /24 hours/);
		assert.match(error.description, /code 10, subcode 2534022, fbtrace_id A/);
		const [row] = json(
			await run(
				text({
					recipientId: SEND_IGSIDS.outsideWindow,
					messagingType: 'MESSAGE_TAG',
					tag: 'HUMAN_AGENT',
				}),
			),
		);
		assert.match(row.messageId, /^aWdf/);
		assert.equal(lastBody().messaging_type, 'MESSAGE_TAG');
		assert.equal(lastBody().tag, 'HUMAN_AGENT');
		const { error: late } = await run(
			text({ recipientId: SEND_IGSIDS.longGone, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }),
		);
		assert.ok(late instanceof NodeApiError);
		assert.equal(instagram.state.sent.length, 1);
	});

	it('an IGSID that never wrote: no matching user', async () => {
		const { error } = await run(text({ recipientId: '1180000000000999' }));
		assert.ok(error instanceof NodeApiError);
		assert.match(error.description, /subcode 2534014/);
		assert.match(error.description, /never wrote to this account/);
	});
});

describe('refused before any call, with what to change', () => {
	const emojiText = '😀'.repeat(251);
	const cases = [
		[
			'text over 1000 bytes (251 emoji)',
			text({ text: emojiText }),
			/1004 bytes of UTF-8; Instagram accepts at most 1000/,
		],
		[
			'14 quick replies',
			text({
				quickReplies: {
					quickReply: Array.from({ length: 14 }, (_, i) => ({
						contentType: 'text',
						title: `Q${i}`,
						payload: `P${i}`,
					})),
				},
			}),
			/14 quick replies/,
		],
		[
			'an email quick reply',
			text({ quickReplies: { quickReply: [{ contentType: 'user_email' }] } }),
			/Instagram shows text quick replies only/,
		],
		[
			'a user_ref recipient',
			text({ recipientType: 'user_ref', recipientId: 'plugin-ref' }),
			/User Ref recipients .* Facebook Login route only/,
		],
		['a name as IGSID', text({ recipientId: '@ada.codes' }), /not an IGSID/],
		[
			'the CUSTOMER_FEEDBACK tag',
			text({ messagingType: 'MESSAGE_TAG', tag: 'CUSTOMER_FEEDBACK' }),
			/CUSTOMER_FEEDBACK is not available on Instagram/,
		],
		[
			'metadata',
			text({ options: { metadata: 'bot' } }),
			/Metadata .* not available on the Instagram Login route/,
		],
		[
			'a notification type',
			text({ options: { notificationType: 'SILENT_PUSH' } }),
			/Notification Type/,
		],
		[
			'binary data',
			{
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: INSTAGRAM.igsid,
				attachmentType: 'image',
				source: 'binary',
				binaryPropertyName: 'data',
			},
			/Sending binary data is not available on the Instagram Login route: Instagram takes media by public URL only/,
		],
		[
			'a saved attachment ID',
			{
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: INSTAGRAM.igsid,
				attachmentType: 'image',
				source: 'attachmentId',
				attachmentId: '1000000000000001',
			},
			/saved attachment ID is not available on the Instagram Login route/,
		],
		[
			'Save for Reuse',
			{
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: INSTAGRAM.igsid,
				attachmentType: 'image',
				source: 'url',
				url: 'https://cdn.example/a.png',
				isReusable: true,
			},
			/Save for Reuse is not available/,
		],
		[
			'the button template',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: INSTAGRAM.igsid,
				templateType: 'button',
				inputMode: 'fields',
				templateText: 'Hi',
				buttons: { button: [{ type: 'postback', title: 'Go', payload: 'GO' }] },
			},
			/"button" is not available on the Instagram Login route/,
		],
		[
			'a call button',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: INSTAGRAM.igsid,
				templateType: 'generic',
				inputMode: 'json',
				templateJson:
					'{"template_type":"generic","elements":[{"title":"x","buttons":[{"type":"phone_number","title":"Call","payload":"+15550100"}]}]}',
			},
			/phone_number; Instagram takes URL \(web_url\) and postback buttons only/,
		],
		[
			'an emoji as reaction',
			{
				resource: 'message',
				operation: 'sendReaction',
				recipientId: INSTAGRAM.igsid,
				messageId: 'mid.1',
				reactionAction: 'react',
				reaction: '❤️',
			},
			/use love/,
		],
		[
			'a reaction without message ID',
			{
				resource: 'message',
				operation: 'sendReaction',
				recipientId: INSTAGRAM.igsid,
				messageId: ' ',
				reactionAction: 'unreact',
			},
			/Message ID is empty/,
		],
		[
			'a comment ID that is a URL',
			text({ recipientType: 'comment_id', recipientId: 'https://instagram.com/p/x' }),
			/is not a comment ID/,
		],
	];
	for (const [name, parameters, message] of cases) {
		it(`refuses ${name}`, async () => {
			const { error } = await run(parameters);
			assert.ok(error instanceof NodeOperationError, String(error));
			assert.match(error.message, message);
			assert.equal(instagram.requests.length, 0, 'no call was made');
		});
	}

	it('the heart sticker on the Facebook Login route is refused before any call', async () => {
		const { error } = await runExecute(node, {
			parameters: {
				resource: 'message',
				operation: 'sendSticker',
				recipientId: '24000000000000001',
			},
			credentials: new CredentialStore({}),
		});
		assert.ok(error instanceof NodeOperationError, String(error));
		assert.match(
			error.message,
			/The heart sticker is not available on the Facebook Login \(Page or App credential\) route/,
		);
	});

	it('a mistake in one item stops the run before any item is sent', async () => {
		const items = [0, 1, 2].map((n) => ({ json: { n } }));
		const error = await perItem(items, (item) =>
			text({ text: item.json.n === 2 ? 'x'.repeat(1001) : `#${item.json.n}` }),
		).then(
			() => assert.fail('the node did not throw'),
			(e) => e,
		);
		assert.match(error.message, /1001 bytes/);
		assert.equal(error.context.itemIndex, 2);
		assert.equal(instagram.requests.length, 0);
	});
});

describe('concurrency, order and rate limits', () => {
	it('40 items to 8 people: concurrent across recipients, in item order per recipient', async () => {
		// Items 0–7 are held 40 ms, 8–15 only 5 ms, and so on: a later message to the same person
		// would overtake an earlier one if the two were ever in flight together.
		instagram.state.messaging.holdMs = (body) =>
			Number(body.message.text.slice(1)) % 16 < 8 ? 40 : 5;
		const items = Array.from({ length: 40 }, (_, n) => ({ json: { to: bulkIgsid(n % 8), n } }));
		const [output] = await perItem(
			items,
			(item) => text({ recipientId: item.json.to, text: `#${item.json.n}` }),
			{ concurrency: 10 },
		);
		assert.deepEqual(
			output.map((i) => [i.pairedItem.item, i.json.recipientId]),
			items.map((item, i) => [i, item.json.to]),
		);
		assert.equal(instagram.state.sent.length, 40);
		for (let r = 0; r < 8; r++) {
			const got = instagram.state.sent
				.filter((s) => s.recipientId === bulkIgsid(r))
				.map((s) => Number(s.body.message.text.slice(1)));
			assert.deepEqual(
				got,
				items.filter((i) => i.json.to === bulkIgsid(r)).map((i) => i.json.n),
			);
		}
		assert.equal(instagram.state.messaging.maxInFlight, 8, 'all eight recipients served at once');
	});

	it('Concurrency bounds the sends open at once: 1 one at a time, 3 three', async () => {
		for (const concurrency of [1, 3]) {
			resetMessaging(instagram.state);
			instagram.state.messaging.holdMs = 30;
			const items = Array.from({ length: 6 }, (_, n) => ({ json: { to: bulkIgsid(n), n } }));
			await perItem(items, (item) => text({ recipientId: item.json.to, text: `#${item.json.n}` }), {
				concurrency,
			});
			assert.equal(instagram.state.messaging.maxInFlight, concurrency);
		}
		assert.equal(instagram.state.sent.length, 12);
	});

	it("throttled by Instagram's business use case limit (80002): retried, each message delivered once, in order", async () => {
		instagram.state.rateLimit = { limit: 3, windowMs: 700 };
		const items = Array.from({ length: 8 }, (_, n) => ({ json: { n } }));
		const [output] = await perItem(
			items,
			(item) => text({ recipientId: INSTAGRAM.igsid, text: `#${item.json.n}` }),
			{ concurrency: 5 },
		);
		assert.equal(output.length, 8);
		assert.ok(instagram.state.rateLimit.rejected > 0, 'some calls were throttled');
		assert.deepEqual(
			instagram.state.sent.map((s) => s.body.message.text),
			items.map((i) => `#${i.json.n}`),
		);
		assert.equal(posts().length, 8 + instagram.state.rateLimit.rejected);
	}, 30_000);

	it('HTTP 429 with Retry-After: waits that long, then delivers once', async () => {
		instagram.injectFault(
			(ctx) => ctx.path.endsWith('/messages'),
			{ status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' },
			1,
		);
		const [row] = json(await run(text()));
		assert.match(row.messageId, /^aWdf/);
		assert.equal(posts().length, 2);
		assert.ok(posts()[1].at - posts()[0].at >= 990, 'waited for Retry-After');
		assert.equal(instagram.state.sent.length, 1);
	});

	it('a throttle that asks for minutes fails at once with the hint; Rate Limit Retries 0 does not retry', async () => {
		instagram.state.rateLimit = { limit: 0, windowMs: 5 * 60_000 };
		const { error } = await run(text());
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /too many calls to this Instagram account/);
		assert.match(error.description, /throttling/);
		assert.equal(posts().length, 1);
		instagram.state.rateLimit = { limit: 0, windowMs: 1000 };
		instagram.clearRequests();
		const { error: once } = await run(text({ options: { retries: 0 } }));
		assert.ok(once instanceof NodeApiError);
		assert.equal(posts().length, 1);
	});
});

describe('the new sends on the Facebook Login route', () => {
	const onFacebook = (parameters) =>
		runExecute(node, { parameters, credentials: graphCredentials(graph.url) });

	it('a reaction and a private reply go to the Page Send API with the Page credential', async () => {
		graph.clearRequests();
		const [reacted] = json(
			await onFacebook({
				resource: 'message',
				operation: 'sendReaction',
				recipientId: GRAPH.psid,
				messageId: 'm_customer1',
				reactionAction: 'react',
				reaction: 'love',
			}),
		);
		assert.equal(reacted.recipientId, GRAPH.psid);
		const [reaction] = graph.requestsTo('POST', '/messages');
		assert.equal(reaction.path, `/v27.0/${GRAPH.pageId}/messages`);
		assert.deepEqual(reaction.body, {
			recipient: { id: GRAPH.psid },
			sender_action: 'react',
			payload: { message_id: 'm_customer1', reaction: 'love' },
		});
		// Private replies on a Page: the recipient is the comment (the Graph emulator has no
		// comments, so its answer is Meta's documented one).
		graph.injectFault(
			(ctx) => ctx.path.endsWith('/messages'),
			{ status: 200, body: { recipient_id: GRAPH.psid, message_id: 'm_private1' } },
			1,
		);
		const [reply] = json(
			await onFacebook({
				resource: 'message',
				operation: 'sendText',
				recipientType: 'comment_id',
				recipientId: '104000000000001_2001',
				text: 'Thanks for your comment!',
			}),
		);
		assert.deepEqual(reply, { recipientId: GRAPH.psid, messageId: 'm_private1' });
		const private1 = graph.requestsTo('POST', '/messages').at(-1);
		assert.deepEqual(private1.body.recipient, { comment_id: '104000000000001_2001' });
		assert.equal(private1.body.messaging_type, 'RESPONSE');
	});
});

describe('example workflow', () => {
	it('examples/instagram-message-reply.json: Messenger Trigger (instagram) → Send Text on the Instagram Login route', async () => {
		const example = JSON.parse(
			readFileSync(new URL('../../examples/instagram-message-reply.json', import.meta.url), 'utf8'),
		);
		const trigger = example.nodes.find(
			(n) => n.type === 'n8n-nodes-messenger-bridge.messengerTrigger',
		);
		const reply = example.nodes.find(
			(n) => n.type === 'n8n-nodes-messenger-bridge.facebookMessenger',
		);
		assert.equal(trigger.parameters.object, 'instagram');
		assert.equal(example.connections[trigger.name].main[0][0].node, reply.name);
		assert.equal(reply.parameters.authentication, 'instagramLogin');
		assert.deepEqual(Object.keys(reply.credentials), ['instagramLoginApi']);
		const declared = new Set(node.description.properties.map((p) => p.name));
		for (const name of Object.keys(reply.parameters))
			assert.ok(declared.has(name), `unknown parameter ${name}`);
		// The reply the example sends for a trigger item, through the real node.
		const parameters = {
			...reply.parameters,
			recipientId: INSTAGRAM.igsid,
			text: 'Thanks for your message!',
		};
		const [row] = json(await run(parameters));
		assert.match(row.messageId, /^aWdf/);
		assert.equal(lastBody().message.text, 'Thanks for your message!');
	});
});
