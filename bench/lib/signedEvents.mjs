// Messenger webhook payloads for the load bench and the redelivery suite: unique mids, serialised
// and signed the way Meta does (the shared helpers of test/unit/trigger-payloads.mjs).
import { metaJson, signatureHeaders } from '../../test/unit/trigger-payloads.mjs';

let counter = 0;

/** One `page` POST body with `entries` entries × `events` message events each, unique mids. */
export function messengerPayload({
	pageId = '104000000000001',
	psid = '24000000000000001',
	entries = 1,
	events = 1,
	tag = 'm',
} = {}) {
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
				message: { mid: `${tag}_${process.pid}_${counter}`, text: `Hello äöå / ${counter} 😀` },
			});
		}
		entry.push({ id: pageId, time: now, messaging });
	}
	return metaJson({ object: 'page', entry });
}

/** Meta's signature headers (SHA-256 and the legacy SHA-1) and the JSON content type. */
export const sign = (body, appSecret) => signatureHeaders(Buffer.from(body), appSecret);

/** Every message id in a payload, for counting what a sink received. */
export const midsOf = (text) => [...text.matchAll(/"mid":"([^"]+)"/g)].map((m) => m[1]);
