import type { IDataObject } from 'n8n-workflow';

/**
 * Pure builders of the Open Messaging inbound bodies (what the bridge posts to Genesys on the
 * customer's behalf) and the checks of their values before any call.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundMessages
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundEventMessages
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundReceiptMessages
 */

/** The inbound endpoints of one Open integration. */
export const inboundPath = (integrationId: string, kind: 'message' | 'event' | 'receipt') =>
	`/api/v2/conversations/messages/${integrationId}/inbound/open/${kind}`;
/** A quick-reply or button response answers a structured message of the agent. */
export const structuredResponsePath = (integrationId: string) =>
	`/api/v2/conversations/messages/${integrationId}/inbound/open/structured/response`;

/**
 * Longest text of an open message: the Resource Center gives 4,000 characters for the Open
 * Messaging ("Open API") channel.
 * @see https://help.mypurecloud.com/articles/work-message-interactions/
 */
export const MAX_TEXT_LENGTH = 4000;
/**
 * Most attachments the node puts in one inbound message. Genesys' model takes a list and its
 * public pages give no count, so this is the node's own bound (a message of the bridge carries
 * what one Messenger message carries).
 */
export const MAX_ATTACHMENTS = 10;

export const ID_TYPES = ['Email', 'Opaque', 'Phone'] as const;
export const MEDIA_TYPES = ['Audio', 'File', 'Image', 'Link', 'Video'] as const;
export const BUTTON_TYPES = ['Button', 'QuickReply'] as const;
export const RECEIPT_STATUSES = ['Delivered', 'Failed', 'Read'] as const;
export const FAILURE_CODES = [
	'GeneralError',
	'InvalidDestination',
	'InvalidMediaContentLength',
	'InvalidMessageStructure',
	'MediaTypeNotAllowed',
	'MessageExpired',
	'MessageNotAllowed',
	'RateLimited',
	'RecipientOptedOut',
	'ServerError',
	'UnknownMessage',
	'UnsupportedMessage',
] as const;

/** The customer as the messaging platform knows them (channel.from / channel.to). */
export interface Customer {
	id: string;
	idType: string;
	firstName?: string;
	lastName?: string;
	nickname?: string;
	image?: string;
	email?: string;
}

export interface AttachmentInput {
	url: string;
	mediaType?: string;
	mime?: string;
	filename?: string;
	text?: string;
}

export interface MessageInput {
	customer: Customer;
	messageId: string;
	/** ISO-8601; now when empty. */
	time?: string;
	text?: string;
	attachments?: AttachmentInput[];
	metadata?: IDataObject;
}

export interface ButtonResponseInput {
	customer: Customer;
	messageId: string;
	time?: string;
	buttonType: string;
	text: string;
	payload: string;
	originatingMessageId: string;
}

export interface EventInput {
	customer: Customer;
	time?: string;
	eventType: string;
}

export interface ReceiptInput {
	customer: Customer;
	agentMessageId: string;
	status: string;
	time?: string;
	failureCode?: string;
	failureMessage?: string;
	isFinalReceipt?: boolean;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A time as Genesys takes it (ISO-8601 UTC), from ISO text or epoch milliseconds (Messenger's). */
export function isoTime(value: string | undefined, now: () => Date = () => new Date()): string {
	const raw = (value ?? '').trim();
	if (!raw) return now().toISOString();
	if (/^\d{10,16}$/.test(raw)) return new Date(Number(raw)).toISOString();
	return new Date(raw).toISOString();
}

export function timeProblem(value: string | undefined): string | undefined {
	const raw = (value ?? '').trim();
	if (!raw || /^\d{10,16}$/.test(raw)) return undefined;
	if (!ISO_TIME.test(raw) || Number.isNaN(new Date(raw).getTime()))
		return `Time "${raw}" is not an ISO-8601 date-time (e.g. 2026-01-31T12:00:00.000Z) or epoch milliseconds`;
	return undefined;
}

export function customerProblem(customer: Customer): string | undefined {
	if (!customer.id) return 'Enter the Customer ID (the customer’s ID on your messaging platform)';
	if (!(ID_TYPES as readonly string[]).includes(customer.idType))
		return `Customer ID Type must be one of ${ID_TYPES.join(', ')}`;
	if (customer.idType === 'Email' && !/^[^@\s]+@[^@\s]+$/.test(customer.id))
		return `Customer ID "${customer.id}" is not an email address (Customer ID Type is Email)`;
	if (customer.idType === 'Phone' && !/^\+?[0-9]{4,20}$/.test(customer.id))
		return `Customer ID "${customer.id}" is not a phone number in E.164 form (Customer ID Type is Phone)`;
	if (customer.image && !/^https?:\/\//.test(customer.image))
		return 'Customer Image must be an http(s) URL';
	return undefined;
}

const MIME_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	ogg: 'audio/ogg',
	wav: 'audio/wav',
	aac: 'audio/aac',
	pdf: 'application/pdf',
	txt: 'text/plain',
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	zip: 'application/zip',
};

/** The generic type of each media type, when neither the MIME type nor an extension tells. */
const MIME_BY_MEDIA_TYPE: Record<string, string> = {
	Image: 'image/jpeg',
	Video: 'video/mp4',
	Audio: 'audio/mpeg',
	File: 'application/octet-stream',
	Link: 'text/html',
};

const MEDIA_TYPE_BY_MIME_FAMILY: Record<string, string> = {
	image: 'Image',
	video: 'Video',
	audio: 'Audio',
};

/** Messenger's attachment types as Genesys' media types (the bridge maps one to the other). */
const MEDIA_TYPE_ALIASES: Record<string, string> = {
	image: 'Image',
	video: 'Video',
	audio: 'Audio',
	file: 'File',
	link: 'Link',
	fallback: 'Link',
};

function extensionOf(name: string): string | undefined {
	const path = name.split(/[?#]/)[0];
	const match = /\.([A-Za-z0-9]{1,5})$/.exec(path);
	return match?.[1].toLowerCase();
}

/**
 * One attachment as Genesys requires it (mediaType, url, mime): the media type from the MIME
 * type when not given, the MIME type from the file name or URL extension, else the media type's
 * generic one.
 */
export function attachmentContent(input: AttachmentInput): IDataObject {
	const url = input.url.trim();
	const filename = (input.filename ?? '').trim();
	let mime = (input.mime ?? '').trim().toLowerCase();
	const given = (input.mediaType ?? '').trim();
	let mediaType = MEDIA_TYPE_ALIASES[given.toLowerCase()] ?? given;
	const extension = extensionOf(filename) ?? extensionOf(url);
	if (!mime && extension) mime = MIME_BY_EXTENSION[extension] ?? '';
	if (!mediaType) mediaType = MEDIA_TYPE_BY_MIME_FAMILY[mime.split('/')[0]] ?? 'File';
	if (!mime) mime = MIME_BY_MEDIA_TYPE[mediaType] ?? 'application/octet-stream';
	const attachment: IDataObject = { mediaType, url, mime };
	if (filename) attachment.filename = filename;
	if (input.text?.trim()) attachment.text = input.text.trim();
	return { attachment };
}

export function attachmentProblem(input: AttachmentInput, index: number): string | undefined {
	const url = (input.url ?? '').trim();
	if (!/^https?:\/\/\S+$/.test(url))
		return `Attachment ${index + 1}: the URL must be an http(s) URL Genesys can download`;
	const given = (input.mediaType ?? '').trim();
	if (given && !MEDIA_TYPE_ALIASES[given.toLowerCase()])
		return `Attachment ${index + 1}: Media Type must be one of ${MEDIA_TYPES.join(', ')}`;
	const mime = (input.mime ?? '').trim();
	if (mime && !/^[a-z]+\/[A-Za-z0-9.+-]+$/i.test(mime))
		return `Attachment ${index + 1}: "${mime}" is not a MIME type (e.g. image/png)`;
	return undefined;
}

export function messageIdProblem(messageId: string): string | undefined {
	if (!messageId)
		return 'Enter the Message ID: the message’s ID on your messaging platform (for Messenger, the message’s mid); Genesys keeps it and the node sends each ID once';
	if (messageId.length > 255) return 'The Message ID is longer than 255 characters';
	return undefined;
}

export function messageProblem(input: MessageInput): string | undefined {
	const text = input.text ?? '';
	const attachments = input.attachments ?? [];
	if (!text.trim() && !attachments.length)
		return 'Enter a Text or add an attachment: Genesys refuses an empty message';
	if (text.length > MAX_TEXT_LENGTH)
		return `The text has ${text.length} characters; Genesys takes at most ${MAX_TEXT_LENGTH} in an open message. Shorten it or split it into several messages`;
	if (attachments.length > MAX_ATTACHMENTS)
		return `${attachments.length} attachments; the node sends at most ${MAX_ATTACHMENTS} in one message. Split them into several messages`;
	return (
		customerProblem(input.customer) ??
		messageIdProblem(input.messageId) ??
		timeProblem(input.time) ??
		attachments.map(attachmentProblem).find((p) => p !== undefined)
	);
}

/** channel.from without the empty optional fields. */
export function fromRecipient(customer: Customer): IDataObject {
	const from: IDataObject = { id: customer.id, idType: customer.idType };
	for (const field of ['firstName', 'lastName', 'nickname', 'image', 'email'] as const) {
		const value = customer[field]?.trim();
		if (value) from[field] = value;
	}
	return from;
}

/** POST …/inbound/open/message: OpenInboundNormalizedMessage. */
export function buildMessageBody(input: MessageInput, now?: () => Date): IDataObject {
	const body: IDataObject = {
		channel: {
			messageId: input.messageId,
			from: fromRecipient(input.customer),
			time: isoTime(input.time, now),
		},
	};
	if (input.text?.trim()) body.text = input.text;
	const attachments = input.attachments ?? [];
	if (attachments.length) body.content = attachments.map(attachmentContent);
	if (input.metadata && Object.keys(input.metadata).length) body.metadata = input.metadata;
	return body;
}

export function buttonResponseProblem(input: ButtonResponseInput): string | undefined {
	if (!(BUTTON_TYPES as readonly string[]).includes(input.buttonType))
		return `Button Type must be one of ${BUTTON_TYPES.join(', ')}`;
	if (!input.text.trim()) return 'Enter the Response Text (the label of the chosen button)';
	if (!input.payload) return 'Enter the Response Payload (the payload of the chosen button)';
	if (!input.originatingMessageId)
		return 'Enter the Originating Message ID: the ID of the agent’s message whose button was chosen (the Open Messaging Trigger outputs it as messageId)';
	return (
		customerProblem(input.customer) ?? messageIdProblem(input.messageId) ?? timeProblem(input.time)
	);
}

/** POST …/inbound/open/structured/response: OpenInboundStructuredResponseMessage. */
export function buildButtonResponseBody(input: ButtonResponseInput, now?: () => Date): IDataObject {
	return {
		channel: {
			messageId: input.messageId,
			from: fromRecipient(input.customer),
			time: isoTime(input.time, now),
		},
		buttonResponse: { type: input.buttonType, text: input.text, payload: input.payload },
		originatingMessageId: input.originatingMessageId,
	};
}

/** POST …/inbound/open/event: OpenInboundNormalizedEvent (Typing is the one event type). */
export function buildEventBody(input: EventInput, now?: () => Date): IDataObject {
	return {
		channel: { from: fromRecipient(input.customer), time: isoTime(input.time, now) },
		events: [{ eventType: input.eventType }],
	};
}

export function receiptProblem(input: ReceiptInput): string | undefined {
	if (!input.agentMessageId)
		return 'Enter the Agent Message ID: the ID of the agent’s message this receipt is about (the Open Messaging Trigger outputs it as messageId)';
	if (!(RECEIPT_STATUSES as readonly string[]).includes(input.status))
		return `Status must be one of ${RECEIPT_STATUSES.join(', ')}`;
	if (input.failureCode && !(FAILURE_CODES as readonly string[]).includes(input.failureCode))
		return `Failure Code must be one of ${FAILURE_CODES.join(', ')}`;
	return customerProblem(input.customer) ?? timeProblem(input.time);
}

/** POST …/inbound/open/receipt: OpenInboundNormalizedReceipt (reasons only with Failed). */
export function buildReceiptBody(input: ReceiptInput, now?: () => Date): IDataObject {
	const body: IDataObject = {
		id: input.agentMessageId,
		channel: { to: fromRecipient(input.customer), time: isoTime(input.time, now) },
		status: input.status,
	};
	if (input.status === 'Failed') {
		body.reasons = [
			{
				code: input.failureCode || 'GeneralError',
				message: input.failureMessage?.trim() || 'The message could not be delivered',
			},
		];
	}
	if (input.isFinalReceipt !== undefined) body.isFinalReceipt = input.isFinalReceipt;
	return body;
}
