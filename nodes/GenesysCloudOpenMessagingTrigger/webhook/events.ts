import type { IDataObject } from 'n8n-workflow';

/**
 * Genesys Cloud's Open Messaging outbound notifications (the "Outbound Open NormalizedMessage
 * format") and the one item per message or event this trigger emits for each.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/outboundMessages
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/normalizedmsgformat
 */

/** The message types Genesys sends to the outbound webhook; the filter's values. */
export const MESSAGE_TYPES = ['Event', 'Receipt', 'Structured', 'Text'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface Attachment extends IDataObject {
	mediaType: string | null;
	url: string | null;
	mime: string | null;
	filename: string | null;
}

export interface Choice extends IDataObject {
	text: string | null;
	payload: string | null;
}

/** One output item: what a bridge needs to relay it, and the notification untouched. */
export interface OpenMessagingItem extends IDataObject {
	/** Text | Structured | Receipt | Event, as Genesys sends (another value passes through). */
	type: string;
	/** For Event items: Typing, … (one item per entry of `events`); null otherwise. */
	eventType: string | null;
	/** Genesys' message id; a receipt carries the id of the message it is about. */
	messageId: string | null;
	conversationId: string | null;
	/** The Open integration (channel.id). */
	integrationId: string | null;
	/** The customer: channel.to.id, the id the bridge posted the customer's messages with. */
	recipientId: string | null;
	recipientIdType: string | null;
	text: string | null;
	attachments: Attachment[];
	quickReplies: Choice[];
	buttons: Choice[];
	/** Receipts: Sent, Delivered, Read, Failed, Published, Removed. */
	status: string | null;
	/** Failed receipts: [{code, message}]. */
	reasons: IDataObject[];
	/** channel.time: when it happened. */
	timestamp: string | null;
	/** Human or Bot. */
	originatingEntity: string | null;
	/** The entry of `events` this item is about (Event items), e.g. {eventType, typing}. */
	event: IDataObject | null;
	/** The notification as Genesys sent it. */
	message: IDataObject;
}

export type Envelope = { ok: true; message: IDataObject } | { ok: false; reason: string };

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

const str = (value: unknown): string | null =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

const objects = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? value.filter(isObject) : [];

/**
 * The notification in `rawBody` (or what n8n parsed from those same bytes), checked for the
 * fields every outbound notification has: an object with `type`, `id` and `channel`. Anything
 * else is refused (the caller answers 400, which Genesys does not retry).
 */
export function parseNotification(rawBody: Buffer, parsedBody?: unknown): Envelope {
	let body = parsedBody;
	if (body === undefined) {
		try {
			body = JSON.parse(rawBody.toString('utf8')) as unknown;
		} catch {
			return { ok: false, reason: 'body is not JSON' };
		}
	}
	if (!isObject(body)) return { ok: false, reason: 'body is not a JSON object' };
	if (typeof body.type !== 'string' || !body.type) return { ok: false, reason: 'no message type' };
	if (typeof body.id !== 'string' || !body.id) return { ok: false, reason: 'no message id' };
	if (!isObject(body.channel)) return { ok: false, reason: 'no channel' };
	return { ok: true, message: body };
}

function attachmentOf(attachment: IDataObject): Attachment {
	return {
		mediaType: str(attachment.mediaType),
		url: str(attachment.url),
		mime: str(attachment.mime),
		filename: str(attachment.filename),
		...(attachment.text !== undefined ? { text: str(attachment.text) } : {}),
	};
}

/** A card's actions as buttons: a postback has a payload, a link a URL. */
function buttonsOf(card: IDataObject): Choice[] {
	return objects(card.actions).map((action) => ({
		text: str(action.text),
		payload: str(action.payload),
		...(action.type !== undefined ? { type: str(action.type) } : {}),
		...(action.url !== undefined ? { url: str(action.url) } : {}),
	}));
}

/** Attachments, quick replies and buttons of a message's `content` list. */
function contentOf(message: IDataObject) {
	const attachments: Attachment[] = [];
	const quickReplies: Choice[] = [];
	const buttons: Choice[] = [];
	for (const content of objects(message.content)) {
		if (isObject(content.attachment)) attachments.push(attachmentOf(content.attachment));
		if (isObject(content.quickReply))
			quickReplies.push({
				text: str(content.quickReply.text),
				payload: str(content.quickReply.payload),
			});
		if (isObject(content.buttonResponse))
			buttons.push({
				text: str(content.buttonResponse.text),
				payload: str(content.buttonResponse.payload),
			});
		if (isObject(content.card)) buttons.push(...buttonsOf(content.card));
		if (isObject(content.carousel))
			for (const card of objects(content.carousel.cards)) buttons.push(...buttonsOf(card));
		const template = content.template;
		if (isObject(template) && isObject(template.header) && isObject(template.header.media))
			attachments.push(attachmentOf(template.header.media));
	}
	return { attachments, quickReplies, buttons };
}

/**
 * One item per notification, or per entry of `events` for an Event notification (a typing
 * indicator is one event). The notification itself is kept whole in `message`.
 */
export function normalise(message: IDataObject): OpenMessagingItem[] {
	const channel = isObject(message.channel) ? message.channel : {};
	const to = isObject(channel.to) ? channel.to : {};
	const { attachments, quickReplies, buttons } = contentOf(message);
	const base: OpenMessagingItem = {
		type: String(message.type),
		eventType: null,
		messageId: str(message.id),
		conversationId: str(message.conversationId),
		integrationId: str(channel.id),
		recipientId: str(to.id),
		recipientIdType: str(to.idType),
		text: str(message.text),
		attachments,
		quickReplies,
		buttons,
		status: str(message.status),
		reasons: objects(message.reasons),
		timestamp: str(channel.time),
		originatingEntity: str(message.originatingEntity),
		event: null,
		message,
	};
	const events = objects(message.events);
	if (message.type !== 'Event' || !events.length) return [base];
	return events.map((event) => ({ ...base, eventType: str(event.eventType), event }));
}
