import type { IDataObject } from 'n8n-workflow';
import type { MessengerEvent } from './events';

/**
 * The identity of an event for de-duplication: what stays equal when Meta redelivers it and
 * differs between two real events. Messages, echoes, postbacks and edits have a message id;
 * reactions name the message they react to (so action, reaction and time join it); receipts
 * have a watermark; the rest is identified by type, parties and time.
 */
export function dedupeKey(item: MessengerEvent): string {
	const standby = item.isStandby ? 's' : '';
	switch (item.eventType) {
		case 'message':
		case 'echo':
		case 'postback':
			// Message ids are unique across Pages and types; the common case costs no new string.
			if (item.mid)
				return standby || item.isDeleted
					? `${standby}${item.isDeleted ? 'd' : ''}|${item.mid}`
					: item.mid;
			break;
		case 'messageEdit': {
			const edit = item.event.message_edit as IDataObject | undefined;
			if (item.mid) return `${standby}e|${item.mid}|${String(edit?.num_edit ?? '')}`;
			break;
		}
	}
	const scope = `${standby}|${item.eventType}|${item.entryId ?? ''}|${item.senderId ?? item.userRef ?? ''}|${item.recipientId ?? ''}`;
	switch (item.eventType) {
		case 'reaction':
			return `${scope}|${item.mid ?? ''}|${item.action ?? ''}|${item.reaction ?? ''}|${item.emoji ?? ''}|${item.timestamp ?? ''}`;
		case 'delivery':
		case 'read':
			if (item.watermark !== undefined) return `${scope}|w${item.watermark}|${item.mid ?? ''}`;
			break;
		case 'handover':
			return `${scope}|${item.handoverType ?? ''}|${item.timestamp ?? ''}`;
		case 'call':
			// One call has several events (connect, status, terminate), each once.
			return `${scope}|${String(item.callId ?? '')}|${String(item.callEvent ?? '')}|${item.timestamp ?? ''}`;
		case 'change':
		case 'test': {
			// A comment or mention has its own id; two changes of one field at one time are told
			// apart by it (the dashboard's samples by their time).
			const value = item.value as IDataObject | undefined;
			const id =
				value && typeof value === 'object' ? String(value.id ?? value.comment_id ?? '') : '';
			return `${scope}|${item.field ?? ''}|${id}|${item.timestamp ?? ''}|${item.mid ?? ''}`;
		}
	}
	return `${scope}|${item.timestamp ?? ''}|${item.mid ?? ''}`;
}

/**
 * A bounded set of recently emitted event keys, oldest evicted first. A redelivery arrives
 * within minutes to hours; a window of `capacity` events covers that for any realistic rate
 * while memory stays fixed.
 */
export class SeenEvents {
	/** Each remembered key and the ring slot that holds it. */
	private readonly keys = new Map<string, number>();

	/** Insertion order as a ring: the slot at `next` holds the oldest key once the ring is full. */
	private readonly ring: Array<string | undefined>;

	private next = 0;

	constructor(readonly capacity: number) {
		this.ring = new Array<string | undefined>(capacity);
	}

	get size(): number {
		return this.keys.size;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	/** Remembers `key`; false when it was already there. */
	add(key: string): boolean {
		if (this.keys.has(key)) return false;
		// Evicting through the ring is O(1); asking a Map for its first key is not once many
		// keys were deleted (V8 skips the deleted slots one by one).
		const oldest = this.ring[this.next];
		// A key forgotten and remembered again lives in a newer slot: only its own slot evicts it.
		if (oldest !== undefined && this.keys.get(oldest) === this.next) this.keys.delete(oldest);
		this.ring[this.next] = key;
		this.keys.set(key, this.next);
		this.next = (this.next + 1) % this.capacity;
		return true;
	}

	/** Stops remembering `key` (its delivery was not acknowledged, so Meta will send it again). */
	forget(key: string): void {
		this.keys.delete(key);
	}
}

/**
 * Drops events already emitted (in this batch or an earlier one) and remembers the new ones,
 * adding their keys to `remembered` when given.
 */
export function dropSeen(
	items: MessengerEvent[],
	seen: SeenEvents,
	remembered?: string[],
): MessengerEvent[] {
	const fresh: MessengerEvent[] = [];
	for (const item of items) {
		const key = dedupeKey(item);
		if (seen.add(key)) {
			fresh.push(item);
			remembered?.push(key);
		}
	}
	return fresh;
}

/**
 * One SeenEvents per trigger node (keyed by its webhook id), kept in this n8n process. The
 * number of triggers tracked is bounded too: the least recently used one is forgotten first.
 */
export class SeenRegistry {
	private readonly stores = new Map<string, SeenEvents>();

	constructor(
		readonly maxTriggers: number,
		readonly capacity: number,
	) {}

	get size(): number {
		return this.stores.size;
	}

	for(triggerKey: string): SeenEvents {
		let store = this.stores.get(triggerKey);
		if (store) {
			this.stores.delete(triggerKey);
		} else {
			store = new SeenEvents(this.capacity);
		}
		this.stores.set(triggerKey, store);
		if (this.stores.size > this.maxTriggers) {
			this.stores.delete(this.stores.keys().next().value as string);
		}
		return store;
	}
}
