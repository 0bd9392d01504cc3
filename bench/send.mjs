// 1,000 Messenger sends to 100 recipients (10 each) through the node's real execute() against
// the Graph emulator with 50 ms latency per call: concurrent across recipients (default
// Concurrency) against one by one (Concurrency 1), then again with Meta's Page rate limit
// (300 calls/s, error 80006) switched on. Checks 0 lost, 0 duplicated, order per recipient.
// Run: npm run build && node bench/send.mjs [messages] [recipients] [latencyMs]
import { CredentialStore, loadNode, runExecute } from '../test/helpers/harness.mjs';
import { start } from '../test/emulators/graph/index.mjs';
import { GRAPH } from '../test/emulators/fixtures.mjs';
import { bulkPsid } from '../test/emulators/graph/state.mjs';

const MESSAGES = Number(process.argv[2] ?? 1000);
const RECIPIENTS = Number(process.argv[3] ?? 100);
const LATENCY = Number(process.argv[4] ?? 50);

const graph = await start({ ports: { graph: 0 } });
graph.latencyMs = LATENCY;
const node = loadNode('FacebookMessenger');
const credentials = new CredentialStore({
	facebookPageApi: {
		pageAccessToken: GRAPH.pageAccessToken,
		pageId: GRAPH.pageId,
		appSecret: GRAPH.appSecret,
		graphApiBaseUrl: graph.url,
	},
});
const items = Array.from({ length: MESSAGES }, (_, n) => ({
	json: { recipientId: bulkPsid(n % RECIPIENTS), text: `message ${n}` },
}));

/** The node over all items, each item's own recipient and text (n8n would resolve expressions). */
async function sendAll(options) {
	const parametersOf = (item) => ({
		resource: 'message',
		operation: 'sendText',
		recipientId: item.json.recipientId,
		text: item.json.text,
		options,
	});
	const { context } = await runExecute(node, {
		parameters: parametersOf(items[0]),
		items: [],
		credentials,
	});
	const perItem = Object.create(context);
	perItem.getInputData = () => items;
	perItem.getNodeParameter = (name, index, fallback, opts) => {
		const own = parametersOf(items[index]);
		const [head, ...rest] = name.split('.');
		if (!(head in own)) return context.getNodeParameter(name, index, fallback, opts);
		let value = own[head];
		for (const key of rest) value = value?.[key];
		return value ?? fallback;
	};
	const started = performance.now();
	const output = await node.execute.call(perItem);
	return { ms: performance.now() - started, output: output[0] };
}

function check(output) {
	const sent = graph.state.sent;
	const texts = sent.map((s) => s.message.text);
	const unique = new Set(texts);
	const expected = new Set(items.map((i) => i.json.text));
	const lost = [...expected].filter((t) => !unique.has(t)).length;
	const duplicated = texts.length - unique.size;
	let orderKept = true;
	for (let r = 0; r < RECIPIENTS; r++) {
		const got = sent.filter((s) => s.recipientId === bulkPsid(r)).map((s) => s.message.text);
		const want = items.filter((i) => i.json.recipientId === bulkPsid(r)).map((i) => i.json.text);
		if (JSON.stringify(got) !== JSON.stringify(want)) orderKept = false;
	}
	const failed = output.filter((o) => o.json.error).length;
	return { lost, duplicated, orderKept, failed };
}

async function measure(name, options, rateLimit) {
	graph.state.sent.length = 0;
	graph.clearRequests();
	graph.state.sendRateLimit = rateLimit ? { ...rateLimit } : null;
	const { ms, output } = await sendAll(options);
	const result = {
		name,
		ms: Math.round(ms),
		requests: graph.requests.length,
		throttled: graph.state.sendRateLimit?.rejected ?? 0,
		...check(output),
	};
	console.log(JSON.stringify(result));
	return result;
}

console.log(`${MESSAGES} sends to ${RECIPIENTS} recipients, ${LATENCY} ms latency per Graph call`);
// BENCH_SKIP_SERIAL=1 (while developing) assumes the one-by-one time measured earlier.
const serial = process.env.BENCH_SKIP_SERIAL
	? { ms: 1000 * (LATENCY + 7.5) * (MESSAGES / 1000) }
	: await measure('one by one (concurrency 1)', { concurrency: 1 });
await measure('warm-up', {});
// Three rounds, the median counts: the machine may be shared and busy.
const rounds = [];
for (let r = 0; r < 3; r++)
	rounds.push(await measure(`concurrent (default concurrency 20), round ${r + 1}`, {}));
const concurrent = [...rounds].sort((a, b) => a.ms - b.ms)[1];
const limited = await measure(
	'concurrent with rate limiting (200 calls/s, 80006)',
	{ retries: 10 },
	{ limit: 200, windowMs: 1000, code: 80006 },
);
const ratio = (r) => (r.ms / serial.ms).toFixed(3);
console.log(
	`ratio concurrent (median of 3) / one by one: ${ratio(concurrent)} (goal ≤ 0.125, 1/${(serial.ms / concurrent.ms).toFixed(1)})`,
);
console.log(
	`ratio rate-limited / one by one: ${ratio(limited)} (1/${(serial.ms / limited.ms).toFixed(1)}), ${limited.throttled} calls throttled and retried`,
);
const allGood = [...rounds, limited, ...(serial.name ? [serial] : [])].every(
	(r) => r.lost === 0 && r.duplicated === 0 && r.orderKept && r.failed === 0,
);
console.log(
	allGood
		? 'OK: 0 lost, 0 duplicated, per-recipient order kept in every run'
		: 'FAILED: see the lines above',
);
await graph.close();
process.exitCode = allGood && concurrent.ms / serial.ms <= 0.125 ? 0 : 1;
