import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { emitClaimed, type ClaimSettings } from '../../shared/sharedClaims';
import type { OpenMessagingItem } from './events';

/**
 * Genesys delivers an outbound notification once and retries it at most 5 times, about 5 s
 * apart, when the answer takes over 10 s or is a 429 or 5xx: all within about 85 s.
 * - An event another request still holds is answered 429 (Retry-After 5): Genesys retries it as
 *   it retries a 5xx, so nothing is lost, while the process is healthy; a 5xx would report a
 *   normal race between two webhook processes as a server failure in Genesys' and the balancer's
 *   error counts. 503 stays the answer for a store that cannot be asked.
 * - A claim stays pending 30 s without n8n's answer: far longer than n8n takes to register an
 *   execution, and short enough that a claim left by a crashed process expires while Genesys
 *   still retries (the Messenger Trigger's 2 minutes would outlast all 5 retries).
 * - Done notifications are remembered 1 hour by default: Genesys stops retrying after 85 s.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/validate
 */
export const OPEN_MESSAGING_CLAIMS: ClaimSettings = {
	label: 'Genesys Cloud Open Messaging Trigger',
	sender: 'Genesys',
	busyStatus: 429,
	busyRetryAfterSeconds: 5,
	acknowledgedBody: '',
	pendingMs: 30_000,
	defaultRetentionHours: 1,
};

export const DEFAULT_RETENTION_HOURS = OPEN_MESSAGING_CLAIMS.defaultRetentionHours as number;

/**
 * The trigger's answer with the shared store: one claim per notification (its key is Genesys'
 * message id, type, receipt status and time), and all of the notification's items emitted with it.
 */
export async function emitClaimedNotification(
	context: IWebhookFunctions,
	key: string,
	items: OpenMessagingItem[],
	retentionHours: unknown,
): Promise<IWebhookResponseData> {
	return await emitClaimed(
		context,
		OPEN_MESSAGING_CLAIMS,
		[{ key, items }],
		(unit) => unit.key,
		retentionHours,
		(unit) => unit.items,
	);
}
