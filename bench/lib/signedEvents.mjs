// Messenger webhook payloads as Meta sends them, and their signatures.
import { createHmac } from 'node:crypto';

let counter = 0;

/** One `page` POST body with `entries` entries × `events` message events each, unique mids. */
export function messengerPayload({ pageId = '104000000000001', psid = '24000000000000001', entries = 1, events = 1, tag = 'm' } = {}) {
	const now = Date.now();
	const entry = [];
	for (let e = 0; e < entries; e++) {
		const messaging = [];
		for (let i = 0; i < events; i++) {
			counter++;
			messaging.push({
				sender: { id: psid },
				recipient: { id: pageId },
				timestamp: now,
				message: { mid: `${tag}_${process.pid}_${counter}`, text: `Hello \\u00e4\\u00f6\\u00e5 \\/ ${counter} \\ud83d\\ude00` },
			});
		}
		entry.push({ id: pageId, time: now, messaging });
	}
	// Meta's own serialisation escapes non-ASCII and '/', so the bytes are built by hand here
	// (JSON.stringify would turn the escapes into a second backslash).
	return `{"object":"page","entry":${JSON.stringify(entry).replace(/\\\\/g, '\\')}}`;
}

export function sign(body, appSecret) {
	return {
		'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
		'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`,
	};
}

/** Every message id in a payload, for counting what a sink received. */
export const midsOf = (text) => [...text.matchAll(/"mid":"([^"]+)"/g)].map((m) => m[1]);
