// Time per request of the Messenger Trigger's webhook handling, against a baseline measured in
// the same run on the same bytes: HMAC-SHA256 plus JSON.parse. The trigger's time is n8n's own
// JSON parse of the body (n8n parses before it calls the node; the node reuses that parse) plus
// the node's real webhook(): signature over the raw bytes, envelope, one item per event, filter,
// de-duplication (unique mids every request, so it does real work), the answer.
// Cases: 1 event, and 100 entries × 10 events. Goal: ≤ 1.5× the baseline for the large batch.
// Run: npm run build && node bench/trigger.mjs [rounds]
import { createHmac } from 'node:crypto';
import { loadNode, nodeParameter } from '../test/helpers/harness.mjs';
import { GRAPH } from '../test/emulators/fixtures.mjs';
import { bigBatch, metaJson, signatureHeaders } from '../test/unit/trigger-payloads.mjs';
import { webhookTiming } from './lib/webhookTiming.mjs';

const node = loadNode('MessengerTrigger');
const parameters = { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} };
const { measure } = webhookTiming({
	node,
	nodeOf: (webhookId) => ({
		id: 'n',
		webhookId,
		name: 'Messenger Trigger',
		type: 'messengerTrigger',
		typeVersion: 1,
		parameters,
	}),
	methods: {
		getWebhookName: () => 'default',
		getNodeParameter: (name, fallback) =>
			nodeParameter(node.description, parameters, name, fallback),
		getCredentials: async () => ({ appId: GRAPH.appId, appSecret: GRAPH.appSecret }),
		getQueryData: () => ({}),
	},
	baseline: (raw) =>
		createHmac('sha256', GRAPH.appSecret).update(raw).digest()[0] +
		JSON.parse(raw.toString('utf8')).entry.length,
	rounds: Number(process.argv[2] ?? 7),
});

/** `count` distinct signed bodies (unique mids, so de-duplication does real work every time). */
function bodies(count, entries, perEntry) {
	return Array.from({ length: count }, (_, i) => {
		const raw = Buffer.from(metaJson(bigBatch(entries, perEntry, `r${i}`)));
		return { raw, headers: signatureHeaders(raw, GRAPH.appSecret, { sha1: false }) };
	});
}

async function bench(label, { requests, entries, perEntry }) {
	const set = bodies(requests, entries, perEntry);
	const { node: n, baseline: b } = await measure(set, requests * entries * perEntry);
	const ratio = n / b;
	console.log(
		`${label}: ${set[0].raw.length} bytes, ${entries * perEntry} events/request — trigger ${n.toFixed(3)} ms/request, baseline (HMAC-SHA256 + JSON.parse) ${b.toFixed(3)} ms/request, ratio ${ratio.toFixed(2)}×`,
	);
	return ratio;
}

await bench('1 event', { requests: 2000, entries: 1, perEntry: 1 });
const large = await bench('100 entries × 10 events', { requests: 30, entries: 100, perEntry: 10 });
console.log(
	`goal ≤ 1.5× for the large batch: ${large <= 1.5 ? 'met' : 'NOT met'} (${large.toFixed(2)}×)`,
);
