import type { SeenEvents } from '../../shared/seenEvents';
import { notificationKey } from './dedupe';
import { normalise, parseNotification, type OpenMessagingItem } from './events';
import { verifySignature } from './signature';

export interface NotificationOptions {
	/** Message types that start the workflow; empty = all. */
	types: string[];
	/** Where emitted notifications are remembered; absent = no de-duplication. */
	seen?: SeenEvents;
	/** The JSON n8n already parsed from exactly `rawBody`, when it did (saves a second parse). */
	parsedBody?: unknown;
}

export interface NotificationResult {
	status: 200 | 400 | 401;
	/** Plain-text answer; never says what the expected signature was. */
	body: string;
	items: OpenMessagingItem[];
	/** Why the request was refused (for the log), absent when accepted. */
	reason?: string;
	/**
	 * The notification's de-duplication key, whenever it has items: the shared store claims it;
	 * with `seen`, it is the key just added there (to forget if n8n does not acknowledge).
	 */
	key?: string;
}

/**
 * An outbound notification from Genesys Cloud, start to finish: signature over the raw bytes,
 * the notification's shape, one item per message or event, the type filter, de-duplication of
 * Genesys' retries. The caller answers with `status`/`body` and starts the workflow with `items`
 * only when `status` is 200 and `items` is not empty.
 */
export function handleNotification(
	rawBody: Buffer,
	headers: Record<string, string | string[] | undefined>,
	secretToken: string,
	options: NotificationOptions,
): NotificationResult {
	const signature = verifySignature(rawBody, headers, secretToken);
	if (!signature.ok)
		return {
			status: 401,
			body: 'Invalid signature',
			items: [],
			reason: `signature ${signature.reason}`,
		};
	const parsed = parseNotification(rawBody, options.parsedBody);
	if (!parsed.ok)
		return {
			status: 400,
			body: 'Not an Open Messaging notification',
			items: [],
			reason: parsed.reason,
		};
	const { message } = parsed;
	if (options.types.length && !options.types.includes(String(message.type)))
		return { status: 200, body: '', items: [] };
	const key = notificationKey(message);
	// A retry of a notification already emitted: acknowledged, nothing started.
	if (options.seen && !options.seen.add(key)) return { status: 200, body: '', items: [] };
	return { status: 200, body: '', items: normalise(message), key };
}
