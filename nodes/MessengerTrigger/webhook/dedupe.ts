import type { IDataObject } from 'n8n-workflow';
import type { SeenEvents } from '../../shared/seenEvents';
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
