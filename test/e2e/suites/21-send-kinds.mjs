// Every Send API message kind of Meta's 2026 reference, sent by the Facebook Messenger node in the
// real n8n on the Facebook Login route against the Graph emulator: Log In / Log Out buttons,
// persona_id, quick replies on an attachment, the media, receipt, image grid, product and customer
// feedback templates, the coupon template (with a Limited Time Offer expire time), the customer
// information and instant form templates, a sticker by ID, a private reply to a Page post, Customer Matching by phone number (refused by
// Meta unless the Page is approved), and a retired template refused before any call.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { GRAPH } from '../../emulators/fixtures.mjs';
import { SEND_KINDS, resetSendKinds, sendKinds } from '../../emulators/graph/messaging.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.facebookMessenger';
const credentials = { facebookPageApi: CREDENTIAL_REFS.facebookPageApi };
const message = (parameters) => ({
	resource: 'message',
	recipientId: '={{ $json.body.recipientId }}',
	options: {},
	...parameters,
});
const template = (parameters) =>
	message({ operation: 'sendTemplate', inputMode: 'fields', ...parameters });

const flows = {
	login: template({
		templateType: 'button',
		templateText: 'Link your account to see your orders',
		buttons: {
			button: [
				{ type: 'account_link', url: 'https://example.com/authorize' },
				{ type: 'account_unlink' },
			],
		},
	}),
	persona: message({
		operation: 'sendText',
		text: 'Ada from support here',
		options: { personaId: '={{ $json.body.personaId }}' },
	}),
	quickImage: message({
		operation: 'sendAttachment',
		attachmentType: 'image',
		source: 'url',
		url: 'https://cdn.example/mug.jpg',
		quickReplies: { quickReply: [{ contentType: 'text', title: 'Buy', payload: 'BUY' }] },
	}),
	media: template({
		templateType: 'media',
		mediaType: 'video',
		mediaSource: 'facebookUrl',
		mediaUrl: 'https://www.facebook.com/acme/videos/123',
		mediaButtonsJson: '[{"type":"web_url","title":"Shop","url":"https://example.com"}]',
	}),
	receipt: template({
		templateType: 'receipt',
		receiptRecipientName: 'Ada Lovelace',
		receiptOrderNumber: '={{ $json.body.order }}',
		receiptCurrency: 'EUR',
		receiptPaymentMethod: 'Visa 1234',
		receiptTotalCost: 25,
		receiptElementsJson: '[{"title":"Blue mug","quantity":1,"price":25}]',
	}),
	grid: template({
		templateType: 'image_grid',
		gridImagesJson: '={{ JSON.stringify($json.body.images) }}',
		gridTitle: 'New arrivals',
	}),
	product: template({
		templateType: 'product',
		productIds: '={{ $json.body.productIds }}',
	}),
	feedback: template({
		templateType: 'customer_feedback',
		feedbackTitle: 'How was your order?',
		feedbackSubtitle: 'One question',
		feedbackButtonTitle: 'Rate us',
		feedbackQuestionType: 'nps',
		feedbackScoreOption: 'zero_to_ten',
		feedbackFollowUpPlaceholder: '={{ $json.body.placeholder }}',
		feedbackPrivacyUrl: 'https://example.com/privacy',
		feedbackExpiresInDays: 7,
	}),
	coupon: template({
		templateType: 'coupon',
		couponTitle: '10% off everything',
		couponCode: '={{ $json.body.code }}',
		couponUrl: 'https://shop.example.com/',
		couponUrlButtonTitle: 'Shop now',
		couponPayload: 'summer-2026',
	}),
	ltoCoupon: template({
		templateType: 'coupon',
		couponTitle: 'Flash sale',
		couponCode: 'FLASH',
		couponExpireTime: '={{ $json.body.expireTime }}',
	}),
	customerInfo: template({
		templateType: 'customer_information',
		customerInfoPrivacyUrl: 'https://shop.example.com/privacy',
		customerInfoCountries: '={{ $json.body.countries }}',
		customerInfoExpiresInDays: 3,
	}),
	instantForm: template({
		templateType: 'instant_form',
		instantFormId: '={{ $json.body.formId }}',
	}),
	sticker: message({
		operation: 'sendSticker',
		sticker: 'sticker_id',
		stickerId: '={{ $json.body.stickerId }}',
	}),
	postReply: message({
		operation: 'sendText',
		recipientType: 'post_id',
		text: 'Thanks for your post: here are the details',
	}),
	phone: message({
		operation: 'sendText',
		recipientType: 'phone_number',
		text: 'Your order has shipped',
	}),
	list: template({
		inputMode: 'json',
		templateJson: '{"template_type":"list","elements":[{"title":"A"},{"title":"B"}]}',
	}),
};

for (const [key, parameters] of Object.entries(flows)) {
	env.addWorkflows(
		webhookWorkflow({
			id: `mbSendKind${key.slice(0, 6).padEnd(6, '0')}`,
			name: `e2e send kind ${key}`,
			path: `send-kind-${key}`,
			node: { type: TYPE, name: 'Facebook Messenger', parameters },
			credentials,
		}),
	);
}

const call = (key, body = {}) =>
	env.webhook(`send-kind-${key}`, { body: { recipientId: GRAPH.psid, ...body } });
const ok = async (key, body) => {
	const response = await call(key, body);
	assert.equal(response.status, 200, `${key}: ${response.text.slice(0, 400)}`);
	return response.json;
};

describe('e2e: every Send API message kind on the Facebook Login route', () => {
	let graph;
	const last = () => graph.state.sent.at(-1);
	before(() => {
		graph = env.emulators.graph;
		resetSendKinds(graph.state);
	});

	it('Log In and Log Out buttons in a button template', async () => {
		const [row] = await ok('login');
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(last().message.attachment.payload.buttons, [
			{ type: 'account_link', url: 'https://example.com/authorize' },
			{ type: 'account_unlink' },
		]);
	});

	it('persona_id, and quick replies on an image', async () => {
		await ok('persona', { personaId: SEND_KINDS.personaId });
		assert.equal(last().personaId, SEND_KINDS.personaId);
		await ok('quickImage');
		assert.deepEqual(last().message.quick_replies, [
			{ content_type: 'text', title: 'Buy', payload: 'BUY' },
		]);
	});

	it('the media, receipt and image grid templates', async () => {
		await ok('media');
		assert.equal(last().message.attachment.payload.elements[0].media_type, 'video');
		await ok('receipt', { order: 'A-42' });
		const receipt = last().message.attachment.payload;
		assert.equal(receipt.order_number, 'A-42');
		assert.deepEqual(receipt.summary, { total_cost: 25 });
		await ok('grid', {
			images: [
				{ url: 'https://cdn.example/1.jpg', is_hero_image: true },
				{ url: 'https://cdn.example/2.jpg', action: { type: 'postback', payload: 'TWO' } },
			],
		});
		assert.equal(last().message.attachment.payload.elements[0].images.length, 2);
	});

	it('an image grid of 7 images is refused before any call, saying what to remove', async () => {
		graph.clearRequests();
		const images = Array.from({ length: 7 }, (_, i) => ({ url: `https://cdn.example/${i}.jpg` }));
		const response = await call('grid', { images });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindgrid00');
		const error = env.nodeError(latest, 'Facebook Messenger');
		assert.match(error.message, /7 images; Messenger shows 2 to 6\. Remove 1/);
		assert.equal(graph.requestsTo('POST', '/messages').length, 0);
	});

	it('a product template of two catalog products', async () => {
		const [row] = await ok('product', { productIds: '1111,2222' });
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(last().message.attachment.payload, {
			template_type: 'product',
			elements: [{ id: '1111' }, { id: '2222' }],
		});
	});

	it('a customer feedback template: one NPS question with a free-form follow-up', async () => {
		await ok('feedback', { placeholder: 'Anything else?' });
		const payload = last().message.attachment.payload;
		assert.equal(payload.template_type, 'customer_feedback');
		assert.equal(payload.button_title, 'Rate us');
		assert.deepEqual(payload.feedback_screens, [
			{
				questions: [
					{
						id: 'question1',
						type: 'nps',
						score_option: 'zero_to_ten',
						follow_up: { type: 'free_form', placeholder: 'Anything else?' },
					},
				],
			},
		]);
		assert.deepEqual(payload.business_privacy, { url: 'https://example.com/privacy' });
		assert.equal(payload.expires_in_days, 7);
	});

	it('a coupon template, and a code with a space refused before any call', async () => {
		const [row] = await ok('coupon', { code: '10PERCENT' });
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(last().message.attachment.payload, {
			template_type: 'coupon',
			title: '10% off everything',
			coupon_code: '10PERCENT',
			coupon_url: 'https://shop.example.com/',
			coupon_url_button_title: 'Shop now',
			payload: 'summer-2026',
		});
		graph.clearRequests();
		const response = await call('coupon', { code: '10 PERCENT' });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindcoupon');
		assert.match(env.nodeError(latest, 'Facebook Messenger').message, /contains spaces/);
		assert.equal(graph.requestsTo('POST', '/messages').length, 0);
	});

	it('a coupon with an expire time (Limited Time Offer), and another time format refused before any call', async () => {
		await ok('ltoCoupon', { expireTime: '2026-12-31 23:59:59' });
		assert.equal(last().message.attachment.payload.expire_time, '2026-12-31 23:59:59');
		graph.clearRequests();
		const response = await call('ltoCoupon', { expireTime: '2026-12-31T23:59:59Z' });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindltoCou');
		assert.match(
			env.nodeError(latest, 'Facebook Messenger').message,
			/is not in Meta's form YYYY-MM-DD HH:MM:SS/,
		);
		assert.equal(graph.requestsTo('POST', '/messages').length, 0);
	});

	it('a customer information template, and a country that is not a code refused before any call', async () => {
		const [row] = await ok('customerInfo', { countries: 'us, ca' });
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(last().message.attachment.payload, {
			template_type: 'customer_information',
			countries: ['US', 'CA'],
			business_privacy: { url: 'https://shop.example.com/privacy' },
			expires_in_days: 3,
		});
		graph.clearRequests();
		const response = await call('customerInfo', { countries: 'Canada' });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindcustom');
		assert.match(
			env.nodeError(latest, 'Facebook Messenger').message,
			/Country "CANADA" is not a two-letter ISO 3166 country code/,
		);
		assert.equal(graph.requestsTo('POST', '/messages').length, 0);
	});

	it("an instant form template, and Meta's refusal of a form that is not eligible (2018382)", async () => {
		const [row] = await ok('instantForm', { formId: SEND_KINDS.instantFormId });
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(last().message.attachment.payload, {
			template_type: 'instant_form',
			form_id: SEND_KINDS.instantFormId,
		});
		const response = await call('instantForm', { formId: '3300000000000999' });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindinstan');
		const error = env.nodeError(latest, 'Facebook Messenger');
		assert.match(error.message, /form is not inthread eligible/);
		assert.match(error.description ?? '', /subcode 2018382/);
	});

	it("a sticker by ID, and Meta's refusal of an unknown one", async () => {
		await ok('sticker', { stickerId: SEND_KINDS.stickerId });
		assert.deepEqual(last().message, { sticker_id: Number(SEND_KINDS.stickerId) });
		const response = await call('sticker', { stickerId: '1' });
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindsticke');
		assert.match(env.nodeError(latest, 'Facebook Messenger').message, /Invalid sticker_id/);
	});

	it('a private reply to a Page post', async () => {
		await ok('postReply', { recipientId: SEND_KINDS.postId });
		assert.equal(last().privateReply, SEND_KINDS.postId);
	});

	it('a phone number: refused by Meta without Customer Matching, sent once the Page is approved', async () => {
		const refused = await call('phone', { recipientId: '+1 650 555 1234' });
		assert.notEqual(refused.status, 200);
		const [latest] = await env.executions('mbSendKindphone0');
		assert.match(
			env.nodeError(latest, 'Facebook Messenger').message,
			/pages_messaging_phone_number/,
		);
		sendKinds(graph.state).phoneMatchingPages.add(GRAPH.pageId);
		const [row] = await ok('phone', { recipientId: '+1 650 555 1234' });
		assert.match(row.messageId, /^m_/);
		assert.equal(last().phoneNumber, '+16505551234');
	});

	it('the retired list template is refused before any call with the reason', async () => {
		graph.clearRequests();
		const response = await call('list');
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions('mbSendKindlist00');
		assert.match(
			env.nodeError(latest, 'Facebook Messenger').message,
			/list template was retired by Meta/,
		);
		assert.equal(graph.requestsTo('POST', '/messages').length, 0);
	});
});
