// What the shared de-duplication store adds to one delivery, at the node: the trigger's real
// webhook() in n8n-core's WebhookContext (signature, parse, items, claim), with Deduplication
// Store = process (in memory) and = redis (one pipeline to a real redis-server through the
// Upstash-compatible REST front on loopback), on the same signed bodies, in the same run.
// It prints the time per delivery of each, their ratio and the difference. The node alone is
// microseconds, so the ratio here is large; what matters to Meta is the added time per delivery
// (one loopback round trip), measured against n8n's own per-delivery cost in the queue-mode
// benchmark.
// Run: npm run build && node bench/sharedDedupe.mjs [deliveries]
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadNode, runWebhook } from '../test/helpers/harness.mjs';
import { startRedisRest, startRedisServer } from '../test/emulators/redis-rest/index.mjs';
import { GRAPH } from '../test/emulators/fixtures.mjs';
import { bigBatch, metaJson, signatureHeaders } from '../test/unit/trigger-payloads.mjs';

const DELIVERIES = Number(process.argv[2] ?? 400);
const node = loadNode('MessengerTrigger');
const redis = await startRedisServer();
const rest = await startRedisRest({ redisPort: redis.port });
const credentials = {
	facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret },
	redisRestApi: { url: rest.url, token: rest.token },
};

function bodies(count, tag) {
	return Array.from({ length: count }, (_, i) => {
		const raw = Buffer.from(metaJson(bigBatch(1, 1, `${tag}${i}`)));
		return { raw, headers: signatureHeaders(raw, GRAPH.appSecret, { sha1: false }) };
	});
}

async function run(store, tag) {
	const trigger = { id: randomUUID(), webhookId: randomUUID() };
	const parameters = {
		object: 'page',
		verifyToken: GRAPH.verifyToken,
		events: [],
		options: { deduplicationStore: store },
	};
	const list = bodies(DELIVERIES, tag);
	let emitted = 0;
	const started = performance.now();
	for (const { raw, headers } of list) {
		const { result, res } = await runWebhook(node, {
			parameters,
			credentials,
			rawBody: raw,
			headers,
			nodeOverrides: trigger,
		});
		if (res.statusCode !== 200) throw new Error(`${store}: HTTP ${res.statusCode}`);
		emitted += result?.workflowData?.[0]?.length ?? 0;
	}
	const ms = (performance.now() - started) / DELIVERIES;
	if (emitted !== DELIVERIES) throw new Error(`${store}: ${emitted} of ${DELIVERIES} emitted`);
	return ms;
}

try {
	// warm-up of both paths, then alternate rounds so drift hits both alike
	await run('process', 'w');
	await run('redis', 'w');
	const times = { process: [], redis: [] };
	for (let round = 0; round < 3; round++) {
		times.process.push(await run('process', `p${round}-`));
		times.redis.push(await run('redis', `r${round}-`));
	}
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const processMs = median(times.process);
	const redisMs = median(times.redis);
	console.log(
		`shared de-duplication, 1 event per delivery, ${DELIVERIES} deliveries × 3 rounds (median):`,
	);
	console.log(`  in-process memory  ${(processMs * 1000).toFixed(0)} µs per delivery`);
	console.log(`  shared (Redis REST) ${(redisMs * 1000).toFixed(0)} µs per delivery`);
	console.log(
		`  ratio ${(redisMs / processMs).toFixed(2)}×, added ${((redisMs - processMs) * 1000).toFixed(0)} µs per delivery (one loopback round trip to the store)`,
	);
} finally {
	await rest.close();
	await redis.close();
}
