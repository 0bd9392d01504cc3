// Send API (/{page-id}/messages, /me/messages), Attachment Upload API (/me/message_attachments)
// and user profiles, with Meta's validation, error codes and a Business Use Case rate limit.
import { randomBytes } from 'node:crypto';
import { authorize, fail, GraphFailure } from './core.mjs';
import { json } from '../lib/server.mjs';

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'UTILITY'];
const LIVE_TAGS = ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK'];
const RETIRED_TAGS = ['CONFIRMED_EVENT_UPDATE', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE'];
const ATTACHMENT_TYPES = ['audio', 'file', 'image', 'template', 'video'];
const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen', 'react', 'unreact'];
const DAY = 86400_000;

/**
 * Send API kinds of 2026 the emulator knows: a persona of the fixture Page, the sticker IDs of
 * the Sticker API (June 2026), the Page posts and comments that take one private reply each, and
 * the Pages approved for Customer Matching (none by default: pages_messaging_phone_number is a
 * closed beta). Tests may add to them through `sendKinds(state)`.
 */
export const SEND_KINDS = {
	personaId: '1700000000000001',
	stickerId: '767226160478561',
	postId: '1000000000000001_2000000000000001',
	commentId: '2000000000000001_3000000000000001',
	instantFormId: '3300000000000001',
};

export function sendKinds(state) {
	state.sendKinds ??= {
		personas: new Set([SEND_KINDS.personaId]),
		stickers: new Set([SEND_KINDS.stickerId]),
		privateReplyTargets: new Set([SEND_KINDS.postId, SEND_KINDS.commentId]),
		replied: new Set(),
		phoneMatchingPages: new Set(),
		// Lead Ads instant forms eligible for Messenger (in-thread); others fail with 2018382.
		instantForms: new Set([SEND_KINDS.instantFormId]),
	};
	return state.sendKinds;
}

export function resetSendKinds(state) {
	delete state.sendKinds;
}

const param = (name, message) =>
	fail(400, 100, `(#100) ${message ?? `The parameter ${name} is required`}`, {
		type: 'OAuthException',
	});

/** Body fields arrive as JSON, or as form fields whose objects are JSON strings. */
function field(body, name) {
	const value = body?.[name];
	if (typeof value === 'string' && /^[[{]/.test(value.trim())) {
		try {
			return JSON.parse(value);
		} catch {
			param(name, `Param ${name} must be a JSON object`);
		}
	}
	return value;
}

/** The Page a page token acts for; `me` or the page id in the path must be that Page. */
export function pageOf(ctx, state) {
	const identity = authorize(ctx, state, ['page']);
	const target = ctx.params.id;
	if (target !== 'me' && target !== identity.id) {
		fail(400, 200, '(#200) The page access token used does not belong to the page in the path', {
			type: 'OAuthException',
		});
	}
	return state.pages.find((p) => p.id === identity.id);
}

function checkQuickReplies(quickReplies) {
	if (!Array.isArray(quickReplies))
		param('message[quick_replies]', 'Param message[quick_replies] must be an array');
	if (quickReplies.length > 13)
		param('', 'Param message[quick_replies] must contain at most 13 quick replies');
	for (const reply of quickReplies) {
		const type = reply.content_type ?? 'text';
		if (!['text', 'user_phone_number', 'user_email'].includes(type))
			param(
				'',
				`Param message[quick_replies][content_type] must be one of {text, user_phone_number, user_email}`,
			);
		if (type === 'text') {
			if (!reply.title && !reply.image_url)
				param('', 'Param message[quick_replies][title] is required for text quick replies');
			if (String(reply.title ?? '').length > 20)
				param('', 'Length of param message[quick_replies][title] must be less than or equal to 20');
			if (reply.payload === undefined || reply.payload === '')
				param('', 'Param message[quick_replies][payload] is required for text quick replies');
		}
		if (String(reply.payload ?? '').length > 1000)
			param(
				'',
				'Length of param message[quick_replies][payload] must be less than or equal to 1000',
			);
	}
}

const BUTTON_TYPES = [
	'web_url',
	'postback',
	'phone_number',
	'account_link',
	'account_unlink',
	'game_play',
];

function checkButtons(buttons, where, { max = 3, types = BUTTON_TYPES } = {}) {
	if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > max)
		param('', `Param ${where}[buttons] must contain 1 to ${max} buttons`);
	for (const button of buttons) {
		if (!types.includes(button.type)) {
			param('', `Param ${where}[buttons][type] is invalid`);
		}
		if (['web_url', 'postback', 'phone_number'].includes(button.type) && !button.title)
			param('', `Param ${where}[buttons][title] is required`);
		if (button.type === 'account_link' && !/^https:\/\//.test(String(button.url ?? '')))
			param('', `Param ${where}[buttons][url] must be an https URL for account_link buttons`);
		if (String(button.title ?? '').length > 20)
			param('', `Length of param ${where}[buttons][title] must be less than or equal to 20`);
		if (button.type === 'web_url' && !button.url)
			param('', `Param ${where}[buttons][url] is required for web_url buttons`);
		if (button.type === 'postback' && String(button.payload ?? '').length > 1000)
			param('', `Length of param ${where}[buttons][payload] must be less than or equal to 1000`);
	}
}

function checkTemplate(state, payload) {
	if (payload.template_type === 'generic') {
		const elements = payload.elements;
		if (!Array.isArray(elements) || elements.length === 0)
			param('', 'Param message[attachment][payload][elements] must be a non-empty array');
		if (elements.length > 10)
			param('', 'Param message[attachment][payload][elements] must contain at most 10 elements');
		for (const element of elements) {
			if (!element.title)
				param('', 'Param message[attachment][payload][elements][title] is required');
			if (element.title.length > 80)
				param(
					'',
					'Length of param message[attachment][payload][elements][title] must be less than or equal to 80',
				);
			if (String(element.subtitle ?? '').length > 80)
				param(
					'',
					'Length of param message[attachment][payload][elements][subtitle] must be less than or equal to 80',
				);
			if (element.buttons !== undefined)
				checkButtons(element.buttons, 'message[attachment][payload][elements]');
		}
	} else if (payload.template_type === 'button') {
		if (!payload.text) param('', 'Param message[attachment][payload][text] is required');
		if (payload.text.length > 640)
			param(
				'',
				'Length of param message[attachment][payload][text] must be less than or equal to 640',
			);
		checkButtons(payload.buttons, 'message[attachment][payload]');
	} else if (payload.template_type === 'media') {
		checkMediaTemplate(payload);
	} else if (payload.template_type === 'receipt') {
		checkReceiptTemplate(payload);
	} else if (payload.template_type === 'image_grid') {
		checkImageGridTemplate(payload);
	} else if (payload.template_type === 'product') {
		checkProductTemplate(payload);
	} else if (payload.template_type === 'customer_feedback') {
		checkCustomerFeedbackTemplate(payload);
	} else if (payload.template_type === 'coupon') {
		checkCouponTemplate(payload);
	} else if (payload.template_type === 'customer_information') {
		checkCustomerInformationTemplate(payload);
	} else if (payload.template_type === 'instant_form') {
		checkInstantFormTemplate(state, payload);
	} else {
		// list and open_graph were removed with v4.0 and fail like any unknown type.
		param('', 'Param message[attachment][payload][template_type] is invalid');
	}
}

const P = 'message[attachment][payload]';

/** Media template: 1 element, image|video, attachment_id or a Facebook URL, at most 1 button. */
function checkMediaTemplate(payload) {
	const elements = payload.elements;
	if (!Array.isArray(elements) || elements.length !== 1)
		param('', `Param ${P}[elements] must contain exactly 1 element`);
	const [element] = elements;
	if (!['image', 'video'].includes(element.media_type))
		param('', `Param ${P}[elements][media_type] must be one of {image, video}`);
	const hasId = element.attachment_id !== undefined;
	const hasUrl = element.url !== undefined;
	if (hasId === hasUrl)
		param('', `Exactly one of ${P}[elements][attachment_id] or [url] must be provided`);
	if (hasUrl && !/^https:\/\/([a-z0-9-]+\.)*(facebook|fb)\.com\//i.test(element.url))
		param('', `Param ${P}[elements][url] must be a Facebook URL`);
	if (element.buttons !== undefined) checkButtons(element.buttons, `${P}[elements]`, { max: 1 });
}

/** Receipt template: required recipient_name, order_number, currency, payment_method, summary.total_cost. */
function checkReceiptTemplate(payload) {
	for (const name of ['recipient_name', 'order_number', 'currency', 'payment_method'])
		if (payload[name] === undefined || payload[name] === '') param(`${P}[${name}]`);
	if (payload.summary?.total_cost === undefined) param(`${P}[summary][total_cost]`);
	if (payload.elements !== undefined) {
		if (!Array.isArray(payload.elements) || payload.elements.length > 100)
			param('', `Param ${P}[elements] must contain at most 100 elements`);
		for (const element of payload.elements) {
			if (!element.title) param(`${P}[elements][title]`);
			if (element.price === undefined) param(`${P}[elements][price]`);
		}
	}
}

/** Product template: 1–10 elements, each the id of a product of the Page's catalog. */
function checkProductTemplate(payload) {
	const elements = payload.elements;
	if (!Array.isArray(elements) || elements.length < 1 || elements.length > 10)
		param('', `Param ${P}[elements] must contain 1 to 10 elements`);
	for (const element of elements) if (!element?.id) param(`${P}[elements][id]`);
}

/**
 * Customer feedback template: title, subtitle, button_title, feedback_screens of one question
 * (csat|nps|ces, score options as Meta lists them), free_form follow_up, business_privacy.url.
 */
function checkCustomerFeedbackTemplate(payload) {
	for (const name of ['title', 'subtitle', 'button_title'])
		if (!payload[name]) param(`${P}[${name}]`);
	const screens = payload.feedback_screens;
	if (!Array.isArray(screens) || !screens.length) param(`${P}[feedback_screens]`);
	const options = {
		csat: ['one_to_five', 'five_stars', 'five_emojis'],
		nps: ['zero_to_ten'],
		ces: ['one_to_seven'],
	};
	for (const screen of screens) {
		if (!Array.isArray(screen?.questions) || screen.questions.length !== 1)
			param('', `Param ${P}[feedback_screens][questions] must contain exactly 1 question`);
		const [question] = screen.questions;
		if (!['csat', 'nps', 'ces'].includes(question.type))
			param('', `Param ${P}[feedback_screens][questions][type] must be one of {csat, nps, ces}`);
		const allowed = options[question.type];
		if (allowed && question.score_option !== undefined && !allowed.includes(question.score_option))
			param('', `Param ${P}[feedback_screens][questions][score_option] is invalid`);
		if (question.follow_up !== undefined && question.follow_up?.type !== 'free_form')
			param('', `Param ${P}[feedback_screens][questions][follow_up][type] must be free_form`);
	}
	if (!payload.business_privacy?.url) param(`${P}[business_privacy][url]`);
}

/**
 * Coupon template: title (80), subtitle (80), coupon_code (no spaces) or coupon_url required.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/coupon
 */
function checkCouponTemplate(payload) {
	if (!payload.title) param(`${P}[title]`);
	for (const name of ['title', 'subtitle'])
		if (String(payload[name] ?? '').length > 80)
			param('', `Length of param ${P}[${name}] must be less than or equal to 80`);
	if (!payload.coupon_code && !payload.coupon_url)
		param('', `Param ${P}[coupon_code] is required unless ${P}[coupon_url] is set`);
	if (payload.coupon_code !== undefined && /\s/.test(String(payload.coupon_code)))
		param('', `Param ${P}[coupon_code] can not have spaces`);
	// Limited Time Offer: Meta's one example is "2025-10-25 16:00:00".
	// @see https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/api-reference/coupon
	if (
		payload.expire_time !== undefined &&
		!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(payload.expire_time))
	)
		param('', `Param ${P}[expire_time] must be a date and time as YYYY-MM-DD HH:MM:SS`);
}

/**
 * Customer information (Structured Information) template: business_privacy.url, countries as
 * ISO codes (default all), expires_in_days up to 7 (default 1).
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/structured-information-template
 */
function checkCustomerInformationTemplate(payload) {
	if (!payload.business_privacy?.url) param(`${P}[business_privacy][url]`);
	if (payload.countries !== undefined) {
		if (!Array.isArray(payload.countries)) param('', `Param ${P}[countries] must be an array`);
		for (const country of payload.countries)
			if (!/^[A-Z]{2}$/.test(String(country)))
				param('', `Param ${P}[countries] must contain ISO 3166-1 alpha-2 country codes`);
	}
	if (payload.expires_in_days !== undefined) {
		const days = Number(payload.expires_in_days);
		if (!Number.isInteger(days) || days < 1 || days > 7)
			param('', `Param ${P}[expires_in_days] must be between 1 and 7`);
	}
}

/**
 * Instant form template: form_id of an in-thread eligible Lead Ads form; anything else fails as
 * Meta documents it (code 1, subcode 2018382).
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/instant-form-template
 */
function checkInstantFormTemplate(state, payload) {
	if (!payload.form_id) param(`${P}[form_id]`);
	if (!sendKinds(state).instantForms.has(String(payload.form_id)))
		fail(
			400,
			1,
			'(#1) The given "FORM_ID" field is incorrect, or the form is not inthread eligible.',
			{ subcode: 2018382 },
		);
}

/** Image grid template (June 2026): 1 element, 2–6 images, one hero at most, title 45, subtitle 80. */
function checkImageGridTemplate(payload) {
	const elements = payload.elements;
	if (!Array.isArray(elements) || elements.length !== 1)
		param('', `Param ${P}[elements] must contain exactly 1 element`);
	const [element] = elements;
	const images = element.images;
	if (!Array.isArray(images) || images.length < 2 || images.length > 6)
		param('', `Param ${P}[elements][images] must contain 2 to 6 images`);
	let heroes = 0;
	for (const image of images) {
		if (!image.url) param(`${P}[elements][images][url]`);
		if (image.is_hero_image === true) heroes++;
		const action = image.action;
		if (action === undefined) continue;
		if (action.type === 'web_url') {
			if (!action.url)
				param('', `Param ${P}[elements][images][action][url] is required for web_url`);
			if (action.payload !== undefined)
				param('', `Param ${P}[elements][images][action][payload] is not allowed for web_url`);
		} else if (action.type === 'postback') {
			if (!action.payload)
				param('', `Param ${P}[elements][images][action][payload] is required for postback`);
			if (action.url !== undefined)
				param('', `Param ${P}[elements][images][action][url] is not allowed for postback`);
		} else
			param('', `Param ${P}[elements][images][action][type] must be one of {web_url, postback}`);
	}
	if (heroes > 1) param('', `At most one image in ${P}[elements][images] can set is_hero_image`);
	if (String(element.title ?? '').length > 45)
		param('', `Length of param ${P}[elements][title] must be less than or equal to 45`);
	if (String(element.subtitle ?? '').length > 80)
		param('', `Length of param ${P}[elements][subtitle] must be less than or equal to 80`);
	if (element.buttons !== undefined)
		checkButtons(element.buttons, `${P}[elements]`, { types: ['web_url', 'postback'] });
}

function checkAttachment(state, page, attachment) {
	if (!ATTACHMENT_TYPES.includes(attachment?.type))
		param(
			'',
			'Param message[attachment][type] must be one of {audio, file, image, template, video}',
		);
	const payload = attachment.payload ?? {};
	if (attachment.type === 'template') return checkTemplate(state, payload);
	if (payload.attachment_id !== undefined) {
		const saved = state.attachments.get(String(payload.attachment_id));
		if (!saved || saved.pageId !== page.id)
			fail(
				400,
				100,
				'(#100) Invalid attachment_id: the attachment does not exist or belongs to another Page',
				{ subcode: 2018047 },
			);
		if (saved.type !== attachment.type)
			fail(
				400,
				100,
				`(#100) Attachment type mismatch: the saved attachment is of type ${saved.type}`,
				{ subcode: 2018047 },
			);
		return;
	}
	if (!payload.url)
		param('', 'Param message[attachment][payload][url] or [attachment_id] is required');
	if (!/^https?:\/\//.test(payload.url))
		fail(400, 100, '(#100) Failed to fetch the file from the url', { subcode: 2018008 });
}

/**
 * The recipient the request addresses: a known PSID, a user_ref, a post or comment of a private
 * reply (one each, never with a sender action), or a phone number of Customer Matching (only for
 * Pages approved for pages_messaging_phone_number).
 */
function recipientOf(state, recipient, page, senderAction) {
	if (!recipient || typeof recipient !== 'object') param('recipient');
	const keys = Object.keys(recipient).filter((k) => k !== 'name');
	if (keys.length !== 1)
		param(
			'',
			'Param recipient must contain exactly one of {id, user_ref, post_id, comment_id, phone_number}',
		);
	if (recipient.user_ref) return { userRef: String(recipient.user_ref) };
	for (const kind of ['post_id', 'comment_id']) {
		if (recipient[kind] === undefined) continue;
		const target = String(recipient[kind]);
		const kinds = sendKinds(state);
		if (senderAction !== undefined) param('', `Sender actions cannot be sent to a ${kind}`);
		if (!kinds.privateReplyTargets.has(target))
			fail(400, 100, `(#100) Invalid ${kind}: ${target} does not exist`, { subcode: 33 });
		if (kinds.replied.has(target))
			fail(
				400,
				10,
				'(#10) This post or comment is invalid for a private reply: it has one already or is more than 7 days old',
				{ subcode: 2018292 },
			);
		return { privateReply: target };
	}
	if (recipient.phone_number !== undefined) {
		if (!sendKinds(state).phoneMatchingPages.has(page.id))
			fail(
				403,
				10,
				'(#10) Sending by phone_number requires the pages_messaging_phone_number permission (Customer Matching)',
				{ type: 'OAuthException' },
			);
		if (!/^\+[1-9]\d{6,14}$/.test(String(recipient.phone_number)))
			fail(400, 100, '(#100) No matching user found', { subcode: 2018001 });
		return { phoneNumber: String(recipient.phone_number) };
	}
	if (recipient.id === undefined) param('recipient[id]');
	const profile = state.profiles.get(String(recipient.id));
	if (!profile) fail(400, 100, '(#100) No matching user found', { subcode: 2018001 });
	return { profile };
}

/** Meta's Business Use Case limit, switched on by tests through state.sendRateLimit. */
function checkRateLimit(state, page) {
	const limit = state.sendRateLimit;
	if (!limit) return undefined;
	const now = Date.now();
	limit.window ??= { start: now, count: 0 };
	if (now - limit.window.start >= limit.windowMs) limit.window = { start: now, count: 0 };
	limit.window.count += 1;
	const percent = Math.min(100, Math.round((limit.window.count / limit.limit) * 100));
	// Meta reports whole minutes; a window shorter than a minute reads as 0 ("try again soon").
	const regain =
		limit.window.count > limit.limit
			? Math.floor((limit.windowMs - (now - limit.window.start)) / 60_000)
			: 0;
	const usage = {
		[page.id]: [
			{
				type: 'messenger',
				call_count: percent,
				total_cputime: 1,
				total_time: 1,
				estimated_time_to_regain_access: regain,
			},
		],
	};
	const headers = { 'x-business-use-case-usage': JSON.stringify(usage) };
	if (limit.window.count > limit.limit) {
		limit.rejected = (limit.rejected ?? 0) + 1;
		const code = limit.code ?? 80006;
		const message =
			code === 613
				? '(#613) Calls to this api have exceeded the rate limit.'
				: '(#80006) There have been too many messenger api calls to this Page account. Wait a bit and try again.';
		const response = json(
			400,
			{
				error: {
					message,
					type: 'OAuthException',
					code,
					...(limit.subcode ? { error_subcode: limit.subcode } : {}),
					fbtrace_id: `A${randomBytes(9).toString('base64url')}`,
				},
			},
			headers,
		);
		throw new GraphFailure(response);
	}
	return headers;
}

function send(state, ctx) {
	const page = pageOf(ctx, state);
	let body = ctx.body ?? {};
	let file;
	const contentType = ctx.headers['content-type'] ?? '';
	if (contentType.startsWith('multipart/form-data')) {
		const parsed = parseMultipart(ctx.rawBody, contentType);
		if (!parsed) param('', 'Malformed multipart body');
		body = parsed.fields;
		file = parsed.files.filedata;
	}
	const recipientField = field(body, 'recipient');
	const message = field(body, 'message');
	const senderAction = body.sender_action;
	const messagingType = body.messaging_type;
	const tag = body.tag;

	if (senderAction !== undefined) {
		if (!SENDER_ACTIONS.includes(String(senderAction).toLowerCase()))
			param(
				'',
				'Param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact}',
			);
		if (message !== undefined)
			param('', 'The request should only include sender_action and the recipient object');
	} else {
		if (messagingType === undefined) param('messaging_type');
		if (!MESSAGING_TYPES.includes(messagingType))
			param('', 'Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG, UTILITY}');
		if (!message || typeof message !== 'object') param('message');
		const hasText = message.text !== undefined;
		const hasAttachment = message.attachment !== undefined;
		const hasSticker = message.sticker_id !== undefined;
		if ([hasText, hasAttachment, hasSticker].filter(Boolean).length !== 1)
			param(
				'',
				'Exactly one of message[text], message[attachment] or message[sticker_id] must be provided',
			);
		if (hasSticker && !sendKinds(state).stickers.has(String(message.sticker_id)))
			fail(400, 100, `(#100) Invalid sticker_id: ${String(message.sticker_id)}`, {
				subcode: 2018027,
			});
		if (hasText && (typeof message.text !== 'string' || message.text.length === 0))
			param('', 'Param message[text] must be a non-empty UTF-8 encoded string');
		if (hasText && message.text.length > 2000)
			param('', 'Length of param message[text] must be less than or equal to 2000');
		if (hasAttachment && file) {
			if (!['audio', 'file', 'image', 'video'].includes(message.attachment.type))
				param('', 'Param message[attachment][type] must be one of {audio, file, image, video}');
			if (file.data.length > 25 * 1024 * 1024)
				fail(400, 100, '(#100) Attachment size exceeds allowable limit', { subcode: 2018109 });
		} else if (hasAttachment) checkAttachment(state, page, message.attachment);
		if (message.quick_replies !== undefined) checkQuickReplies(message.quick_replies);
		if (message.metadata !== undefined && String(message.metadata).length > 1000)
			param('', 'Length of param message[metadata] must be less than or equal to 1000');
		if (messagingType === 'MESSAGE_TAG') {
			if (tag === undefined)
				param('tag', 'The parameter tag is required when messaging_type is MESSAGE_TAG');
			if (RETIRED_TAGS.includes(tag))
				param(
					'',
					`Param tag ${tag} is no longer supported. Use HUMAN_AGENT, CUSTOMER_FEEDBACK or utility messages.`,
				);
			if (!LIVE_TAGS.includes(tag))
				param('', 'Param tag must be one of {HUMAN_AGENT, CUSTOMER_FEEDBACK}');
		}
	}
	if (
		body.notification_type !== undefined &&
		!['REGULAR', 'SILENT_PUSH', 'NO_PUSH'].includes(body.notification_type)
	) {
		param('', 'Param notification_type must be one of {REGULAR, SILENT_PUSH, NO_PUSH}');
	}

	if (body.persona_id !== undefined && !sendKinds(state).personas.has(String(body.persona_id)))
		fail(
			400,
			100,
			`(#100) Invalid persona_id: ${String(body.persona_id)} is not a persona of this Page`,
		);
	const { profile, userRef, privateReply, phoneNumber } = recipientOf(
		state,
		recipientField,
		page,
		senderAction,
	);
	const usageHeaders = checkRateLimit(state, page);
	if (profile?.blockedPage)
		fail(400, 551, "This person isn't available right now.", { subcode: 1545041 });
	if (profile && senderAction === undefined && profile.lastMessageAt !== undefined) {
		const age = Date.now() - profile.lastMessageAt;
		const allowed =
			age < DAY || (messagingType === 'MESSAGE_TAG' && tag === 'HUMAN_AGENT' && age < 7 * DAY);
		if (!allowed)
			fail(
				400,
				10,
				'(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
				{ subcode: 2018278, type: 'OAuthException' },
			);
	}

	const recipientId = profile?.id;
	const messageId = `m_${randomBytes(24).toString('base64url')}`;
	if (privateReply) sendKinds(state).replied.add(privateReply);
	state.sent.push({
		pageId: page.id,
		recipientId,
		userRef,
		privateReply,
		phoneNumber,
		personaId: body.persona_id,
		messageId,
		messagingType,
		tag,
		notificationType: body.notification_type,
		senderAction,
		message,
		file: file
			? { filename: file.filename, contentType: file.contentType, bytes: file.data.length }
			: undefined,
		at: Date.now(),
	});
	if (senderAction !== undefined) return json(200, { recipient_id: recipientId }, usageHeaders);
	const answer = { ...(recipientId ? { recipient_id: recipientId } : {}), message_id: messageId };
	const payload = message.attachment?.payload;
	if (
		payload &&
		(payload.is_reusable === true || payload.is_reusable === 'true') &&
		(payload.url || file)
	) {
		answer.attachment_id = saveAttachment(
			state,
			page,
			message.attachment.type,
			payload.url ?? `upload:${file.filename}`,
			file?.data.length,
		);
	}
	return json(200, answer, usageHeaders);
}

function saveAttachment(state, page, type, source, bytes) {
	const id = String(1000000000000000n + BigInt(state.attachments.size + 1));
	state.attachments.set(id, { id, pageId: page.id, type, source, bytes });
	return id;
}

/** multipart/form-data → {fields: {name: string}, files: {name: {filename, contentType, data}}}. */
export function parseMultipart(raw, contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) return null;
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const fields = {};
	const files = {};
	let start = raw.indexOf(boundary);
	while (start !== -1) {
		const next = raw.indexOf(boundary, start + boundary.length);
		if (next === -1) break;
		const part = raw.subarray(start + boundary.length + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, split).toString('utf8');
		const data = part.subarray(split + 4);
		const name = /name="([^"]*)"/i.exec(head)?.[1];
		const filename = /filename="([^"]*)"/i.exec(head)?.[1];
		const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
		if (name !== undefined) {
			if (filename !== undefined) files[name] = { filename, contentType: type, data };
			else fields[name] = data.toString('utf8');
		}
		start = next;
	}
	return { fields, files };
}

function upload(state, ctx) {
	const type = ctx.headers['content-type'] ?? '';
	let body = ctx.body ?? {};
	let file;
	if (type.startsWith('multipart/form-data')) {
		const parsed = parseMultipart(ctx.rawBody, type);
		if (!parsed) param('', 'Malformed multipart body');
		body = parsed.fields;
		file = parsed.files.filedata;
		if (!file) param('filedata');
	}
	const page = pageOf({ ...ctx, body: { ...body, ...ctx.body } }, state);
	const message = field(body, 'message');
	const attachment = message?.attachment;
	if (!attachment) param('message[attachment]');
	if (!['audio', 'file', 'image', 'video'].includes(attachment.type))
		param('', 'Param message[attachment][type] must be one of {audio, file, image, video}');
	const payload = attachment.payload ?? {};
	if (payload.is_reusable !== true && payload.is_reusable !== 'true')
		param('', 'Param message[attachment][payload][is_reusable] must be true');
	if (file) {
		if (file.data.length > 25 * 1024 * 1024)
			fail(400, 100, '(#100) Attachment size exceeds allowable limit', { subcode: 2018109 });
		if (file.data.length === 0) param('', 'The uploaded file is empty');
		return json(200, {
			attachment_id: saveAttachment(
				state,
				page,
				attachment.type,
				`upload:${file.filename}`,
				file.data.length,
			),
		});
	}
	if (!payload.url) param('message[attachment][payload][url]');
	if (!/^https?:\/\//.test(payload.url))
		fail(400, 100, '(#100) Failed to fetch the file from the url', { subcode: 2018008 });
	return json(200, { attachment_id: saveAttachment(state, page, attachment.type, payload.url) });
}

const PROFILE_FIELDS = [
	'id',
	'first_name',
	'last_name',
	'name',
	'profile_pic',
	'locale',
	'timezone',
	'gender',
];

/** GET /{psid}: the profile fields a Page may read (default first_name, last_name, profile_pic). */
export function profileResponse(state, ctx, profile) {
	authorize(ctx, state, ['page']);
	const fields = String(ctx.query.fields ?? 'first_name,last_name,profile_pic')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	for (const name of fields) {
		if (!PROFILE_FIELDS.includes(name))
			fail(400, 100, `(#100) Tried accessing nonexisting field (${name}) on node type (User)`, {
				type: 'GraphMethodException',
			});
	}
	const out = { id: profile.id };
	for (const name of fields) if (profile[name] !== undefined) out[name] = profile[name];
	return json(200, out);
}

/**
 * A Send API call held `state.sendHoldMs` before it is answered, counting the sends in flight:
 * `state.maxSendsInFlight` is the most that were open at once (how concurrent the client was).
 */
async function heldSend(state, ctx) {
	state.sendsInFlight += 1;
	state.maxSendsInFlight = Math.max(state.maxSendsInFlight, state.sendsInFlight);
	try {
		if (state.sendHoldMs) await new Promise((resolve) => setTimeout(resolve, state.sendHoldMs));
		return send(state, ctx);
	} finally {
		state.sendsInFlight -= 1;
	}
}

export function messagingRoutes(state) {
	return [
		['POST', '/:id/messages', (ctx) => heldSend(state, ctx)],
		['POST', '/:id/message_attachments', (ctx) => upload(state, ctx)],
	];
}
