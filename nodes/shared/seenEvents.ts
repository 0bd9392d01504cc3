// The in-process memory of the two triggers (Messenger and Genesys Cloud Open Messaging): which
// events this n8n process already emitted, per trigger node.
import type { IWebhookFunctions } from 'n8n-workflow';

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

	/**
	 * The events a delivery is checked against. Production deliveries share the trigger's memory.
	 * A Test-URL delivery (manual mode: one per "Listen for test event") is its own session:
	 * de-duplicated within itself only, never against production or an earlier test, and it leaves
	 * the production memory untouched, so a replayed sample emits every event each time and a real
	 * event tried on the Test URL first is not dropped once the workflow is active.
	 */
	forDelivery(context: Pick<IWebhookFunctions, 'getMode' | 'getNode'>): SeenEvents {
		if (context.getMode() === 'manual') return new SeenEvents(this.capacity);
		const node = context.getNode();
		return this.for(node.webhookId ?? node.id);
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
