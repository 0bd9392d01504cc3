import type { IDataObject } from 'n8n-workflow';

import type { AttachmentInput, Customer } from './bodies';

/**
 * Pure reading of a Messenger Trigger item (Facebook or Instagram) as the customer's message, for
 * Send Inbound Message's "Message From: Messenger Trigger Event": no expression needed for the
 * common path, and attachments and choices mapped the same way every time.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
 * @see https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_postbacks
 */

/** The Messenger Trigger item's fields this mode reads (the trigger's normalized event). */
export interface TriggerEvent {
	eventType?: unknown;
	senderId?: unknown;
	timestamp?: unknown;
	mid?: unknown;
	text?: unknown;
	payload?: unknown;
	attachments?: unknown;
	event?: unknown;
}

/** What the event becomes: a text-and-attachments message or a button response. */
export type EventMessage =
	| {
			kind: 'text';
			customerId: string;
			messageId: string;
			time?: string;
			text: string;
			attachments: AttachmentInput[];
	  }
	| {
			kind: 'buttonResponse';
			customerId: string;
			messageId: string;
			time?: string;
			text: string;
			payload: string;
			originatingMessageId: string;
	  };

const asObject = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
const asText = (value: unknown): string =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** Whether an item is a Messenger Trigger event (and not, say, a profile looked up after it). */
export function isTriggerEvent(json: IDataObject | undefined): boolean {
	return (
		!!json && typeof json.eventType === 'string' && 'senderId' in json && !!asObject(json.event)
	);
}

/**
 * Meta's attachment types that are not Genesys media types (Instagram shares, reels, story
 * mentions, Messenger fallbacks) go without a media type: the node then takes it from the
 * MIME type or URL, else File.
 */
const MEDIA_TYPES_BY_META_TYPE: Record<string, string> = {
	image: 'Image',
	video: 'Video',
	audio: 'Audio',
	file: 'File',
};

/** Meta's attachments that carry a URL (templates and locations have none and are left out). */
export function eventAttachments(value: unknown): AttachmentInput[] {
	if (!Array.isArray(value)) return [];
	const attachments: AttachmentInput[] = [];
	for (const entry of value) {
		const item = asObject(entry);
		const url = asText(asObject(item?.payload)?.url).trim();
		if (!item || !url) continue;
		attachments.push({
			url,
			mediaType: MEDIA_TYPES_BY_META_TYPE[asText(item.type).toLowerCase()] ?? '',
			filename: asText(item.name ?? asObject(item.payload)?.name),
		});
	}
	return attachments;
}

/**
 * A choice the bridge's Genesys → Messenger examples offered: its payload is
 * `<agent message id>|<payload>`, so the tap can go back to Genesys as a response to that
 * agent message. Other payloads are the customer's own text.
 */
export function choiceOf(
	payload: string,
): { originatingMessageId: string; payload: string } | undefined {
	const bar = payload.indexOf('|');
	if (bar <= 0 || bar === payload.length - 1) return undefined;
	return { originatingMessageId: payload.slice(0, bar), payload: payload.slice(bar + 1) };
}

/** Why an item cannot be read as the customer's message, or undefined. */
export function eventProblem(json: IDataObject | undefined): string | undefined {
	if (!isTriggerEvent(json))
		return 'Message From is Messenger Trigger Event, but this item is not one: connect the node after a Messenger Trigger (nodes in between must keep the item pairing), or set Message From to Fields Below';
	const event = json as TriggerEvent;
	if (event.eventType !== 'message' && event.eventType !== 'postback')
		return `The Messenger Trigger event is a ${asText(event.eventType)} event, not a customer’s message or postback: pick only Message and Postback in the trigger, or filter on eventType`;
	if (!asText(event.senderId)) return 'The Messenger Trigger event has no senderId';
	if (!asText(event.mid))
		return 'The Messenger Trigger event has no message ID (mid), which the node sends as the message’s ID';
	return undefined;
}

/**
 * The customer's message of a Messenger Trigger message or postback event: sender as customer,
 * mid as message ID, timestamp as time, text, attachments with a URL; a choice whose payload is
 * `<agent message id>|<payload>` as a button response, any other postback as its title.
 */
export function messageOfEvent(json: IDataObject): EventMessage {
	const event = json as TriggerEvent;
	const common = {
		customerId: asText(event.senderId),
		messageId: asText(event.mid),
		time: asText(event.timestamp) || undefined,
	};
	const payload = asText(event.payload);
	const title = asText(asObject(asObject(event.event)?.postback)?.title);
	const text = asText(event.text) || title;
	const choice = payload ? choiceOf(payload) : undefined;
	if (choice) return { kind: 'buttonResponse', ...common, text: text || choice.payload, ...choice };
	return {
		kind: 'text',
		...common,
		text: text || payload,
		attachments: eventAttachments(event.attachments),
	};
}

/**
 * The identity a profile lookup between the trigger and this node put on the item: Messenger's
 * first_name, last_name and profile_pic; Instagram's name and username (as the agent's display
 * name). Fields entered in Customer Details take precedence.
 * @see https://developers.facebook.com/docs/messenger-platform/identity/user-profile
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/user-profile
 */
export function profileIdentity(json: IDataObject | undefined): Partial<Customer> {
	if (!json || isTriggerEvent(json)) return {};
	const field = (name: string) => asText(json[name]).trim() || undefined;
	const image = field('profile_pic');
	return {
		firstName: field('first_name') ?? field('name') ?? field('username'),
		lastName: field('last_name'),
		nickname: field('username'),
		image: image && /^https?:\/\//.test(image) ? image : undefined,
	};
}
