import type { EventType, MessengerEvent } from './events';

export interface FilterOptions {
	/** Selected event types; empty = all. */
	events: EventType[];
	includeEchoes: boolean;
}

/**
 * Keeps the events the user asked for. Echoes are governed by `includeEchoes` alone (they are
 * the Page's own messages, wanted or not regardless of the event selection); standby events were
 * already left out by flattenEvents unless asked for. An App Dashboard sample (`test`) is kept
 * when `test` or the type of the event it is a sample of is selected, so that the dashboard's
 * Test button always shows something for an event the workflow listens to.
 */
export function filterEvents(
	items: MessengerEvent[],
	{ events, includeEchoes }: FilterOptions,
): MessengerEvent[] {
	const selected = events.length ? new Set<string>(events) : undefined;
	return items.filter((item) => {
		if (item.eventType === 'echo') return includeEchoes;
		if (!selected || selected.has(item.eventType)) return true;
		if (item.eventType !== 'test') return false;
		return item.sampleEventType === 'echo'
			? includeEchoes
			: selected.has(item.sampleEventType ?? '');
	});
}
