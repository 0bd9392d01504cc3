import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { emitClaimed as emitClaimedShared, type ClaimSettings } from '../../shared/sharedClaims';

// The shared store's machinery lives in nodes/shared/sharedClaims.ts (the Genesys Cloud Open
// Messaging Trigger uses it too); this is the Messenger Trigger's use of it.
export * from '../../shared/sharedClaims';

/**
 * Meta retries a delivery that was not acknowledged (any non-2xx, or no answer in time) for up
 * to 36 hours, so a busy event is answered 503 and claims stay pending for the default period.
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks#event-notifications
 */
export const MESSENGER_CLAIMS: ClaimSettings = {
	label: 'Messenger Trigger',
	sender: 'Meta',
	busyStatus: 503,
	acknowledgedBody: 'EVENT_RECEIVED',
};

/** The Messenger Trigger's answer with the shared store: one claim per event. */
export async function emitClaimed<T extends IDataObject>(
	context: IWebhookFunctions,
	items: T[],
	keyOf: (item: T) => string,
	retentionHours: unknown,
): Promise<IWebhookResponseData> {
	return await emitClaimedShared(context, MESSENGER_CLAIMS, items, keyOf, retentionHours);
}
