import type { IDataObject } from 'n8n-workflow';

/** Event types a user can select (contract values) plus `other` for types Meta adds later. */
export const EVENT_TYPES = [
	'accountLinking',
	'call',
	'callPermission',
	'change',
	'coupon',
	'customerFeedback',
	'customerInformation',
	'delivery',
	'gamePlay',
	'handover',
	'leadFormSubmit',
	'message',
	'messageEdit',
	'optin',
	'order',
	'other',
	'policyEnforcement',
	'postback',
	'reaction',
	'read',
	'referral',
	'responseFeedback',
	'test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
/** `refused` exists only in the editor's test mode (see refusal.ts), never in production. */
export type ItemEventType = EventType | 'echo' | 'refused';
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
	ref?: string;
	/** `changes[]` items (real and App Dashboard samples): the field and its value. */
	field?: string;
	value?: IDataObject[string];
	/** App Dashboard samples: the type the same event gets when it really happens. */
	sampleEventType?: ItemEventType;
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
	['game_play', 'gamePlay'],
	// Field send_cart; the event key is `order`.
	['order', 'order'],
	['response_feedback', 'responseFeedback'],
	['messaging_feedback', 'customerFeedback'],
	['call_permission_reply', 'callPermission'],
	// The answers of a structured information (customer information) template.
	// @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/structured-information-template
	['messaging_customer_information', 'customerInformation'],
	// An instant form sent in the thread was submitted.
	// @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/instant-form-template
	['messaging_in_thread_lead_form_submit', 'leadFormSubmit'],
	// The instant form page's own example puts the submitted form under `form` ({ id }).
	['form', 'leadFormSubmit'],
	// A person revealed the code of a coupon template (field messages, key `template`).
	// @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/coupon
	['template', 'coupon'],
];

/**
 * Webhook fields whose events Meta delivers in `messaging[]`/`standby[]` (or, for Calling, in
 * `calls[]` and as the entry itself), never in `changes[]`. A `changes[]` item with one of these
 * fields is the App Dashboard's "Test" sample of that field.
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks
 * @see https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook
 */
export const MESSAGING_FIELDS = new Set([
	'messages',
	'message_deliveries',
	'message_echoes',
	'message_edits',
	'message_reactions',
	'message_reads',
	'messaging_account_linking',
	'messaging_customer_information',
	'messaging_feedback',
	'messaging_game_plays',
	'messaging_handover',
	'messaging_handovers',
	'messaging_in_thread_lead_form_submit',
	'messaging_optins',
	'messaging_policy_enforcement',
	'messaging_postbacks',
	'messaging_referral',
	'messaging_referrals',
	'messaging_seen',
	'response_feedback',
	'send_cart',
	'standby',
	'calls',
	'call_permission_reply',
]);

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

/**
 * The answers of a form as `{ key: value }`: Meta sends them as `screens[].responses[]` of
 * `{ key, value }` pairs (the structured information template's address fields, e.g.
 * `email`, `phone`, `address_line_1`, `zipcode`). Undefined when there are none.
 */
function responsesOf(body: IDataObject): IDataObject | undefined {
	const answers: IDataObject = {};
	const screens = Array.isArray(body.screens) ? body.screens : [];
	for (const screen of screens) {
		const responses = asObject(screen)?.responses;
		if (!Array.isArray(responses)) continue;
		for (const raw of responses) {
			const response = asObject(raw);
			if (typeof response?.key === 'string') answers[response.key] = response.value ?? null;
		}
	}
	return Object.keys(answers).length ? answers : undefined;
}

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
	// A chat-plugin guest or checkbox-plugin user has no PSID yet: Meta names them by user_ref,
	// as the sender, inside a checkbox opt-in, or as the recipient of the Page's echo.
	// @see https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_optins
	const userRef =
		sender?.user_ref ??
		(type === 'optin' ? body?.user_ref : undefined) ??
		asObject(event.recipient)?.user_ref;
	if (userRef !== undefined && userRef !== null) item.userRef = String(userRef);
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
		// The ref of an m.me link, ad or plugin: in a referral, in the referral a postback (Get
		// Started) or a message carries, and in a plugin opt-in.
		const ref = type === 'referral' || type === 'optin' ? body.ref : asObject(body.referral)?.ref;
		if (ref !== undefined && ref !== null) item.ref = String(ref);
		if (type === 'gamePlay') {
			if (typeof body.payload === 'string') item.payload = body.payload;
			if (body.score !== undefined) item.score = body.score as number;
		}
		if (type === 'responseFeedback' && body.feedback !== undefined)
			item.feedback = body.feedback as string;
		if (type === 'callPermission' && body.response !== undefined)
			item.response = body.response as string;
		if (type === 'coupon') {
			if (body.coupon_code !== undefined) item.couponCode = String(body.coupon_code);
			if (body.payload !== undefined) item.payload = body.payload as string;
		}
		if (type === 'customerInformation') {
			const responses = responsesOf(body);
			if (responses) item.responses = responses;
		}
		if (type === 'leadFormSubmit') {
			if (key === 'form' && body.id !== undefined && body.id !== null)
				item.formId = String(body.id);
			for (const [from, to] of [
				['form_id', 'formId'],
				['leadgen_id', 'leadgenId'],
			] as const)
				if (body[from] !== undefined && body[from] !== null) item[to] = String(body[from]);
			const responses = responsesOf(body);
			if (responses) item.responses = responses;
		}
	}
	return item;
}

/**
 * One Messenger Calling event of `entry[].calls[]`: `from` calls `to` (a PSID and the Page, one
 * way or the other); `event` is what happened to the call (connect, terminate, …).
 * @see https://developers.facebook.com/documentation/business-messaging/messenger-platform/calling/webhooks
 */
export function normalizeCall(
	call: IDataObject,
	entry: IDataObject,
	object: string,
): MessengerEvent {
	const item: MessengerEvent = {
		eventType: 'call',
		object,
		entryId: idOf(entry.id),
		senderId: idOf(call.from),
		recipientId: idOf(call.to),
		timestamp: toMillis(call.timestamp) ?? toMillis(entry.time),
		isEcho: false,
		isStandby: false,
		event: call,
	};
	if (call.id !== undefined && call.id !== null) item.callId = String(call.id);
	if (call.event !== undefined) item.callEvent = call.event as string;
	if (call.call_direction !== undefined) item.callDirection = call.call_direction as string;
	return item;
}

/**
 * Whether a `changes[]` item is an App Dashboard "Test" sample rather than a real change. The
 * dashboard's samples are sent for entry id 0 (no Page or Instagram account has that id), and
 * for a messaging field, which Meta really delivers only in `messaging[]`, `standby[]` or
 * `calls[]`. A real comment, mention or feed change has the account's id and its own field.
 */
export function isDashboardSample(change: IDataObject, entry: IDataObject): boolean {
	return (
		String(entry.id) === '0' ||
		(typeof change.field === 'string' && MESSAGING_FIELDS.has(change.field))
	);
}

/**
 * One `entry[].changes[]` item: `change` for a real one (Instagram comments, mentions, Page feed,
 * …), `test` for an App Dashboard sample, with the field and its value either way. A sample of a
 * messaging field also says what the real event would look like (`sampleEventType`, sender,
 * text, …).
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications
 */
export function normalizeChange(
	change: IDataObject,
	entry: IDataObject,
	object: string,
): MessengerEvent {
	const value = asObject(change.value);
	const field = typeof change.field === 'string' ? change.field : '';
	if (isDashboardSample(change, entry)) {
		const sample = value ? normalize(value, entry, object, false) : undefined;
		const item: MessengerEvent = {
			...(sample ?? {}),
			eventType: 'test',
			object,
			entryId: idOf(entry.id),
			senderId: sample?.senderId ?? null,
			recipientId: sample?.recipientId ?? null,
			// When the dashboard sent it (its sample's own time is fixed, and stays in `value`).
			timestamp: toMillis(entry.time) ?? sample?.timestamp ?? null,
			isEcho: false,
			isStandby: false,
			field,
			value: change.value,
			event: change,
		};
		if (sample && sample.eventType !== 'other') item.sampleEventType = sample.eventType;
		return item;
	}
	const from = asObject(value?.from) ?? asObject(value?.sender);
	const item: MessengerEvent = {
		eventType: 'change',
		object,
		entryId: idOf(entry.id),
		senderId: idOf(from),
		recipientId: idOf(value?.recipient),
		timestamp: toMillis(value?.created_time) ?? toMillis(value?.timestamp) ?? toMillis(entry.time),
		isEcho: false,
		isStandby: false,
		field,
		value: change.value,
		event: change,
	};
	if (typeof value?.text === 'string') item.text = value.text;
	return item;
}

const isObject = (value: unknown): value is IDataObject =>
	Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * Every event of a batch, in order, one item each: each `entry[]`, its `messaging[]` and, when
 * asked for, its `standby[]`; its Calling events (`calls[]`); its `changes[]`; and an entry that
 * is itself the event (Calling's `call_permission_reply`). Anything that is not an object is
 * skipped, never thrown on.
 */
export function flattenEvents(
	entries: IDataObject[],
	object: string,
	includeStandby: boolean,
): MessengerEvent[] {
	const items: MessengerEvent[] = [];
	for (const entry of entries) {
		if (!isObject(entry)) continue;
		const lists: Array<[unknown, boolean]> = [[entry.messaging, false]];
		if (includeStandby) lists.push([entry.standby, true]);
		for (const [list, isStandby] of lists) {
			if (!Array.isArray(list)) continue;
			for (const event of list) {
				if (isObject(event)) items.push(normalize(event, entry, object, isStandby));
			}
		}
		if (Array.isArray(entry.calls))
			for (const call of entry.calls)
				if (isObject(call)) items.push(normalizeCall(call, entry, object));
		if (Array.isArray(entry.changes))
			for (const change of entry.changes)
				if (isObject(change)) items.push(normalizeChange(change, entry, object));
		// The permission reply of a business-initiated call comes as the entry itself, without id.
		// @see https://developers.facebook.com/documentation/business-messaging/messenger-platform/calling/biz2consumer/call-flow
		if (entry.call_permission_reply !== undefined) {
			const page = entry.id ?? idOf(entry.recipient);
			items.push(normalize(entry, { id: page, time: entry.time }, object, false));
		}
	}
	return items;
}
