// Time per request of the Messenger Trigger's webhook handling, against a baseline measured in
// the same run on the same bytes: HMAC-SHA256 plus JSON.parse. The trigger's time is n8n's own
// JSON parse of the body (n8n parses before it calls the node; the node reuses that parse) plus
// the node's real webhook(): signature over the raw bytes, envelope, one item per event, filter,
// de-duplication (unique mids every request, so it does real work), the answer.
// Cases: 1 event, and 100 entries × 10 events. Goal: ≤ 1.5× the baseline for the large batch.
// Run: npm run build && node bench/trigger.mjs [rounds]
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fakeResponse, loadNode, nodeParameter } from '../test/helpers/harness.mjs';
import { GRAPH } from '../test/emulators/fixtures.mjs';
import { bigBatch, metaJson, signatureHeaders } from '../test/unit/trigger-payloads.mjs';

const ROUNDS = Number(process.argv[2] ?? 7);
const node = loadNode('MessengerTrigger');
const parameters = { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} };
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let hookSerial = 0;

/** The parts of IWebhookFunctions webhook() uses, as n8n hands them over (body already read). */
function context(raw, headers, webhookId) {
	// What n8n's body parser does before the node runs.
	const req = {
		method: 'POST',
		headers,
		rawBody: raw,
		body: JSON.parse(raw.toString('utf8')),
		async readRawBody() {},
	};
	const res = fakeResponse();
	return {
		res,
		ctx: {
			logger: silent,
			getWebhookName: () => 'default',
			getMode: () => 'webhook',
			getNode: () => ({
				id: 'n',
				webhookId,
				name: 'Messenger Trigger',
				type: 'messengerTrigger',
				typeVersion: 1,
				parameters,
			}),
			getNodeParameter: (name, fallback) =>
				nodeParameter(node.description, parameters, name, fallback),
			getCredentials: async () => ({ appId: GRAPH.appId, appSecret: GRAPH.appSecret }),
			getRequestObject: () => req,
			getResponseObject: () => res,
			getQueryData: () => ({}),
		},
	};
}

/** `count` distinct signed bodies (unique mids, so de-duplication does real work every time). */
function bodies(count, entries, perEntry) {
	return Array.from({ length: count }, (_, i) => {
		const raw = Buffer.from(metaJson(bigBatch(entries, perEntry, `r${i}`)));
		return { raw, headers: signatureHeaders(raw, GRAPH.appSecret, { sha1: false }) };
	});
}

async function timeNode(set) {
	const webhookId = `bench-${++hookSerial}`;
	const started = performance.now();
	let items = 0;
	for (const { raw, headers } of set) {
		const { ctx, res } = context(raw, headers, webhookId);
		const result = await node.webhook.call(ctx);
		if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
		items += result.workflowData?.[0]?.length ?? 0;
	}
	return { ms: (performance.now() - started) / set.length, items };
}

function timeBaseline(set) {
	const started = performance.now();
	let sink = 0;
	for (const { raw } of set) {
		sink += createHmac('sha256', GRAPH.appSecret).update(raw).digest()[0];
		sink += JSON.parse(raw.toString('utf8')).entry.length;
	}
	if (sink < 0) throw new Error('unreachable');
	return (performance.now() - started) / set.length;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function bench(label, { requests, entries, perEntry }) {
	const set = bodies(requests, entries, perEntry);
	// Warm-up: JIT both paths.
	await timeNode(set);
	timeBaseline(set);
	const nodeMs = [];
	const baseMs = [];
	let items = 0;
	for (let r = 0; r < ROUNDS; r++) {
		baseMs.push(timeBaseline(set));
		const run = await timeNode(set);
		nodeMs.push(run.ms);
		items = run.items;
		if (items !== requests * entries * perEntry)
			throw new Error(`expected ${requests * entries * perEntry} items, got ${items}`);
	}
	const n = median(nodeMs);
	const b = median(baseMs);
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
