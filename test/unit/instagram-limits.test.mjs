// Pure checks of the Instagram Login route's sends: Instagram's text limit in bytes, text quick
// replies only, the generic template with URL and postback buttons, HUMAN_AGENT as the one tag,
// reactions and private-reply comment IDs, each with a message that says what to change.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
	INSTAGRAM_LIMITS,
	checkInstagramText,
	checkInstagramQuickReplies,
	checkInstagramTemplatePayload,
	checkInstagramTag,
	checkReaction,
	checkCommentId,
	checkRecipient,
} = require('../../dist/nodes/FacebookMessenger/limits.js');

const qr = (n, extra = {}) =>
	Array.from({ length: n }, (_, i) => ({
		content_type: 'text',
		title: `Q${i}`,
		payload: `P${i}`,
		...extra,
	}));
const generic = (buttons) => ({
	template_type: 'generic',
	elements: [{ title: 'Card', ...(buttons ? { buttons } : {}) }],
});

describe('Instagram text', () => {
	it('accepts up to 1000 bytes of UTF-8 and counts bytes, not characters', () => {
		assert.equal(INSTAGRAM_LIMITS.textBytes, 1000);
		assert.equal(checkInstagramText('x'.repeat(1000)), undefined);
		assert.match(
			checkInstagramText('x'.repeat(1001)),
			/1001 bytes of UTF-8; Instagram accepts at most 1000/,
		);
		// 334 × "é" (2 bytes) = 668 bytes: fine; 250 × "😀" (4 bytes) = 1000: fine; 251: 1004.
		assert.equal(checkInstagramText('é'.repeat(334)), undefined);
		assert.equal(checkInstagramText('😀'.repeat(250)), undefined);
		assert.match(checkInstagramText('😀'.repeat(251)), /1004 bytes/);
		assert.match(checkInstagramText(''), /empty/);
		assert.match(checkInstagramText('  \n'), /empty/);
	});
});

describe('Instagram quick replies', () => {
	it('text quick replies within the Messenger limits; email and phone ones refused', () => {
		assert.equal(checkInstagramQuickReplies(qr(13)), undefined);
		assert.match(checkInstagramQuickReplies(qr(14)), /14 quick replies/);
		assert.match(
			checkInstagramQuickReplies([...qr(1), { content_type: 'user_email' }]),
			/Quick reply 2 is of type user_email; Instagram shows text quick replies only/,
		);
		assert.match(checkInstagramQuickReplies(qr(1, { title: 'x'.repeat(21) })), /at most 20/);
	});
});

describe('Instagram templates', () => {
	it('the generic template with URL and postback buttons; no button template, no call button', () => {
		assert.equal(
			checkInstagramTemplatePayload(
				generic([
					{ type: 'web_url', title: 'Open', url: 'https://example.com' },
					{ type: 'postback', title: 'Buy', payload: 'BUY' },
				]),
			),
			undefined,
		);
		assert.equal(checkInstagramTemplatePayload(generic()), undefined);
		assert.match(
			checkInstagramTemplatePayload(
				generic([{ type: 'phone_number', title: 'Call', payload: '+1' }]),
			),
			/Element 1, button 1 is of type phone_number; Instagram takes URL \(web_url\) and postback buttons only/,
		);
		assert.match(
			checkInstagramTemplatePayload({ template_type: 'button', text: 'Hi', buttons: [] }),
			/"button" is not available on the Instagram Login route/,
		);
		const eleven = {
			template_type: 'generic',
			elements: Array.from({ length: 11 }, () => ({ title: 'x' })),
		};
		assert.match(
			checkInstagramTemplatePayload(eleven),
			/11 elements; Instagram accepts at most 10/,
		);
	});
});

describe('Instagram tags, reactions, recipients', () => {
	it('HUMAN_AGENT is the one tag', () => {
		assert.equal(checkInstagramTag('RESPONSE', ''), undefined);
		assert.equal(checkInstagramTag('MESSAGE_TAG', 'HUMAN_AGENT'), undefined);
		assert.match(
			checkInstagramTag('MESSAGE_TAG', 'CUSTOMER_FEEDBACK'),
			/CUSTOMER_FEEDBACK is not available on Instagram/,
		);
		assert.match(checkInstagramTag('MESSAGE_TAG', ''), /\(none\)/);
	});

	it('a reaction needs the message ID, and love to react; unreact needs no reaction', () => {
		assert.equal(checkReaction('react', 'aWdfZAG1faWQ', 'love'), undefined);
		assert.equal(checkReaction('unreact', 'aWdfZAG1faWQ', ''), undefined);
		assert.match(checkReaction('react', '', 'love'), /Message ID is empty/);
		assert.match(checkReaction('react', 'a b', 'love'), /spaces/);
		assert.match(
			checkReaction('react', 'mid', '❤️'),
			/Reaction "❤️" is not one Meta takes: use love/,
		);
		assert.match(checkReaction('like', 'mid', 'love'), /Reaction Action "like" is not valid/);
	});

	it('IGSIDs are digits; comment IDs are digits or <post>_<comment>', () => {
		assert.equal(checkRecipient('17841400000000001', 'id', 'IGSID'), undefined);
		assert.match(checkRecipient('@ada', 'id', 'IGSID'), /not an IGSID \(an Instagram-scoped ID/);
		assert.match(checkRecipient('', 'id', 'IGSID'), /enter the IGSID/);
		assert.equal(checkRecipient('17858893269000001', 'comment_id'), undefined);
		assert.equal(checkCommentId('104_205'), undefined);
		assert.match(checkCommentId(''), /Comment ID is empty/);
		assert.match(checkRecipient('https://instagram.com/p/x', 'comment_id'), /is not a comment ID/);
	});
});
