// Pure checks of the Facebook Messenger node: Meta's Send API limits, tag rules and recipient
// format, each with a message that says what to change.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
	LIMITS,
	checkText,
	checkMetadata,
	checkQuickReplies,
	checkButtons,
	checkTemplatePayload,
	checkTag,
	checkRecipient,
} = require('../../dist/nodes/FacebookMessenger/limits.js');

const qr = (n, extra = {}) =>
	Array.from({ length: n }, (_, i) => ({
		content_type: 'text',
		title: `Q${i}`,
		payload: `P${i}`,
		...extra,
	}));
const button = (extra = {}) => ({ type: 'postback', title: 'Go', payload: 'GO', ...extra });

describe('text and metadata', () => {
	it('accepts up to 2000 characters, counting code points, and says how long it is', () => {
		assert.equal(checkText('x'.repeat(LIMITS.text)), undefined);
		assert.match(
			checkText('x'.repeat(2001)),
			/2001 characters; Messenger accepts at most 2000\. Shorten it or split it/,
		);
		assert.equal(checkText('😀'.repeat(2000)), undefined, 'an emoji is one character');
		assert.match(checkText(''), /empty/);
		assert.match(checkText(' \n '), /empty/);
	});

	it('metadata up to 1000', () => {
		assert.equal(checkMetadata('m'.repeat(1000)), undefined);
		assert.match(
			checkMetadata('m'.repeat(1001)),
			/1001 characters; Messenger accepts at most 1000/,
		);
	});
});

describe('quick replies', () => {
	it('at most 13, says how many to remove', () => {
		assert.equal(checkQuickReplies(qr(13)), undefined);
		assert.match(
			checkQuickReplies(qr(15)),
			/15 quick replies given; Messenger shows at most 13\. Remove 2/,
		);
	});
	it('text quick replies need a title ≤ 20 and a payload ≤ 1000; email/phone need neither', () => {
		assert.equal(
			checkQuickReplies([{ content_type: 'user_email' }, { content_type: 'user_phone_number' }]),
			undefined,
		);
		assert.match(checkQuickReplies(qr(1, { title: '' })), /Quick reply 1 has no title/);
		assert.equal(checkQuickReplies(qr(1, { title: 't'.repeat(20) })), undefined);
		assert.match(
			checkQuickReplies(qr(2, { title: 't'.repeat(21) })),
			/Quick reply 1 title .* 21 characters; at most 20/,
		);
		assert.match(checkQuickReplies(qr(1, { payload: '' })), /no payload/);
		assert.equal(checkQuickReplies(qr(1, { payload: 'p'.repeat(1000) })), undefined);
		assert.match(
			checkQuickReplies(qr(1, { payload: 'p'.repeat(1001) })),
			/payload is 1001 characters; at most 1000/,
		);
	});
});

describe('buttons and templates', () => {
	it('1 to 3 buttons with titles ≤ 20, URLs for URL buttons, payloads ≤ 1000', () => {
		assert.equal(checkButtons([button(), button(), button()], 'X'), undefined);
		assert.match(checkButtons([], 'X'), /no buttons/);
		assert.match(
			checkButtons([button(), button(), button(), button()], 'X'),
			/4 buttons; Messenger accepts at most 3\. Remove 1/,
		);
		assert.match(checkButtons([button({ title: 't'.repeat(21) })], 'X'), /at most 20/);
		assert.match(
			checkButtons([{ type: 'web_url', title: 'Site', url: 'ftp://x' }], 'X'),
			/http\(s\) URL/,
		);
		assert.equal(
			checkButtons([{ type: 'web_url', title: 'Site', url: 'https://x.example' }], 'X'),
			undefined,
		);
		assert.match(checkButtons([button({ payload: '' })], 'X'), /postback button without a payload/);
		assert.match(
			checkButtons([{ type: 'phone_number', title: 'Call' }], 'X'),
			/without a phone number/,
		);
		assert.match(
			checkButtons([button({ payload: 'p'.repeat(1001) })], 'X'),
			/1001 characters; at most 1000/,
		);
	});

	it('generic: 1 to 10 elements, title ≤ 80 required, subtitle ≤ 80, buttons checked', () => {
		const el = (extra = {}) => ({ title: 'Card', ...extra });
		assert.equal(
			checkTemplatePayload({
				template_type: 'generic',
				elements: Array.from({ length: 10 }, () => el()),
			}),
			undefined,
		);
		assert.match(checkTemplatePayload({ template_type: 'generic', elements: [] }), /no elements/);
		assert.match(
			checkTemplatePayload({
				template_type: 'generic',
				elements: Array.from({ length: 12 }, () => el()),
			}),
			/12 elements; Messenger accepts at most 10\. Remove 2/,
		);
		assert.match(
			checkTemplatePayload({ template_type: 'generic', elements: [el({ title: '' })] }),
			/Element 1 has no title/,
		);
		assert.match(
			checkTemplatePayload({
				template_type: 'generic',
				elements: [el(), el({ title: 't'.repeat(81) })],
			}),
			/Element 2 title is 81/,
		);
		assert.match(
			checkTemplatePayload({
				template_type: 'generic',
				elements: [el({ subtitle: 's'.repeat(81) })],
			}),
			/subtitle is 81/,
		);
		assert.match(
			checkTemplatePayload({
				template_type: 'generic',
				elements: [el({ buttons: [button(), button(), button(), button()] })],
			}),
			/Element 1 has 4 buttons/,
		);
		assert.match(
			checkTemplatePayload({ template_type: 'generic', elements: [el({ buttons: 'x' })] }),
			/must be a list/,
		);
	});

	it('button: text ≤ 640 and 1 to 3 buttons; other template types are refused with the alternatives', () => {
		assert.equal(
			checkTemplatePayload({ template_type: 'button', text: 't'.repeat(640), buttons: [button()] }),
			undefined,
		);
		assert.match(
			checkTemplatePayload({ template_type: 'button', text: 't'.repeat(641), buttons: [button()] }),
			/641 characters; at most 640/,
		);
		assert.match(
			checkTemplatePayload({ template_type: 'button', text: '', buttons: [button()] }),
			/no text/,
		);
		assert.match(checkTemplatePayload({ template_type: 'button', text: 'Hi' }), /no buttons/);
		assert.match(
			checkTemplatePayload({ template_type: 'unknown_kind' }),
			/use generic, button, media, receipt, image_grid, product, customer_feedback, coupon, customer_information or instant_form/,
		);
		assert.match(checkTemplatePayload({ template_type: 'product' }), /no products/);
		assert.match(
			checkTemplatePayload({ template_type: 'customer_feedback', title: 'T' }),
			/no Feedback Subtitle \(subtitle\)/,
		);
		assert.match(checkTemplatePayload({ template_type: 'receipt' }), /no Recipient Name/);
		assert.match(checkTemplatePayload({ template_type: 'list' }), /retired by Meta/);
	});
});

describe('tags and recipients', () => {
	it('only HUMAN_AGENT and CUSTOMER_FEEDBACK; the retired tags say why and what to use', () => {
		assert.equal(checkTag('RESPONSE', ''), undefined);
		assert.equal(checkTag('MESSAGE_TAG', 'HUMAN_AGENT'), undefined);
		assert.equal(checkTag('MESSAGE_TAG', 'CUSTOMER_FEEDBACK'), undefined);
		for (const tag of ['CONFIRMED_EVENT_UPDATE', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE']) {
			assert.match(
				checkTag('MESSAGE_TAG', tag),
				new RegExp(
					`${tag} was retired by Meta on 27 April 2026 and now fails with error 100\\. Use HUMAN_AGENT`,
				),
			);
		}
		assert.match(checkTag('MESSAGE_TAG', ''), /no tag is set/);
		assert.match(checkTag('MESSAGE_TAG', 'NON_PROMOTIONAL_SUBSCRIPTION'), /Unknown tag/);
	});

	it('a PSID is digits; user_ref is free text', () => {
		assert.equal(checkRecipient('24000000000000001', 'id'), undefined);
		assert.match(checkRecipient('ada@example.com', 'id'), /not a PSID/);
		assert.match(checkRecipient('', 'id'), /empty/);
		assert.equal(checkRecipient('plugin-ref-1', 'user_ref'), undefined);
	});
});
