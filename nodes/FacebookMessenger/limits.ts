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

/** A PSID is a string of digits; names or emails are a common mistake. */
export function checkRecipient(recipientId: string, type: string): string | undefined {
	if (!recipientId)
		return 'Recipient ID is empty: enter the PSID (sender.id of the incoming webhook event)';
	if (type === 'id' && !/^\d+$/.test(recipientId)) {
		return `Recipient ID "${recipientId}" is not a PSID (a page-scoped ID made of digits): use sender.id from the Messenger Trigger`;
	}
	return undefined;
}
