import type { EventType, MessengerEvent } from './events';

export interface FilterOptions {
	/** Selected event types; empty = all. */
	events: EventType[];
	includeEchoes: boolean;
}

/**
 * Keeps the events the user asked for. Echoes are governed by `includeEchoes` alone (they are
 * the Page's own messages, wanted or not regardless of the event selection); standby events were
 * already left out by flattenEvents unless asked for.
 */
export function filterEvents(
	items: MessengerEvent[],
	{ events, includeEchoes }: FilterOptions,
): MessengerEvent[] {
	const selected = events.length ? new Set<string>(events) : undefined;
	return items.filter((item) => {
		if (item.eventType === 'echo') return includeEchoes;
		return !selected || selected.has(item.eventType);
	});
}
