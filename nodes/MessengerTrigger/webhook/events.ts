import type { IDataObject } from 'n8n-workflow';

/** Event types a user can select (contract values) plus `other` for types Meta adds later. */
export const EVENT_TYPES = [
	'accountLinking',
	'delivery',
	'handover',
	'message',
	'messageEdit',
	'optin',
	'other',
	'policyEnforcement',
	'postback',
	'reaction',
	'read',
	'referral',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
export type ItemEventType = EventType | 'echo';
export type WebhookObject = 'page' | 'instagram';

/** One messaging event, normalized. `event` is the object Meta sent, untouched. */
export interface MessengerEvent extends IDataObject {
	eventType: ItemEventType;
	object: string;
	entryId: string | null;
	senderId: string | null;
	recipientId: string | null;
	timestamp: number | null;
	isEcho: boolean;
	isStandby: boolean;
	event: IDataObject;
	mid?: string;
	text?: string;
	userRef?: string;
	payload?: string;
	isDeleted?: boolean;
	handoverType?: string;
	watermark?: number | null;
	action?: string;
	reaction?: string;
	emoji?: string;
}

/**
 * Event key in a messaging object → event type. Handover covers Conversation Routing's thread
 * control events and app roles; `messaging_seen`/`seen` are Instagram's read receipts when they
 * arrive under their field name; `policy-enforcement` is the key older payloads used.
 */
const KEY_TYPES: Array<[string, EventType]> = [
	['message', 'message'],
	['postback', 'postback'],
	['delivery', 'delivery'],
	['read', 'read'],
	['messaging_seen', 'read'],
	['seen', 'read'],
	['reaction', 'reaction'],
	['message_edit', 'messageEdit'],
	['referral', 'referral'],
	['optin', 'optin'],
	['pass_thread_control', 'handover'],
	['take_thread_control', 'handover'],
	['request_thread_control', 'handover'],
	['app_roles', 'handover'],
	['policy_enforcement', 'policyEnforcement'],
	['policy-enforcement', 'policyEnforcement'],
	['account_linking', 'accountLinking'],
];

export type EnvelopeResult =
	| { ok: true; entries: IDataObject[] }
	| { ok: false; reason: 'notJson' | 'wrongObject' | 'noEntries' };

/**
 * Checks the envelope of the signed body: JSON, the configured `object`, an `entry` array.
 * `parsed` is the body n8n's own parser already made from these same bytes (when it did); the
 * raw bytes are parsed only when it is absent.
 */
export function parseEnvelope(rawBody: Buffer, object: string, parsed?: unknown): EnvelopeResult {
	let body: unknown = parsed;
	if (body === undefined) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			return { ok: false, reason: 'notJson' };
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return { ok: false, reason: 'notJson' };
	const envelope = body as IDataObject;
	if (envelope.object !== object) return { ok: false, reason: 'wrongObject' };
	if (!Array.isArray(envelope.entry)) return { ok: false, reason: 'noEntries' };
	return { ok: true, entries: envelope.entry as IDataObject[] };
}

/** Epoch milliseconds from a Meta time value: numbers or numeric strings, seconds or ms. */
export function toMillis(value: unknown): number | null {
	const n =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	if (!Number.isFinite(n)) return null;
	// Before 2001 in ms would be < 1e12; Meta's seconds values stay below that until year 33658.
	return n < 1e12 ? Math.round(n * 1000) : Math.round(n);
}

const idOf = (value: unknown): string | null => {
	if (value === undefined || value === null) return null;
	if (typeof value === 'object') {
		const id = (value as IDataObject).id;
		return id === undefined || id === null ? null : String(id);
	}
	return String(value);
};

const asObject = (value: unknown): IDataObject | undefined =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;

/** The event type of one messaging object, and the object under its event key. */
export function classify(event: IDataObject): {
	type: ItemEventType;
	key: string | null;
	body: IDataObject | undefined;
} {
	for (const [key, type] of KEY_TYPES) {
		if (!(key in event)) continue;
		const body = asObject(event[key]);
		if (type === 'message' && body?.is_echo === true) return { type: 'echo', key, body };
		return { type, key, body };
	}
	return { type: 'other', key: null, body: undefined };
}

/** Builds the output item of one messaging event. */
export function normalize(
	event: IDataObject,
	entry: IDataObject,
	object: string,
	isStandby: boolean,
): MessengerEvent {
	const { type, key, body } = classify(event);
	const sender = asObject(event.sender);
	const item: MessengerEvent = {
		eventType: type,
		object,
		entryId: idOf(entry.id),
		senderId: idOf(sender),
		recipientId: idOf(event.recipient),
		timestamp: toMillis(event.timestamp) ?? toMillis(entry.time),
		isEcho: type === 'echo',
		isStandby,
		event,
	};
	if (sender && sender.user_ref !== undefined) item.userRef = String(sender.user_ref);
	if (type === 'handover' && key) item.handoverType = key;
	if (body) {
		if (typeof body.mid === 'string') item.mid = body.mid;
		if (typeof body.text === 'string') item.text = body.text;
		if (type === 'message' || type === 'echo') {
			const quickReply = asObject(body.quick_reply);
			if (quickReply?.payload !== undefined) item.payload = quickReply.payload as string;
			if (Array.isArray(body.attachments)) item.attachments = body.attachments as IDataObject[];
			if (body.is_deleted === true) item.isDeleted = true;
			if (type === 'echo' && body.app_id !== undefined) item.appId = String(body.app_id);
		}
		if ((type === 'postback' || type === 'optin') && body.payload !== undefined)
			item.payload = body.payload as string;
		if ((type === 'delivery' || type === 'read') && body.watermark !== undefined)
			item.watermark = toMillis(body.watermark);
		if (type === 'delivery' && Array.isArray(body.mids)) item.mids = body.mids as string[];
		if (type === 'reaction') {
			if (body.reaction !== undefined) item.reaction = body.reaction as string;
			if (body.emoji !== undefined) item.emoji = body.emoji as string;
			if (body.action !== undefined) item.action = body.action as string;
		}
		if (type === 'referral' && body.ref !== undefined) item.ref = body.ref as string;
	}
	return item;
}

/**
 * Every messaging event of a batch, in order: each `entry[]`, its `messaging[]` and, when
 * asked for, its `standby[]`. Anything that is not an object is skipped, never thrown on.
 */
export function flattenEvents(
	entries: IDataObject[],
	object: string,
	includeStandby: boolean,
): MessengerEvent[] {
	const items: MessengerEvent[] = [];
	for (const entry of entries) {
		if (!entry || typeof entry !== 'object') continue;
		const lists: Array<[unknown, boolean]> = [[entry.messaging, false]];
		if (includeStandby) lists.push([entry.standby, true]);
		for (const [list, isStandby] of lists) {
			if (!Array.isArray(list)) continue;
			for (const event of list) {
				if (event && typeof event === 'object' && !Array.isArray(event)) {
					items.push(normalize(event as IDataObject, entry, object, isStandby));
				}
			}
		}
	}
	return items;
}
