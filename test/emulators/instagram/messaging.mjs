// The Instagram Send API of graph.instagram.com (POST /me/messages, /<account id>/messages):
// texts, media by URL, the heart sticker, the generic template, quick replies, reactions and
// sender actions, private replies to comments, the 24-hour window with the HUMAN_AGENT tag, and
// Meta's validation errors. The business use case rate limit is core.mjs's (authorize()).
// Facts: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
//        https://developers.facebook.com/docs/instagram-platform/private-replies
// The window and private-reply subcodes (2534022, 2534025) are those integrators report; Meta's
// page documents the rules, not the codes.
import { randomBytes } from 'node:crypto';
import { accountOf, authorize, fail, json } from './core.mjs';
import { INSTAGRAM } from '../fixtures.mjs';

const DAY = 86400_000;
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen', 'react', 'unreact'];
const MEDIA_TYPES = ['audio', 'file', 'image', 'video'];
const REACTIONS = ['love'];

/** IGSIDs with special behaviour in the Send API. */
export const SEND_IGSIDS = {
	/** Wrote 3 days ago: only a HUMAN_AGENT message reaches them. */
	outsideWindow: '1180000000000003',
	/** Wrote 9 days ago: nothing reaches them. */
	longGone: '1180000000000004',
};

/** Comments on the account's media, for private replies. */
export const COMMENTS = {
	/** Written an hour ago by INSTAGRAM.igsid: one private reply allowed. */
	fresh: '17860000000000001',
	/** Written 8 days ago: too old for a private reply. */
	old: '17860000000000002',
};

/** IGSIDs of bulk recipients (throughput and order tests): bulkIgsid(0) … bulkIgsid(199). */
export const bulkIgsid = (i) => String(1190000000000000n + BigInt(i));
const BULK = /^1190000000000\d{3}$/;

const param = (message) => fail(400, 100, `(#100) ${message}`, { type: 'OAuthException' });

/** The Send API world, kept next to the emulator's state. */
function messagingState(state) {
	const now = Date.now();
	state.messaging ??= {
		/** IGSID → when the person last wrote (ms); unknown IGSIDs cannot be messaged. */
		lastMessageAt: new Map([
			[INSTAGRAM.igsid, now - 60_000],
			[SEND_IGSIDS.outsideWindow, now - 3 * DAY],
			[SEND_IGSIDS.longGone, now - 9 * DAY],
		]),
		/** comment id → {from, createdAt, replied} */
		comments: new Map([
			[COMMENTS.fresh, { from: INSTAGRAM.igsid, createdAt: now - 3600_000, replied: false }],
			[COMMENTS.old, { from: INSTAGRAM.igsid, createdAt: now - 8 * DAY, replied: false }],
		]),
		/**
		 * How long each send is held before its answer (ms, or a function of the request body), the
		 * sends open now / at most.
		 */
		holdMs: 0,
		inFlight: 0,
		maxInFlight: 0,
	};
	return state.messaging;
}

/** When the person last wrote, or fails as Meta does for an IGSID that never wrote. */
function lastMessageOf(world, igsid) {
	if (world.lastMessageAt.has(igsid)) return world.lastMessageAt.get(igsid);
	if (BULK.test(igsid)) return Date.now() - 60_000;
	return fail(400, 100, '(#100) No matching user found', { subcode: 2534014 });
}

const bytes = (text) => Buffer.byteLength(String(text), 'utf8');

function checkQuickReplies(replies) {
	if (!Array.isArray(replies)) param('Param message[quick_replies] must be an array');
	if (replies.length > 13)
		param('Param message[quick_replies] must contain at most 13 quick replies');
	for (const reply of replies) {
		if ((reply.content_type ?? 'text') !== 'text')
			param('Param message[quick_replies][content_type] must be one of {text}');
		if (!reply.title) param('Param message[quick_replies][title] is required');
		if (String(reply.title).length > 20)
			param('Length of param message[quick_replies][title] must be less than or equal to 20');
		if (reply.payload === undefined || reply.payload === '')
			param('Param message[quick_replies][payload] is required');
		if (String(reply.payload).length > 1000)
			param('Length of param message[quick_replies][payload] must be less than or equal to 1000');
	}
}

function checkGeneric(payload) {
	if (payload.template_type !== 'generic')
		param('Param message[attachment][payload][template_type] must be one of {generic}');
	const elements = payload.elements;
	if (!Array.isArray(elements) || elements.length === 0)
		param('Param message[attachment][payload][elements] must be a non-empty array');
	if (elements.length > 10)
		param('Param message[attachment][payload][elements] must contain at most 10 elements');
	for (const element of elements) {
		if (!element.title) param('Param message[attachment][payload][elements][title] is required');
		if (String(element.title).length > 80 || String(element.subtitle ?? '').length > 80)
			param(
				'Length of param message[attachment][payload][elements][title] must be less than or equal to 80',
			);
		if (element.buttons === undefined) continue;
		if (!Array.isArray(element.buttons) || element.buttons.length > 3)
			param('Param message[attachment][payload][elements][buttons] must contain at most 3 buttons');
		for (const button of element.buttons) {
			if (!['web_url', 'postback'].includes(button.type))
				param(
					'Param message[attachment][payload][elements][buttons][type] must be one of {web_url, postback}',
				);
			if (!button.title || String(button.title).length > 20)
				param(
					'Param message[attachment][payload][elements][buttons][title] is required (at most 20 characters)',
				);
			if (button.type === 'web_url' && !/^https?:\/\//.test(String(button.url ?? '')))
				param('Param message[attachment][payload][elements][buttons][url] must be a valid URL');
			if (button.type === 'postback' && !button.payload)
				param('Param message[attachment][payload][elements][buttons][payload] is required');
		}
	}
}

/** A message object as Meta checks it: text, one attachment (media, like_heart, template). */
function checkMessage(message) {
	if (!message || typeof message !== 'object') param('The parameter message is required');
	const hasText = message.text !== undefined;
	const hasAttachment = message.attachment !== undefined;
	if (hasText === hasAttachment)
		param('Exactly one of message[text] or message[attachment] must be provided');
	if (hasText) {
		if (typeof message.text !== 'string' || message.text.length === 0)
			param('Param message[text] must be a non-empty UTF-8 encoded string');
		if (bytes(message.text) > 1000)
			param('Length of param message[text] must be less than or equal to 1000 bytes');
	} else {
		const { type, payload } = message.attachment ?? {};
		if (type === 'like_heart') {
			// The heart sticker carries no payload.
		} else if (type === 'template') {
			checkGeneric(payload ?? {});
		} else if (MEDIA_TYPES.includes(type)) {
			if (payload?.attachment_id !== undefined)
				param('Param message[attachment][payload][url] is required: attachments are sent by URL');
			if (!payload?.url) param('Param message[attachment][payload][url] is required');
			if (!/^https?:\/\//.test(String(payload.url)))
				fail(400, 100, '(#100) Failed to fetch the file from the url', { subcode: 2018008 });
		} else {
			param(
				'Param message[attachment][type] must be one of {image, video, audio, file, like_heart, template}',
			);
		}
	}
	if (message.quick_replies !== undefined) {
		if (!hasText) param('Quick replies can only be sent with a text message');
		checkQuickReplies(message.quick_replies);
	}
}

/** A sender action: alone with the recipient; react/unreact with the message id (and reaction). */
function checkSenderAction(body) {
	const action = String(body.sender_action);
	if (!SENDER_ACTIONS.includes(action))
		param('Param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact}');
	if (body.message !== undefined)
		param('The request should only include sender_action and the recipient object');
	if (action === 'react' || action === 'unreact') {
		const payload = body.payload;
		if (!payload?.message_id) param('Param payload[message_id] is required');
		if (action === 'react' && !REACTIONS.includes(payload.reaction))
			param('Param payload[reaction] must be one of {love}');
	} else if (body.payload !== undefined) {
		param('The request should only include sender_action and the recipient object');
	}
}

function send(state, ctx) {
	const account = accountOf(ctx, state, authorize(ctx, state));
	const world = messagingState(state);
	const body = ctx.body ?? {};
	const recipient = body.recipient;
	if (!recipient || typeof recipient !== 'object') param('The parameter recipient is required');
	const keys = Object.keys(recipient);
	if (keys.length !== 1 || !['id', 'comment_id'].includes(keys[0]))
		param('Param recipient must contain exactly one of {id, comment_id}');
	const messagingType = body.messaging_type;
	if (messagingType !== undefined && !MESSAGING_TYPES.includes(messagingType))
		param('Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}');
	if (messagingType === 'MESSAGE_TAG' && body.tag !== 'HUMAN_AGENT')
		param('Param tag must be one of {HUMAN_AGENT}');
	if (body.sender_action !== undefined) checkSenderAction(body);
	else checkMessage(body.message);

	let recipientId;
	let comment;
	if (recipient.comment_id !== undefined) {
		if (body.sender_action !== undefined) param('Sender actions cannot be sent to a comment_id');
		comment = world.comments.get(String(recipient.comment_id));
		if (!comment)
			fail(400, 100, `(#100) Invalid comment_id: ${String(recipient.comment_id)} does not exist`, {
				subcode: 33,
			});
		if (comment.replied || Date.now() - comment.createdAt > 7 * DAY)
			fail(
				400,
				10,
				'(#10) This comment is invalid for a private reply: it has one already or is more than 7 days old',
				{
					subcode: 2534025,
				},
			);
		recipientId = comment.from;
	} else {
		recipientId = String(recipient.id);
		const age = Date.now() - lastMessageOf(world, recipientId);
		const tagged = messagingType === 'MESSAGE_TAG' && body.tag === 'HUMAN_AGENT';
		if (body.sender_action === undefined && !(age < DAY || (tagged && age < 7 * DAY)))
			fail(400, 10, '(#10) This message is sent outside of allowed window.', { subcode: 2534022 });
	}
	if (comment) comment.replied = true;
	const messageId = `aWdfZAG1faXRlbToxOklHTWVzc2FnZA${randomBytes(12).toString('base64url')}`;
	state.sent.push({
		account: account.user_id,
		recipientId,
		commentId: recipient.comment_id,
		body,
		messageId: body.sender_action === undefined ? messageId : undefined,
		at: Date.now(),
	});
	if (body.sender_action !== undefined) return json(200, { recipient_id: recipientId });
	return json(200, { recipient_id: recipientId, message_id: messageId });
}

/** A send held `messaging.holdMs` before its answer, counting the sends in flight. */
async function heldSend(state, ctx) {
	const world = messagingState(state);
	world.inFlight += 1;
	world.maxInFlight = Math.max(world.maxInFlight, world.inFlight);
	try {
		const hold = typeof world.holdMs === 'function' ? world.holdMs(ctx.body ?? {}) : world.holdMs;
		if (hold) await new Promise((resolve) => setTimeout(resolve, hold));
		return send(state, ctx);
	} finally {
		world.inFlight -= 1;
	}
}

export function messagingRoutes(state) {
	messagingState(state);
	return [['POST', '/:id/messages', (ctx) => heldSend(state, ctx)]];
}

/** Resets the Send API world (tests): windows, comments, holds. */
export function resetMessaging(state) {
	delete state.messaging;
	messagingState(state);
}
