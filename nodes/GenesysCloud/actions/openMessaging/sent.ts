import type { IDataObject } from 'n8n-workflow';

/**
 * The node's memory of the customer messages it has delivered, so that a retried workflow (n8n's
 * Retry, a re-run after a later node failed, a webhook delivered twice) does not show the
 * customer's message twice in the agent's view. Genesys keeps channel.messageId as "the unique
 * provider ID of the message" but documents no de-duplication on it, so the node does not rely
 * on one: the key is integration + message ID, held in this n8n process for a day (10,000 keys,
 * oldest first out). Concurrent sends of one key share the first call. Only a delivered message
 * is remembered: a refused one can be corrected and sent again under the same ID.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundMessages
 */

export const SENT_TTL_MS = 24 * 60 * 60 * 1000;
export const SENT_MAX_KEYS = 10_000;

interface Entry {
	at: number;
	result: Promise<IDataObject>;
}

const sent = new Map<string, Entry>();

export function sentKey(integrationId: string, messageId: string): string {
	return `${integrationId}\u0000${messageId}`;
}

function prune(now: number): void {
	for (const [key, entry] of sent) {
		if (now - entry.at < SENT_TTL_MS && sent.size <= SENT_MAX_KEYS) break;
		sent.delete(key);
	}
}

/**
 * Sends once per key: the first call runs `send`; a repeat within the TTL gets the first
 * answer with `repeated: true` and makes no call. A failed send forgets its key.
 */
export async function sendOnce(
	key: string,
	send: () => Promise<IDataObject>,
	now: number = Date.now(),
): Promise<IDataObject> {
	prune(now);
	const known = sent.get(key);
	if (known && now - known.at < SENT_TTL_MS) {
		const earlier = await known.result;
		return { ...earlier, repeated: true };
	}
	const result = send();
	sent.set(key, { at: now, result });
	result.catch(() => {
		if (sent.get(key)?.result === result) sent.delete(key);
	});
	return await result;
}

/** Forgets every key (tests). */
export function forgetSent(): void {
	sent.clear();
}
