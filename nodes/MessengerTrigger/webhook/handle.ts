import { parseEnvelope, flattenEvents, type EventType, type MessengerEvent } from './events';
import { filterEvents } from './filter';
import { dropSeen, type SeenEvents } from './dedupe';
import { verifySignature } from './signature';
import { declaredObject, describeRefusal, type Refusal } from './refusal';

export interface DeliveryOptions {
	object: string;
	events: EventType[];
	includeEchoes: boolean;
	includeStandby: boolean;
	/** Where emitted events are remembered; absent = no de-duplication. */
	seen?: SeenEvents;
	/** The JSON n8n already parsed from exactly `rawBody`, when it did (saves a second parse). */
	parsedBody?: unknown;
}

export interface DeliveryResult {
	status: 200 | 400 | 401;
	/** Plain-text answer; never says what the expected signature was. */
	body: string;
	items: MessengerEvent[];
	/** Why the request was refused (for the log), absent when accepted. */
	reason?: string;
	/** The de-duplication keys this delivery added to `seen` (to forget if it is not acknowledged). */
	remembered?: string[];
	/** What the editor shows for a refused Test-URL delivery (never the body or a secret). */
	refusal?: Refusal;
}

/** The object a refused body declared, from n8n's parse or the bytes (only ever for a refusal). */
function objectOf(rawBody: Buffer, parsed: unknown): string | undefined {
	if (parsed !== undefined) return declaredObject(parsed);
	try {
		return declaredObject(JSON.parse(rawBody.toString('utf8')));
	} catch {
		return undefined;
	}
}

/**
 * A webhook POST from Meta, start to finish: signature over the raw bytes, envelope, one item
 * per event, filter, de-duplication. The caller answers with `status`/`body` and starts the
 * workflow with `items` only when `status` is 200 and `items` is not empty.
 */
export function handleDelivery(
	rawBody: Buffer,
	headers: Record<string, string | string[] | undefined>,
	appSecret: string,
	options: DeliveryOptions,
): DeliveryResult {
	const signature = verifySignature(rawBody, headers, appSecret);
	if (!signature.ok)
		return {
			status: 401,
			body: 'Invalid signature',
			items: [],
			reason: `signature ${signature.reason}`,
			refusal: describeRefusal(401, `signature ${signature.reason}`, headers, options.object),
		};
	const envelope = parseEnvelope(rawBody, options.object, options.parsedBody);
	if (!envelope.ok) {
		const received =
			envelope.reason === 'wrongObject' ? objectOf(rawBody, options.parsedBody) : undefined;
		return {
			status: 400,
			body: 'Bad request',
			items: [],
			reason: envelope.reason,
			refusal: describeRefusal(400, envelope.reason, headers, options.object, received),
		};
	}
	let items = flattenEvents(envelope.entries, options.object, options.includeStandby);
	items = filterEvents(items, options);
	if (!options.seen) return { status: 200, body: 'EVENT_RECEIVED', items };
	const remembered: string[] = [];
	items = dropSeen(items, options.seen, remembered);
	return { status: 200, body: 'EVENT_RECEIVED', items, remembered };
}
