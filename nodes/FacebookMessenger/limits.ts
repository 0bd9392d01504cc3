/**
 * Meta's Send API limits, checked before any request so that a mistake costs no call and the
 * message says what to change. Each check returns the problem, or undefined when fine.
 * Text < 2000, ≤ 13 quick replies, titles 20, payloads 1000, generic ≤ 10 elements, ≤ 3
 * buttons, button template text 640.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/send-api
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates
 */
export const LIMITS = {
	text: 2000,
	quickReplies: 13,
	quickReplyTitle: 20,
	payload: 1000,
	metadata: 1000,
	genericElements: 10,
	elementTitle: 80,
	elementSubtitle: 80,
	buttons: 3,
	buttonTitle: 20,
	buttonTemplateText: 640,
} as const;

export const LIVE_TAGS = ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK'];
export const RETIRED_TAGS = ['CONFIRMED_EVENT_UPDATE', 'ACCOUNT_UPDATE', 'POST_PURCHASE_UPDATE'];

export interface QuickReply {
	content_type: string;
	title?: string;
	payload?: string;
	image_url?: string;
}

export interface Button {
	type: string;
	title?: string;
	payload?: string;
	url?: string;
}

const length = (value: unknown) => [...String(value ?? '')].length;

/** A text message within Meta's limit (under 2000 characters), or what to change. */
export function checkText(text: string): string | undefined {
	if (!text || !text.trim()) return 'Text is empty: enter the message to send';
	if (length(text) > LIMITS.text) {
		return `Text is ${length(text)} characters; Messenger accepts at most ${LIMITS.text}. Shorten it or split it into several messages`;
	}
	return undefined;
}

/** Metadata within 1000 characters, or what to change. */
export function checkMetadata(metadata: string): string | undefined {
	if (length(metadata) > LIMITS.metadata) {
		return `Metadata is ${length(metadata)} characters; Messenger accepts at most ${LIMITS.metadata}. Shorten it`;
	}
	return undefined;
}

/** At most 13 quick replies, each with a valid type, title and payload, or what to change. */
export function checkQuickReplies(replies: QuickReply[]): string | undefined {
	if (replies.length > LIMITS.quickReplies) {
		return `${replies.length} quick replies given; Messenger shows at most ${LIMITS.quickReplies}. Remove ${replies.length - LIMITS.quickReplies}`;
	}
	for (const [index, reply] of replies.entries()) {
		const n = index + 1;
		if (reply.content_type !== 'text') continue;
		if (!reply.title) return `Quick reply ${n} has no title: text quick replies need one`;
		if (length(reply.title) > LIMITS.quickReplyTitle) {
			return `Quick reply ${n} title "${reply.title}" is ${length(reply.title)} characters; at most ${LIMITS.quickReplyTitle}. Shorten it`;
		}
		if (!reply.payload)
			return `Quick reply ${n} has no payload: text quick replies need one (it comes back in the webhook when tapped)`;
		if (length(reply.payload) > LIMITS.payload) {
			return `Quick reply ${n} payload is ${length(reply.payload)} characters; at most ${LIMITS.payload}. Shorten it`;
		}
	}
	return undefined;
}

/** 1 to 3 buttons, each with a type, a short title and the URL or payload its type needs, or what to change. */
export function checkButtons(buttons: Button[], where: string): string | undefined {
	if (buttons.length === 0) return `${where} has no buttons: add 1 to ${LIMITS.buttons}`;
	if (buttons.length > LIMITS.buttons) {
		return `${where} has ${buttons.length} buttons; Messenger accepts at most ${LIMITS.buttons}. Remove ${buttons.length - LIMITS.buttons}`;
	}
	for (const [index, button] of buttons.entries()) {
		const name = `${where}, button ${index + 1}`;
		if (!['postback', 'web_url', 'phone_number'].includes(button.type) && !button.type)
			return `${name} has no type`;
		if (!button.title) return `${name} has no title`;
		if (length(button.title) > LIMITS.buttonTitle) {
			return `${name} title "${button.title}" is ${length(button.title)} characters; at most ${LIMITS.buttonTitle}. Shorten it`;
		}
		if (button.type === 'web_url' && !/^https?:\/\//i.test(String(button.url ?? ''))) {
			return `${name} is a URL button without an http(s) URL: enter the URL to open`;
		}
		if (button.type === 'postback' || button.type === 'phone_number') {
			if (!button.payload) {
				return button.type === 'postback'
					? `${name} is a postback button without a payload: enter the payload your webhook receives`
					: `${name} is a call button without a phone number: enter it in +<country code><number> format`;
			}
			if (length(button.payload) > LIMITS.payload) {
				return `${name} payload is ${length(button.payload)} characters; at most ${LIMITS.payload}. Shorten it`;
			}
		}
	}
	return undefined;
}

/** Checks a template payload ({template_type, …}) as Meta would, generic and button in depth. */
export function checkTemplatePayload(payload: Record<string, unknown>): string | undefined {
	const type = payload.template_type;
	if (type === 'generic') {
		const elements = payload.elements;
		if (!Array.isArray(elements) || elements.length === 0)
			return 'The generic template has no elements: add 1 to 10';
		if (elements.length > LIMITS.genericElements) {
			return `The generic template has ${elements.length} elements; Messenger accepts at most ${LIMITS.genericElements}. Remove ${elements.length - LIMITS.genericElements}`;
		}
		for (const [index, raw] of elements.entries()) {
			const element = (raw ?? {}) as Record<string, unknown>;
			const name = `Element ${index + 1}`;
			if (!element.title) return `${name} has no title: every generic template element needs one`;
			if (length(element.title) > LIMITS.elementTitle) {
				return `${name} title is ${length(element.title)} characters; at most ${LIMITS.elementTitle}. Shorten it`;
			}
			if (length(element.subtitle) > LIMITS.elementSubtitle) {
				return `${name} subtitle is ${length(element.subtitle)} characters; at most ${LIMITS.elementSubtitle}. Shorten it`;
			}
			if (element.buttons !== undefined) {
				if (!Array.isArray(element.buttons)) return `${name} buttons must be a list`;
				if (element.buttons.length > 0) {
					const problem = checkButtons(element.buttons as Button[], name);
					if (problem) return problem;
				}
			}
		}
		return undefined;
	}
	if (type === 'button') {
		const text = String(payload.text ?? '');
		if (!text) return 'The button template has no text: enter the text shown above the buttons';
		if (length(text) > LIMITS.buttonTemplateText) {
			return `The button template text is ${length(text)} characters; at most ${LIMITS.buttonTemplateText}. Shorten it`;
		}
		if (!Array.isArray(payload.buttons)) return 'The button template has no buttons: add 1 to 3';
		return checkButtons(payload.buttons as Button[], 'The button template');
	}
	return `Template type "${String(type)}" is not supported here: use "generic" or "button"`;
}

/** The tag rules: only HUMAN_AGENT and CUSTOMER_FEEDBACK still work; say why the others fail. */
export function checkTag(messagingType: string, tag: string): string | undefined {
	if (messagingType !== 'MESSAGE_TAG') return undefined;
	if (!tag)
		return 'Messaging Type is "Message Tag" but no tag is set: choose Human Agent or Customer Feedback';
	if (RETIRED_TAGS.includes(tag)) {
		return `The tag ${tag} was retired by Meta on 27 April 2026 and now fails with error 100. Use HUMAN_AGENT (a person replying within 7 days), CUSTOMER_FEEDBACK, or a utility message template`;
	}
	if (!LIVE_TAGS.includes(tag)) return `Unknown tag "${tag}": use HUMAN_AGENT or CUSTOMER_FEEDBACK`;
	return undefined;
}

/**
 * A PSID (or, on the Instagram Login route, an IGSID) is a string of digits; names or emails are a
 * common mistake. `comment_id` is the comment of a private reply.
 */
export function checkRecipient(
	recipientId: string,
	type: string,
	idName: 'PSID' | 'IGSID' = 'PSID',
): string | undefined {
	if (type === 'comment_id') return checkCommentId(recipientId);
	const what = idName === 'PSID' ? 'a PSID (a page-scoped' : 'an IGSID (an Instagram-scoped';
	if (!recipientId)
		return `Recipient ID is empty: enter the ${idName} (sender.id of the incoming webhook event)`;
	if (type === 'id' && !/^\d+$/.test(recipientId)) {
		return `Recipient ID "${recipientId}" is not ${what} ID made of digits): use sender.id from the Messenger Trigger`;
	}
	return undefined;
}

/**
 * The Instagram API with Instagram Login's Send API limits (graph.instagram.com): text up to 1000
 * bytes of UTF-8, text quick replies only (up to 13), the generic template only (up to 10
 * elements, URL and postback buttons), the heart sticker, reactions, HUMAN_AGENT as the one tag.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/quick-replies
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/generic-template
 */
export const INSTAGRAM_LIMITS = {
	textBytes: 1000,
	quickReplies: 13,
	genericElements: 10,
	buttons: 3,
} as const;

export const INSTAGRAM_TAGS = ['HUMAN_AGENT'];
/** The attachment types Instagram messaging takes by URL. */
export const INSTAGRAM_ATTACHMENT_TYPES = ['audio', 'file', 'image', 'video'];
/** Instagram's generic template buttons: no call button. */
export const INSTAGRAM_BUTTON_TYPES = ['postback', 'web_url'];
/** The reaction Meta documents for the Send API (`sender_action: react`). */
export const REACTIONS = ['love'];

const bytes = (value: string) => Buffer.byteLength(value, 'utf8');

/** A text message within Instagram's 1000 bytes of UTF-8, or what to change. */
export function checkInstagramText(text: string): string | undefined {
	if (!text || !text.trim()) return 'Text is empty: enter the message to send';
	const size = bytes(text);
	if (size > INSTAGRAM_LIMITS.textBytes) {
		return `Text is ${size} bytes of UTF-8; Instagram accepts at most ${INSTAGRAM_LIMITS.textBytes} (an emoji or accented letter counts 2–4). Shorten it or split it into several messages`;
	}
	return undefined;
}

/** Instagram shows text quick replies only (no email or phone number ones), with Messenger's limits. */
export function checkInstagramQuickReplies(replies: QuickReply[]): string | undefined {
	for (const [index, reply] of replies.entries()) {
		if (reply.content_type !== 'text') {
			return `Quick reply ${index + 1} is of type ${reply.content_type}; Instagram shows text quick replies only. Use Content Type Text`;
		}
	}
	return checkQuickReplies(replies);
}

/** A template Instagram takes: the generic template, buttons of type URL or postback. */
export function checkInstagramTemplatePayload(
	payload: Record<string, unknown>,
): string | undefined {
	if (payload.template_type !== 'generic') {
		return `Template type "${String(payload.template_type)}" is not available on the Instagram Login route: Instagram takes the generic template`;
	}
	const problem = checkTemplatePayload(payload);
	if (problem) return problem.replace('Messenger accepts', 'Instagram accepts');
	for (const [index, raw] of (payload.elements as unknown[]).entries()) {
		const buttons = ((raw ?? {}) as Record<string, unknown>).buttons;
		if (!Array.isArray(buttons)) continue;
		for (const [n, button] of buttons.entries()) {
			const type = String((button as Button).type);
			if (!INSTAGRAM_BUTTON_TYPES.includes(type)) {
				return `Element ${index + 1}, button ${n + 1} is of type ${type}; Instagram takes URL (web_url) and postback buttons only`;
			}
		}
	}
	return undefined;
}

/** Instagram's one tag is HUMAN_AGENT (a person replying within 7 days). */
export function checkInstagramTag(messagingType: string, tag: string): string | undefined {
	if (messagingType !== 'MESSAGE_TAG') return undefined;
	if (!INSTAGRAM_TAGS.includes(tag)) {
		return `The tag ${tag || '(none)'} is not available on Instagram: its one tag is HUMAN_AGENT (a person replying within 7 days of the last message)`;
	}
	return undefined;
}

/** A reaction request: the message ID it reacts to and, to react, a reaction Meta takes. */
export function checkReaction(
	action: string,
	messageId: string,
	reaction: string,
): string | undefined {
	if (action !== 'react' && action !== 'unreact')
		return `Reaction Action "${action}" is not valid: use react or unreact`;
	if (!messageId)
		return 'Message ID is empty: enter the mid of the message to react to (mid of the Messenger Trigger item)';
	if (/\s/.test(messageId))
		return `Message ID "${messageId}" contains spaces: enter the mid as it came`;
	if (action === 'react' && !REACTIONS.includes(reaction)) {
		return `Reaction "${reaction}" is not one Meta takes: use ${REACTIONS.join(', ')} (shown as ❤️)`;
	}
	return undefined;
}

/** A comment ID of a private reply: digits, or Facebook's `<post>_<comment>` form. */
export function checkCommentId(commentId: string): string | undefined {
	if (!commentId)
		return 'Comment ID is empty: enter the ID of the comment to reply to privately (value.id of a comments event)';
	if (!/^\d+(_\d+)?$/.test(commentId)) {
		return `Comment ID "${commentId}" is not a comment ID (digits, or <post>_<comment> on Facebook): use the comment's id from the comments webhook`;
	}
	return undefined;
}
