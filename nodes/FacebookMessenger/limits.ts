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
	receiptElements: 100,
	imageGridImagesMin: 2,
	imageGridImagesMax: 6,
	imageGridTitle: 45,
	imageGridSubtitle: 80,
	productElements: 10,
	couponTitle: 80,
	couponSubtitle: 80,
	customerInformationExpiresInDays: 7,
} as const;

/**
 * Button types Meta's button reference lists, and the ones each template takes: Log In
 * (`account_link`, type and https url only) and Log Out (`account_unlink`, type only) have no title.
 * The image grid takes URL and postback buttons only.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/buttons
 * @see https://developers.facebook.com/docs/messenger-platform/reference/buttons/login
 * @see https://developers.facebook.com/docs/messenger-platform/reference/buttons/logout
 */
export const BUTTON_TYPES = [
	'web_url',
	'postback',
	'phone_number',
	'account_link',
	'account_unlink',
];
export const IMAGE_GRID_BUTTON_TYPES = ['web_url', 'postback'];

/**
 * Templates Meta removed: the list (vertical list) and open graph templates were deprecated with
 * Graph API v4.0 on 29 July 2019; from 15 August 2019 Messenger no longer showed vertical lists,
 * and Meta's answer to a list template said it would be removed from all versions.
 * @see https://developers.facebook.com/docs/graph-api/changelog/version4.0
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/list
 */
export const RETIRED_TEMPLATES: Record<string, string> = {
	list: 'The list template was retired by Meta (deprecated with Graph API v4.0 on 29 July 2019; Messenger stopped showing vertical lists on 15 August 2019). Use the generic template (up to 10 cards) or the button template instead',
	open_graph:
		'The open graph template was retired by Meta (deprecated with Graph API v4.0 on 29 July 2019). Send the link as text (Messenger shows a preview) or use the generic template with a URL button',
};

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

/**
 * 1 to 3 buttons, each with a type, a short title and the URL or payload its type needs, or what
 * to change. Log In (`account_link`) needs an https url and no title; Log Out (`account_unlink`)
 * needs only its type. `types` are the button types the template takes.
 */
export function checkButtons(
	buttons: Button[],
	where: string,
	types: string[] = BUTTON_TYPES,
): string | undefined {
	if (buttons.length === 0) return `${where} has no buttons: add 1 to ${LIMITS.buttons}`;
	if (buttons.length > LIMITS.buttons) {
		return `${where} has ${buttons.length} buttons; Messenger accepts at most ${LIMITS.buttons}. Remove ${buttons.length - LIMITS.buttons}`;
	}
	for (const [index, raw] of buttons.entries()) {
		const button = (raw ?? {}) as Button;
		const name = `${where}, button ${index + 1}`;
		if (!button.type) return `${name} has no type`;
		if (!types.includes(button.type)) {
			return `${name} is of type ${button.type}; here Messenger takes ${types.join(', ')}`;
		}
		if (button.type === 'account_unlink') continue;
		if (button.type === 'account_link') {
			if (!/^https:\/\//i.test(String(button.url ?? ''))) {
				return `${name} is a Log In button without an https URL: enter your login page (Meta requires HTTPS)`;
			}
			continue;
		}
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
	if (type === 'media') return checkMediaTemplate(payload);
	if (type === 'receipt') return checkReceiptTemplate(payload);
	if (type === 'image_grid') return checkImageGridTemplate(payload);
	if (type === 'product') return checkProductTemplate(payload);
	if (type === 'customer_feedback') return checkCustomerFeedbackTemplate(payload);
	if (type === 'coupon') return checkCouponTemplate(payload);
	if (type === 'customer_information') return checkCustomerInformationTemplate(payload);
	if (type === 'instant_form') return checkInstantFormTemplate(payload);
	if (RETIRED_TEMPLATES[String(type)]) return RETIRED_TEMPLATES[String(type)];
	return `Template type "${String(type)}" is not supported here: use generic, button, media, receipt, image_grid, product, customer_feedback, coupon, customer_information or instant_form`;
}

/**
 * The media template: exactly one element, media_type image or video, an attachment_id or a
 * Facebook URL (Meta takes no external URL here), at most 1 button.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/templates/media
 */
export function checkMediaTemplate(payload: Record<string, unknown>): string | undefined {
	const elements = payload.elements;
	if (!Array.isArray(elements) || elements.length !== 1)
		return 'The media template takes exactly one element (one image or video)';
	const element = (elements[0] ?? {}) as Record<string, unknown>;
	if (!['image', 'video'].includes(String(element.media_type)))
		return `Media type "${String(element.media_type ?? '')}" is not valid: the media template takes image or video (no audio)`;
	const hasId = element.attachment_id !== undefined && element.attachment_id !== '';
	const hasUrl = element.url !== undefined && element.url !== '';
	if (hasId === hasUrl)
		return 'The media template needs either an attachment ID (from Attachment → Upload) or a Facebook URL, not both';
	if (hasId && !/^\d+$/.test(String(element.attachment_id)))
		return `Attachment ID "${String(element.attachment_id)}" is not valid: use the attachmentId returned by Attachment → Upload`;
	if (hasUrl && !/^https:\/\/([a-z0-9-]+\.)*(facebook|fb)\.com\//i.test(String(element.url)))
		return `URL "${String(element.url)}" is not a Facebook URL: the media template takes only facebook.com URLs of a Page's photos or videos. Upload other files with Attachment → Upload and use the attachment ID`;
	if (element.buttons !== undefined) {
		if (!Array.isArray(element.buttons)) return 'The media template buttons must be a list';
		if (element.buttons.length > 1)
			return `The media template has ${element.buttons.length} buttons; Messenger accepts at most 1. Remove ${element.buttons.length - 1}`;
		if (element.buttons.length)
			return checkButtons(element.buttons as Button[], 'The media template');
	}
	return undefined;
}

/**
 * The receipt template: recipient_name, order_number, currency, payment_method and
 * summary.total_cost are required; at most 100 elements, each with a title and a price.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/templates/receipt
 */
export function checkReceiptTemplate(payload: Record<string, unknown>): string | undefined {
	const required: Array<[string, string]> = [
		['recipient_name', 'Recipient Name'],
		['order_number', 'Order Number'],
		['currency', 'Currency'],
		['payment_method', 'Payment Method'],
	];
	for (const [key, label] of required) {
		if (payload[key] === undefined || String(payload[key]).trim() === '')
			return `The receipt template has no ${label} (${key}): Meta requires it`;
	}
	if (!/^[A-Z]{3}$/.test(String(payload.currency)))
		return `Currency "${String(payload.currency)}" is not an ISO 4217 code: use three capital letters, e.g. USD or EUR`;
	const summary = (payload.summary ?? {}) as Record<string, unknown>;
	if (
		summary.total_cost === undefined ||
		summary.total_cost === '' ||
		!Number.isFinite(Number(summary.total_cost))
	)
		return 'The receipt template has no Total Cost (summary.total_cost): enter the order total as a number';
	const elements = payload.elements;
	if (elements !== undefined) {
		if (!Array.isArray(elements)) return 'The receipt elements must be a list';
		if (elements.length > LIMITS.receiptElements)
			return `The receipt template has ${elements.length} elements; Messenger accepts at most ${LIMITS.receiptElements}. Remove ${elements.length - LIMITS.receiptElements}`;
		for (const [index, raw] of elements.entries()) {
			const element = (raw ?? {}) as Record<string, unknown>;
			if (!element.title) return `Receipt element ${index + 1} has no title`;
			if (element.price === undefined || !Number.isFinite(Number(element.price)))
				return `Receipt element ${index + 1} has no price: enter it as a number (0 for free items)`;
		}
	}
	return undefined;
}

/**
 * The image grid template (30 June 2026): exactly one element with 2 to 6 images (url required,
 * at most one hero image, an optional web_url or postback action each), title up to 45
 * characters, subtitle up to 80, up to 3 URL or postback buttons.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/image-grid
 */
export function checkImageGridTemplate(payload: Record<string, unknown>): string | undefined {
	const elements = payload.elements;
	if (!Array.isArray(elements) || elements.length !== 1)
		return 'The image grid template takes exactly one element (the grid)';
	const element = (elements[0] ?? {}) as Record<string, unknown>;
	const images = element.images;
	const { imageGridImagesMin: min, imageGridImagesMax: max } = LIMITS;
	if (!Array.isArray(images) || images.length < min || images.length > max) {
		const count = Array.isArray(images) ? images.length : 0;
		return `The image grid has ${count} images; Messenger shows ${min} to ${max}. ${count < min ? `Add ${min - count}` : `Remove ${count - max}`}`;
	}
	let heroes = 0;
	for (const [index, raw] of images.entries()) {
		const image = (raw ?? {}) as Record<string, unknown>;
		const name = `Image ${index + 1}`;
		if (!/^https?:\/\//i.test(String(image.url ?? '')))
			return `${name} has no http(s) URL: enter the public URL of the image`;
		if (image.is_hero_image === true) heroes++;
		if (image.action !== undefined) {
			const action = (image.action ?? {}) as Record<string, unknown>;
			if (action.type === 'web_url') {
				if (!/^https?:\/\//i.test(String(action.url ?? '')))
					return `${name} opens a URL without an http(s) URL: enter the URL to open`;
				if (action.payload !== undefined)
					return `${name} is a URL action with a payload: remove the payload`;
			} else if (action.type === 'postback') {
				if (!action.payload)
					return `${name} is a postback action without a payload: enter the payload your webhook receives`;
				if (length(action.payload) > LIMITS.payload)
					return `${name} payload is ${length(action.payload)} characters; at most ${LIMITS.payload}. Shorten it`;
				if (action.url !== undefined)
					return `${name} is a postback action with a URL: remove the URL`;
			} else
				return `${name} action type "${String(action.type ?? '')}" is not valid: use web_url or postback`;
		}
	}
	if (heroes > 1)
		return `${heroes} images are hero images; at most one may be. Keep is_hero_image on one`;
	if (length(element.title) > LIMITS.imageGridTitle)
		return `The image grid title is ${length(element.title)} characters; at most ${LIMITS.imageGridTitle}. Shorten it`;
	if (length(element.subtitle) > LIMITS.imageGridSubtitle)
		return `The image grid subtitle is ${length(element.subtitle)} characters; at most ${LIMITS.imageGridSubtitle}. Shorten it`;
	if (element.buttons !== undefined) {
		if (!Array.isArray(element.buttons)) return 'The image grid buttons must be a list';
		if (element.buttons.length)
			return checkButtons(element.buttons as Button[], 'The image grid', IMAGE_GRID_BUTTON_TYPES);
	}
	return undefined;
}

/**
 * A sticker of Meta's Sticker API (1 June 2026): a numeric sticker ID from GET /sticker_packs or
 * /sticker_search, sent as message.sticker_id.
 * @see https://developers.facebook.com/docs/messenger-platform/changelog
 */
export function checkStickerId(stickerId: string): string | undefined {
	if (!stickerId)
		return 'Sticker ID is empty: enter the id of a sticker from the Sticker API (GET /sticker_search?q=…)';
	if (!/^\d+$/.test(stickerId))
		return `Sticker ID "${stickerId}" is not a sticker ID (digits): take the id from GET /sticker_packs/<pack>/stickers or /sticker_search`;
	return undefined;
}

/** A persona ID (POST /{page-id}/personas answers it): digits. */
export function checkPersonaId(personaId: string): string | undefined {
	if (!/^\d+$/.test(personaId))
		return `Persona ID "${personaId}" is not a persona ID (digits): use the id returned when the persona was created (POST /<page-id>/personas)`;
	return undefined;
}

/**
 * A phone number for Customer Matching: E.164 (+ country code and number). Meta sends to a phone
 * number only for Pages approved for pages_messaging_phone_number (closed beta, U.S.-based admin).
 * @see https://developers.facebook.com/docs/messenger-platform/identity/customer-matching
 */
export function checkPhoneNumber(phone: string): string | undefined {
	if (!/^\+[1-9]\d{6,14}$/.test(phone.replace(/[\s()-]/g, '')))
		return `Phone number "${phone}" is not in +<country code><number> format (E.164), e.g. +16505551234`;
	return undefined;
}

/** A Page post ID of a private reply: `<page>_<post>` or digits. */
export function checkPostId(postId: string): string | undefined {
	if (!/^\d+(_\d+)?$/.test(postId))
		return `Post ID "${postId}" is not a post ID (<page>_<post> or digits): use the post's id from the feed webhook`;
	return undefined;
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
	if (type === 'post_id') return checkPostId(recipientId);
	if (type === 'phone_number') return checkPhoneNumber(recipientId);
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

/**
 * The product template: 1 to 10 elements, each only the id of a product in a catalog the Page
 * owns (details come from the catalog).
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/product
 */
export function checkProductTemplate(payload: Record<string, unknown>): string | undefined {
	const elements = payload.elements;
	const count = Array.isArray(elements) ? elements.length : 0;
	if (!count) return 'The product template has no products: enter 1 to 10 product IDs';
	if (count > LIMITS.productElements)
		return `The product template has ${count} products; Messenger accepts at most ${LIMITS.productElements}. Remove ${count - LIMITS.productElements}`;
	for (const [index, raw] of (elements as unknown[]).entries()) {
		const id = ((raw ?? {}) as Record<string, unknown>).id;
		if (id === undefined || id === null || String(id).trim() === '')
			return `Product ${index + 1} has no id: enter the product ID from your catalog (Commerce Manager or the Catalog API)`;
	}
	return undefined;
}

/**
 * Score types and their score options as Meta's page lists them: CSAT one_to_five, five_stars
 * (default) or five_emojis (answers 1–5); NPS zero_to_ten (answers 0–10); CES one_to_seven
 * (answers 1–7).
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/customer-feedback-template
 */
export const FEEDBACK_SCORE_OPTIONS: Record<string, string[]> = {
	csat: ['one_to_five', 'five_stars', 'five_emojis'],
	nps: ['zero_to_ten'],
	ces: ['one_to_seven'],
};

/**
 * The customer feedback template: title, subtitle, button_title, feedback_screens (each with one
 * question of type csat, nps or ces and its score options, an optional free-form follow_up),
 * business_privacy.url and expires_in_days. Meta's page publishes no character limits for
 * the texts nor a range for the expiry, so the check stops at what it lists.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/customer-feedback-template
 */
export function checkCustomerFeedbackTemplate(
	payload: Record<string, unknown>,
): string | undefined {
	for (const [key, label] of [
		['title', 'Feedback Title'],
		['subtitle', 'Feedback Subtitle'],
		['button_title', 'Feedback Button Title'],
	] as const) {
		if (!String(payload[key] ?? '').trim())
			return `The customer feedback template has no ${label} (${key}): Meta requires it`;
	}
	const screens = payload.feedback_screens;
	if (!Array.isArray(screens) || !screens.length)
		return 'The customer feedback template has no feedback_screens: add one screen with one question';
	for (const [index, raw] of screens.entries()) {
		const questions = ((raw ?? {}) as Record<string, unknown>).questions;
		if (!Array.isArray(questions) || questions.length !== 1)
			return `Feedback screen ${index + 1} has ${Array.isArray(questions) ? questions.length : 0} questions; it takes exactly one`;
		const question = (questions[0] ?? {}) as Record<string, unknown>;
		const type = String(question.type ?? '');
		if (!(type in FEEDBACK_SCORE_OPTIONS))
			return `Question type "${type}" is not valid: use csat, nps or ces`;
		const options = FEEDBACK_SCORE_OPTIONS[type];
		if (
			options &&
			question.score_option !== undefined &&
			!options.includes(String(question.score_option))
		)
			return `Score option "${String(question.score_option)}" does not fit a ${type} question: use ${options.join(', ')} (or leave it empty for Meta's default)`;
		if (question.follow_up !== undefined) {
			const followUp = (question.follow_up ?? {}) as Record<string, unknown>;
			if (followUp.type !== 'free_form')
				return `Follow-up type "${String(followUp.type ?? '')}" is not valid: the follow-up is free_form`;
		}
	}
	const privacy = (payload.business_privacy ?? {}) as Record<string, unknown>;
	if (!/^https?:\/\//i.test(String(privacy.url ?? '')))
		return 'The customer feedback template has no privacy policy URL (business_privacy.url): enter the http(s) URL of your privacy policy';
	if (payload.expires_in_days !== undefined) {
		const days = Number(payload.expires_in_days);
		if (!Number.isInteger(days) || days < 1)
			return `Expires In Days is ${String(payload.expires_in_days)}: enter a whole number of days (1 or more)`;
	}
	return undefined;
}

/**
 * The coupon template: a title (up to 80 characters) and a coupon code (no spaces) or a coupon URL
 * (one of the two is required); optionally a subtitle (up to 80), the button title of the coupon
 * URL, a message sent before the coupon, an image and a payload that comes back in the webhook
 * when the person reveals the code. Meta presets the Reveal code button.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/coupon
 */
export function checkCouponTemplate(payload: Record<string, unknown>): string | undefined {
	const text = (key: string) => String(payload[key] ?? '').trim();
	if (!text('title'))
		return 'The coupon template has no Coupon Title (title): Meta requires it (e.g. "10% off everything")';
	if (length(payload.title) > LIMITS.couponTitle)
		return `The coupon title is ${length(payload.title)} characters; at most ${LIMITS.couponTitle}. Shorten it`;
	if (length(payload.subtitle) > LIMITS.couponSubtitle)
		return `The coupon subtitle is ${length(payload.subtitle)} characters; at most ${LIMITS.couponSubtitle}. Shorten it`;
	if (!text('coupon_code') && !text('coupon_url'))
		return 'The coupon template has neither a Coupon Code (coupon_code) nor a Coupon URL (coupon_url): Meta requires one of them';
	if (payload.coupon_code !== undefined && /\s/.test(String(payload.coupon_code)))
		return `Coupon code "${String(payload.coupon_code)}" contains spaces: Meta takes coupon codes without spaces`;
	if (text('coupon_url') && !/^https?:\/\//i.test(text('coupon_url')))
		return `Coupon URL "${text('coupon_url')}" is not an http(s) URL: enter the page where the coupon is used`;
	if (text('image_url') && !/^https?:\/\//i.test(text('image_url')))
		return `Coupon image URL "${text('image_url')}" is not an http(s) URL: enter the public URL of the image`;
	if (payload.expire_time !== undefined && !COUPON_EXPIRE_TIME.test(String(payload.expire_time)))
		return `Coupon expire time "${String(payload.expire_time)}" is not in Meta's form YYYY-MM-DD HH:MM:SS (e.g. 2026-12-31 23:59:59)`;
	return undefined;
}

/**
 * The coupon's Limited Time Offer: with `expire_time` Messenger shows a running timer, and once the
 * time has passed it shows the expired state (no code button, only the URL button if any). Meta's
 * only example is "2025-10-25 16:00:00"; it names no time zone, so the node sends the text as given.
 * @see https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/api-reference/coupon
 */
export const COUPON_EXPIRE_TIME =
	/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/**
 * The customer information (Structured Information) template: a form in the thread that asks for
 * the person's contact and shipping details; the answers arrive as the
 * `messaging_customer_information` webhook. `countries` lists the ISO country codes the business
 * may collect addresses for (Meta's default: all), `business_privacy.url` is the business' privacy
 * policy, `expires_in_days` is 1 to 7 (Meta's default: 1).
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/structured-information-template
 */
export function checkCustomerInformationTemplate(
	payload: Record<string, unknown>,
): string | undefined {
	const privacy = (payload.business_privacy ?? {}) as Record<string, unknown>;
	if (!/^https?:\/\//i.test(String(privacy.url ?? '').trim()))
		return 'The customer information template has no privacy policy URL (business_privacy.url): enter the http(s) URL of your privacy policy';
	if (payload.countries !== undefined) {
		if (!Array.isArray(payload.countries))
			return 'Countries (countries) must be a list of two-letter country codes, e.g. ["US", "CA"]';
		for (const country of payload.countries)
			if (!/^[A-Z]{2}$/.test(String(country)))
				return `Country "${String(country)}" is not a two-letter ISO 3166 country code in capitals (e.g. US, DE)`;
	}
	if (payload.expires_in_days !== undefined) {
		const days = Number(payload.expires_in_days);
		if (!Number.isInteger(days) || days < 1 || days > LIMITS.customerInformationExpiresInDays)
			return `Expires In Days is ${String(payload.expires_in_days)}: the customer information form stays open 1 to ${LIMITS.customerInformationExpiresInDays} days`;
	}
	return undefined;
}

/**
 * The instant form template: a Lead Ads instant form in the thread, by its ID; the answers arrive as
 * the `messaging_in_thread_lead_form_submit` webhook. Meta marks it "in development". The form must
 * be eligible (only CUSTOM, EMAIL, FIRST_NAME, FULL_NAME, LAST_NAME and PHONE questions, created
 * with block_display_for_non_targeted_viewer false); Meta answers error 2018382 otherwise.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/instant-form-template
 */
export function checkInstantFormTemplate(payload: Record<string, unknown>): string | undefined {
	const id = String(payload.form_id ?? '').trim();
	if (!id)
		return 'The instant form template has no Form ID (form_id): enter the ID of an eligible Lead Ads instant form';
	if (!/^\d+$/.test(id))
		return `Form ID "${id}" is not valid: a form ID is the number Meta gives the instant form (Ads Manager or GET /{page-id}/leadgen_forms)`;
	return undefined;
}
