// Every Send API message kind of Meta's 2026 reference on the Facebook Login route, through the
// Facebook Messenger node's real execute() against the Graph emulator over loopback: the body each
// kind sends, each limit refused before any call, and Meta's answers to what only Meta can check
// (personas, stickers, private replies, Customer Matching) translated into errors.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadNode, runExecute, graphCredentials, workflow } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import { SEND_KINDS, resetSendKinds, sendKinds } from '../emulators/graph/messaging.mjs';

const { NodeApiError, NodeOperationError } = workflow;
const node = loadNode('FacebookMessenger');
let graph;

const run = (parameters) =>
	runExecute(node, { parameters, credentials: graphCredentials(graph.url) });
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const template = (parameters) => ({
	resource: 'message',
	operation: 'sendTemplate',
	recipientId: GRAPH.psid,
	inputMode: 'fields',
	...parameters,
});
const sends = () =>
	graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
const lastMessage = () => graph.state.sent.at(-1).message;

/** The run fails with a NodeOperationError matching `pattern`, and nothing reached Meta. */
async function refusedBeforeCall(parameters, pattern) {
	const { error } = await run(parameters);
	assert.ok(error instanceof NodeOperationError, String(error));
	assert.match(error.message, pattern);
	assert.equal(sends().length, 0, 'a refused send must cost no call');
}

/** The run reached Meta, which refused it; the node reports Meta's code and message. */
async function refusedByMeta(parameters, code, pattern) {
	const { error } = await run(parameters);
	assert.ok(error instanceof NodeApiError, String(error));
	assert.equal(error.errorResponse.code, code);
	assert.match(`${error.message} ${error.description}`, pattern);
	assert.equal(sends().length, 1);
}

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.clearRequests();
	graph.clearFaults();
	graph.state.sent.length = 0;
	resetSendKinds(graph.state);
});

describe('Log In and Log Out buttons', () => {
	it('a button template with Log In (type + https url) and Log Out (type only)', async () => {
		const [row] = json(
			await run(
				template({
					templateType: 'button',
					templateText: 'Link your account',
					buttons: {
						button: [
							{ type: 'account_link', url: 'https://example.com/authorize', title: 'ignored' },
							{ type: 'account_unlink', title: 'ignored', payload: 'x' },
						],
					},
				}),
			),
		);
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(lastMessage().attachment.payload.buttons, [
			{ type: 'account_link', url: 'https://example.com/authorize' },
			{ type: 'account_unlink' },
		]);
	});

	it('Log Out in a generic template element', async () => {
		json(
			await run(
				template({
					templateType: 'generic',
					elements: {
						element: [{ title: 'Your account', buttonsJson: '[{"type":"account_unlink"}]' }],
					},
				}),
			),
		);
		assert.deepEqual(lastMessage().attachment.payload.elements[0].buttons, [
			{ type: 'account_unlink' },
		]);
	});

	it('Log In without an https URL is refused before any call', async () => {
		await refusedBeforeCall(
			template({
				templateType: 'button',
				templateText: 'Link',
				buttons: { button: [{ type: 'account_link', url: 'http://example.com/login' }] },
			}),
			/Log In button without an https URL/,
		);
	});
});

describe("the emulator validates template bodies as Meta's Send API does", () => {
	const raw = async (payload) => {
		const response = await fetch(`${graph.url}/v27.0/${GRAPH.pageId}/messages`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${GRAPH.pageAccessToken}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				recipient: { id: GRAPH.psid },
				messaging_type: 'RESPONSE',
				message: { attachment: { type: 'template', payload } },
			}),
		});
		return { status: response.status, error: (await response.json()).error };
	};
	const images = (n) => Array.from({ length: n }, (_, i) => ({ url: `https://e.x/${i}.png` }));
	const cases = [
		[
			'a Log In button without https',
			{ template_type: 'button', text: 'x', buttons: [{ type: 'account_link', url: 'http://x' }] },
			/https URL for account_link/,
		],
		[
			'an image grid of 7 images',
			{ template_type: 'image_grid', elements: [{ images: images(7) }] },
			/2 to 6 images/,
		],
		[
			'an image grid with two heroes',
			{
				template_type: 'image_grid',
				elements: [
					{
						images: images(2).map((image) => ({ ...image, is_hero_image: true })),
					},
				],
			},
			/At most one image/,
		],
		[
			'a media template with an external URL',
			{ template_type: 'media', elements: [{ media_type: 'image', url: 'https://e.x/a.png' }] },
			/must be a Facebook URL/,
		],
		[
			'a receipt without summary.total_cost',
			{
				template_type: 'receipt',
				recipient_name: 'A',
				order_number: '1',
				currency: 'USD',
				payment_method: 'Visa',
				summary: {},
			},
			/summary\]\[total_cost\] is required/,
		],
		['a list template', { template_type: 'list', elements: [] }, /template_type\] is invalid/],
		[
			'a product template of 11 products',
			{
				template_type: 'product',
				elements: Array.from({ length: 11 }, (_, i) => ({ id: String(i + 1) })),
			},
			/1 to 10 elements/,
		],
		[
			'a customer feedback template without business_privacy.url',
			{
				template_type: 'customer_feedback',
				title: 'T',
				subtitle: 'S',
				button_title: 'Rate',
				feedback_screens: [{ questions: [{ type: 'csat' }] }],
			},
			/business_privacy\]\[url\] is required/,
		],
		[
			'a customer feedback question of type stars',
			{
				template_type: 'customer_feedback',
				title: 'T',
				subtitle: 'S',
				button_title: 'Rate',
				feedback_screens: [{ questions: [{ type: 'stars' }] }],
				business_privacy: { url: 'https://e.x/privacy' },
			},
			/must be one of \{csat, nps, ces\}/,
		],
	];
	for (const [name, payload, pattern] of cases) {
		it(`refuses ${name} with error 100`, async () => {
			const { status, error } = await raw(payload);
			assert.equal(status, 400);
			assert.equal(error.code, 100);
			assert.match(error.message, pattern);
		});
	}
});

describe('persona_id', () => {
	it('is sent with the message when the Persona ID option is set', async () => {
		json(
			await run({
				resource: 'message',
				operation: 'sendText',
				recipientId: GRAPH.psid,
				text: 'Hi, Ada here',
				options: { personaId: SEND_KINDS.personaId },
			}),
		);
		assert.equal(graph.state.sent.at(-1).personaId, SEND_KINDS.personaId);
		assert.equal(sends()[0].body.persona_id, SEND_KINDS.personaId);
	});

	it('a persona ID that is not digits is refused before any call', async () => {
		await refusedBeforeCall(
			{
				resource: 'message',
				operation: 'sendText',
				recipientId: GRAPH.psid,
				text: 'Hi',
				options: { personaId: 'Ada' },
			},
			/Persona ID "Ada" is not a persona ID/,
		);
	});

	it("Meta's refusal of an unknown persona is reported", async () => {
		await refusedByMeta(
			{
				resource: 'message',
				operation: 'sendText',
				recipientId: GRAPH.psid,
				text: 'Hi',
				options: { personaId: '999' },
			},
			100,
			/Invalid persona_id/,
		);
	});
});

describe('quick replies on attachments and templates', () => {
	const replies = {
		quickReply: [
			{ contentType: 'text', title: 'Yes', payload: 'YES' },
			{ contentType: 'user_email' },
		],
	};
	it('an image by URL carries quick_replies', async () => {
		json(
			await run({
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: GRAPH.psid,
				attachmentType: 'image',
				source: 'url',
				url: 'https://example.com/a.png',
				quickReplies: replies,
			}),
		);
		assert.deepEqual(lastMessage().quick_replies, [
			{ content_type: 'text', title: 'Yes', payload: 'YES' },
			{ content_type: 'user_email' },
		]);
		assert.equal(lastMessage().attachment.payload.url, 'https://example.com/a.png');
	});

	it('a generic template carries quick_replies', async () => {
		json(
			await run(
				template({
					templateType: 'generic',
					elements: { element: [{ title: 'Card' }] },
					quickReplies: replies,
				}),
			),
		);
		assert.equal(lastMessage().quick_replies.length, 2);
	});

	it('14 quick replies on a template are refused before any call', async () => {
		const many = Array.from({ length: 14 }, (_, i) => ({
			contentType: 'text',
			title: `R${i}`,
			payload: `P${i}`,
		}));
		await refusedBeforeCall(
			template({
				templateType: 'generic',
				elements: { element: [{ title: 'Card' }] },
				quickReplies: { quickReply: many },
			}),
			/14 quick replies given; Messenger shows at most 13/,
		);
	});
});

describe('media template', () => {
	it('an image by attachment ID with one button', async () => {
		json(
			await run(
				template({
					templateType: 'media',
					mediaType: 'image',
					mediaSource: 'attachmentId',
					mediaAttachmentId: '1234567890',
					mediaButtonsJson: '[{"type":"web_url","title":"Shop","url":"https://example.com"}]',
				}),
			),
		);
		assert.deepEqual(lastMessage().attachment.payload, {
			template_type: 'media',
			elements: [
				{
					media_type: 'image',
					attachment_id: '1234567890',
					buttons: [{ type: 'web_url', title: 'Shop', url: 'https://example.com' }],
				},
			],
		});
	});

	it('a video by Facebook URL', async () => {
		json(
			await run(
				template({
					templateType: 'media',
					mediaType: 'video',
					mediaSource: 'facebookUrl',
					mediaUrl: 'https://business.facebook.com/acme/videos/123',
				}),
			),
		);
		assert.equal(
			lastMessage().attachment.payload.elements[0].url,
			'https://business.facebook.com/acme/videos/123',
		);
	});

	it('an external URL is refused before any call (Meta takes Facebook URLs only)', async () => {
		await refusedBeforeCall(
			template({
				templateType: 'media',
				mediaSource: 'facebookUrl',
				mediaUrl: 'https://example.com/cat.png',
			}),
			/not a Facebook URL/,
		);
	});

	it('two buttons are refused before any call', async () => {
		await refusedBeforeCall(
			template({
				templateType: 'media',
				mediaAttachmentId: '1',
				mediaButtonsJson:
					'[{"type":"postback","title":"A","payload":"A"},{"type":"postback","title":"B","payload":"B"}]',
			}),
			/at most 1\. Remove 1/,
		);
	});
});

describe('receipt template', () => {
	const receipt = (overrides = {}) =>
		template({
			templateType: 'receipt',
			receiptRecipientName: 'Ada Lovelace',
			receiptOrderNumber: 'A-1',
			receiptCurrency: 'EUR',
			receiptPaymentMethod: 'Visa 1234',
			receiptTotalCost: 56.14,
			receiptElementsJson: '[{"title":"T-shirt","quantity":2,"price":25}]',
			receiptExtraJson: '{"merchant_name":"Acme","summary":{"subtotal":50}}',
			...overrides,
		});
	it('sends the required fields, items and the extra fields', async () => {
		json(await run(receipt()));
		assert.deepEqual(lastMessage().attachment.payload, {
			template_type: 'receipt',
			merchant_name: 'Acme',
			recipient_name: 'Ada Lovelace',
			order_number: 'A-1',
			currency: 'EUR',
			payment_method: 'Visa 1234',
			summary: { subtotal: 50, total_cost: 56.14 },
			elements: [{ title: 'T-shirt', quantity: 2, price: 25 }],
		});
	});
	it('no payment method is refused before any call', async () => {
		await refusedBeforeCall(receipt({ receiptPaymentMethod: '' }), /no Payment Method/);
	});
	it('a currency that is not ISO 4217 is refused before any call', async () => {
		await refusedBeforeCall(receipt({ receiptCurrency: 'euro' }), /not an ISO 4217 code/);
	});
	it('an item without a price is refused before any call', async () => {
		await refusedBeforeCall(
			receipt({ receiptElementsJson: '[{"title":"Gift"}]' }),
			/Receipt element 1 has no price/,
		);
	});
});

describe('image grid template (June 2026)', () => {
	const image = (n, extra = {}) => ({ url: `https://example.com/${n}.png`, ...extra });
	const grid = (images, overrides = {}) =>
		template({
			templateType: 'image_grid',
			gridImagesJson: JSON.stringify(images),
			...overrides,
		});
	it('2 images, a hero, a postback action, title, subtitle and a button', async () => {
		json(
			await run(
				grid(
					[
						image(1, { is_hero_image: true }),
						image(2, { action: { type: 'postback', payload: 'TWO' } }),
					],
					{
						gridTitle: 'New arrivals',
						gridSubtitle: 'Tap one',
						gridButtonsJson: '[{"type":"web_url","title":"All","url":"https://example.com"}]',
					},
				),
			),
		);
		assert.deepEqual(lastMessage().attachment.payload, {
			template_type: 'image_grid',
			elements: [
				{
					images: [
						image(1, { is_hero_image: true }),
						image(2, { action: { type: 'postback', payload: 'TWO' } }),
					],
					title: 'New arrivals',
					subtitle: 'Tap one',
					buttons: [{ type: 'web_url', title: 'All', url: 'https://example.com' }],
				},
			],
		});
	});
	it('7 images are refused before any call', async () => {
		const seven = Array.from({ length: 7 }, (_, i) => image(i));
		await refusedBeforeCall(grid(seven), /has 7 images; Messenger shows 2 to 6\. Remove 1/);
	});
	it('1 image is refused before any call', async () => {
		await refusedBeforeCall(grid([image(1)]), /has 1 images; Messenger shows 2 to 6\. Add 1/);
	});
	it('two hero images are refused before any call', async () => {
		await refusedBeforeCall(
			grid([image(1, { is_hero_image: true }), image(2, { is_hero_image: true })]),
			/at most one may be/,
		);
	});
	it('a 46-character title is refused before any call', async () => {
		await refusedBeforeCall(
			grid([image(1), image(2)], { gridTitle: 'x'.repeat(46) }),
			/title is 46 characters; at most 45/,
		);
	});
	it('a call button is refused before any call (URL and postback only)', async () => {
		await refusedBeforeCall(
			grid([image(1), image(2)], {
				gridButtonsJson: '[{"type":"phone_number","title":"Call","payload":"+15551234567"}]',
			}),
			/type phone_number; here Messenger takes web_url, postback/,
		);
	});
});

describe('product template', () => {
	const products = (productIds) => template({ templateType: 'product', productIds });
	it('sends each product ID as an element', async () => {
		json(await run(products(' 1111, 2222 ,')));
		assert.deepEqual(lastMessage().attachment.payload, {
			template_type: 'product',
			elements: [{ id: '1111' }, { id: '2222' }],
		});
	});
	it('no product ID is refused before any call', async () => {
		await refusedBeforeCall(products(' , '), /no products: enter 1 to 10 product IDs/);
	});
	it('11 product IDs are refused before any call', async () => {
		const ids = Array.from({ length: 11 }, (_, i) => String(1000 + i)).join(',');
		await refusedBeforeCall(
			products(ids),
			/has 11 products; Messenger accepts at most 10\. Remove 1/,
		);
	});
	it('a product element without an id (JSON) is refused before any call', async () => {
		await refusedBeforeCall(
			template({
				inputMode: 'json',
				templateType: 'product',
				templateJson: JSON.stringify({ template_type: 'product', elements: [{ id: '1' }, {}] }),
			}),
			/Product 2 has no id/,
		);
	});
});

describe('customer feedback template', () => {
	const feedback = (overrides = {}) =>
		template({
			templateType: 'customer_feedback',
			feedbackTitle: 'Rate your experience',
			feedbackSubtitle: 'It takes a minute',
			feedbackButtonTitle: 'Rate',
			feedbackQuestionType: 'csat',
			feedbackPrivacyUrl: 'https://example.com/privacy',
			...overrides,
		});
	it('sends one CSAT question with a free-form follow-up, the privacy URL and the expiry', async () => {
		json(
			await run(
				feedback({
					feedbackQuestionTitle: 'How did we do?',
					feedbackScoreLabel: 'neg_pos',
					feedbackScoreOption: 'five_emojis',
					feedbackFollowUpPlaceholder: 'Tell us more',
					feedbackExpiresInDays: 3,
				}),
			),
		);
		assert.deepEqual(lastMessage().attachment.payload, {
			template_type: 'customer_feedback',
			title: 'Rate your experience',
			subtitle: 'It takes a minute',
			button_title: 'Rate',
			feedback_screens: [
				{
					questions: [
						{
							id: 'question1',
							type: 'csat',
							title: 'How did we do?',
							score_label: 'neg_pos',
							score_option: 'five_emojis',
							follow_up: { type: 'free_form', placeholder: 'Tell us more' },
						},
					],
				},
			],
			business_privacy: { url: 'https://example.com/privacy' },
			expires_in_days: 3,
		});
	});
	it('an NPS question with only the required fields', async () => {
		json(
			await run(feedback({ feedbackQuestionType: 'nps', feedbackQuestionId: 'nps-after-chat' })),
		);
		const payload = lastMessage().attachment.payload;
		assert.deepEqual(payload.feedback_screens, [
			{ questions: [{ id: 'nps-after-chat', type: 'nps' }] },
		]);
		assert.equal(payload.expires_in_days, undefined);
	});
	it('no button title is refused before any call', async () => {
		await refusedBeforeCall(
			feedback({ feedbackButtonTitle: ' ' }),
			/no Feedback Button Title \(button_title\): Meta requires it/,
		);
	});
	it('no privacy policy URL is refused before any call', async () => {
		await refusedBeforeCall(
			feedback({ feedbackPrivacyUrl: '' }),
			/no privacy policy URL \(business_privacy\.url\)/,
		);
	});
	it('an NPS question with a CSAT score option is refused before any call', async () => {
		await refusedBeforeCall(
			feedback({ feedbackQuestionType: 'nps', feedbackScoreOption: 'five_stars' }),
			/Score option "five_stars" does not fit a nps question: use zero_to_ten/,
		);
	});
	it('two questions on one screen (JSON) are refused before any call', async () => {
		await refusedBeforeCall(
			template({
				inputMode: 'json',
				templateType: 'customer_feedback',
				templateJson: JSON.stringify({
					title: 'T',
					subtitle: 'S',
					button_title: 'Rate',
					feedback_screens: [{ questions: [{ type: 'csat' }, { type: 'nps' }] }],
					business_privacy: { url: 'https://example.com/privacy' },
				}),
			}),
			/Feedback screen 1 has 2 questions; it takes exactly one/,
		);
	});
	it('half a day to expire (JSON) is refused before any call', async () => {
		await refusedBeforeCall(
			template({
				inputMode: 'json',
				templateType: 'customer_feedback',
				templateJson: JSON.stringify({
					title: 'T',
					subtitle: 'S',
					button_title: 'Rate',
					feedback_screens: [{ questions: [{ type: 'ces' }] }],
					business_privacy: { url: 'https://example.com/privacy' },
					expires_in_days: 0.5,
				}),
			}),
			/Expires In Days is 0\.5: enter a whole number of days/,
		);
	});
});

describe('retired templates stay refused with the reason', () => {
	for (const [type, pattern] of [
		['list', /list template was retired by Meta/],
		['open_graph', /open graph template was retired by Meta/],
	]) {
		it(type, async () => {
			await refusedBeforeCall(
				template({
					inputMode: 'json',
					templateJson: JSON.stringify({ template_type: type, elements: [{ title: 'x' }] }),
				}),
				pattern,
			);
		});
	}
});

describe('stickers (Sticker API, June 2026)', () => {
	const sticker = (id) => ({
		resource: 'message',
		operation: 'sendSticker',
		recipientId: GRAPH.psid,
		sticker: 'sticker_id',
		stickerId: id,
	});
	it('sends message.sticker_id as a number', async () => {
		json(await run(sticker(SEND_KINDS.stickerId)));
		assert.deepEqual(lastMessage(), { sticker_id: Number(SEND_KINDS.stickerId) });
		assert.equal(sends()[0].body.message.sticker_id, 767226160478561);
	});
	it('a sticker ID that is not digits is refused before any call', async () => {
		await refusedBeforeCall(sticker('smile'), /not a sticker ID/);
	});
	it("Meta's refusal of an unknown sticker is reported", async () => {
		await refusedByMeta(sticker('1'), 100, /Invalid sticker_id/);
	});
});

describe('recipients: private replies by post and comment, Customer Matching by phone', () => {
	const text = (recipientType, recipientId) => ({
		resource: 'message',
		operation: 'sendText',
		recipientType,
		recipientId,
		text: 'Thanks for your post',
	});
	it('a private reply to a Page post (recipient.post_id), once', async () => {
		json(await run(text('post_id', SEND_KINDS.postId)));
		assert.deepEqual(sends()[0].body.recipient, { post_id: SEND_KINDS.postId });
		graph.clearRequests();
		await refusedByMeta(text('post_id', SEND_KINDS.postId), 10, /private reply/);
	});
	it('a private reply to a comment with a button template', async () => {
		json(
			await run(
				template({
					recipientType: 'comment_id',
					recipientId: SEND_KINDS.commentId,
					templateType: 'button',
					templateText: 'Budget?',
					buttons: { button: [{ type: 'postback', title: 'Under $20', payload: 'B20' }] },
				}),
			),
		);
		assert.equal(graph.state.sent.at(-1).privateReply, SEND_KINDS.commentId);
	});
	it('a post ID that is not one is refused before any call', async () => {
		await refusedBeforeCall(text('post_id', 'my post'), /is not a post ID/);
	});
	it('a phone number is sent in E.164 only where Meta approved the Page', async () => {
		await refusedByMeta(
			text('phone_number', '+1 (650) 555-1234'),
			10,
			/pages_messaging_phone_number/,
		);
		assert.deepEqual(sends()[0].body.recipient, { phone_number: '+16505551234' });
		graph.clearRequests();
		sendKinds(graph.state).phoneMatchingPages.add(GRAPH.pageId);
		const [row] = json(await run(text('phone_number', '+16505551234')));
		assert.match(row.messageId, /^m_/);
	});
	it('a phone number without a country code is refused before any call', async () => {
		await refusedBeforeCall(text('phone_number', '650 555 1234'), /E\.164/);
	});
	it('post and phone recipients are refused on the Instagram Login route', async () => {
		const { error } = await runExecute(node, {
			parameters: { authentication: 'instagramLogin', ...text('post_id', SEND_KINDS.postId) },
			credentials: graphCredentials(graph.url),
		});
		assert.ok(error instanceof NodeOperationError, String(error));
		assert.match(error.message, /Facebook Login route only/);
		assert.equal(sends().length, 0);
	});
});
