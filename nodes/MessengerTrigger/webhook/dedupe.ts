import type { IDataObject } from 'n8n-workflow';
import type { MessengerEvent } from './events';

/**
 * The identity of an event for de-duplication: what stays equal when Meta redelivers it and
 * differs between two real events. Messages, echoes, postbacks and edits have a message id;
 * reactions name the message they react to (so action, reaction and time join it); receipts
 * have a watermark; the rest is identified by type, parties and time.
 */
export function dedupeKey(item: MessengerEvent): string {
	const scope = `${item.entryId ?? ''}|${item.isStandby ? 's' : 'm'}|${item.eventType}`;
	const parties = `${item.senderId ?? item.userRef ?? ''}|${item.recipientId ?? ''}`;
	switch (item.eventType) {
		case 'message':
		case 'echo':
			if (item.mid) return `${scope}|${item.mid}|${item.isDeleted ? 'deleted' : ''}`;
			break;
		case 'postback':
			if (item.mid) return `${scope}|${item.mid}`;
			break;
		case 'messageEdit': {
			const edit = item.event.message_edit as IDataObject | undefined;
			if (item.mid) return `${scope}|${item.mid}|${String(edit?.num_edit ?? '')}`;
			break;
		}
		case 'reaction':
			return `${scope}|${parties}|${item.mid ?? ''}|${item.action ?? ''}|${item.reaction ?? ''}|${item.emoji ?? ''}|${item.timestamp ?? ''}`;
		case 'delivery':
		case 'read':
			if (item.watermark !== undefined) return `${scope}|${parties}|${item.watermark}|${item.mid ?? ''}`;
			break;
		case 'handover':
			return `${scope}|${item.handoverType ?? ''}|${parties}|${item.timestamp ?? ''}`;
	}
	return `${scope}|${parties}|${item.timestamp ?? ''}|${item.mid ?? ''}`;
}

/**
 * A bounded set of recently emitted event keys, oldest evicted first. A redelivery arrives
 * within minutes to hours; a window of `capacity` events covers that for any realistic rate
 * while memory stays fixed.
 */
export class SeenEvents {
	private readonly keys = new Set<string>();

	constructor(readonly capacity: number) {}

	get size(): number {
		return this.keys.size;
	}

	has(key: string): boolean {
		return this.keys.has(key);
	}

	add(key: string): void {
		if (this.keys.has(key)) return;
		this.keys.add(key);
		if (this.keys.size > this.capacity) {
			// A Set iterates in insertion order: the first key is the oldest.
			const oldest = this.keys.values().next().value as string;
			this.keys.delete(oldest);
		}
	}
}

/** Drops events already emitted (in this batch or an earlier one) and remembers the new ones. */
export function dropSeen(items: MessengerEvent[], seen: SeenEvents): MessengerEvent[] {
	const fresh: MessengerEvent[] = [];
	for (const item of items) {
		const key = dedupeKey(item);
		if (seen.has(key)) continue;
		seen.add(key);
		fresh.push(item);
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
