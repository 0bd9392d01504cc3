import { parseEnvelope, flattenEvents, type EventType, type MessengerEvent } from './events';
import { filterEvents } from './filter';
import { dropSeen, type SeenEvents } from './dedupe';
import { verifySignature } from './signature';

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
}

/**
 * A webhook POST from Meta, start to finish: signature over the raw bytes, envelope, one item
 * per event, filter, de-duplication. The caller answers with `status`/`body` and starts the
 * workflow with `items` only when `status` is 200 and `items` is not empty.
 */
export function handleDelivery(
	rawBody: Buffer,
	headers: Record<string, string | string[] | undefined>,
	appSecrets: string | readonly string[],
	options: DeliveryOptions,
): DeliveryResult {
	const signature = verifySignature(rawBody, headers, appSecrets);
	if (!signature.ok)
		return {
			status: 401,
			body: 'Invalid signature',
			items: [],
			reason: `signature ${signature.reason}`,
		};
	const envelope = parseEnvelope(rawBody, options.object, options.parsedBody);
	if (!envelope.ok) return { status: 400, body: 'Bad request', items: [], reason: envelope.reason };
	let items = flattenEvents(envelope.entries, options.object, options.includeStandby);
	items = filterEvents(items, options);
	if (!options.seen) return { status: 200, body: 'EVENT_RECEIVED', items };
	const remembered: string[] = [];
	items = dropSeen(items, options.seen, remembered);
	return { status: 200, body: 'EVENT_RECEIVED', items, remembered };
}
