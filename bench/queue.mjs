// The Messenger Trigger on n8n's queue mode (dev/queue.mjs: Postgres 17, Redis, main, webhook
// processes A and B, one worker), on this machine's loopback. Two measurements in one run:
// 1. Accepted deliveries per second at a fixed offered rate (MB_QUEUE_RATE, default 15/s for
//    MB_QUEUE_SECONDS, default 10 s; one event per delivery), sent to A alone, then spread over A
//    and B. A delivery counts as accepted when it got its 200 within 10 s (later, Meta would
//    deliver it again). Indicative only: every process shares the same 2 cores.
// 2. The cost of the shared claim: time per delivery (sequential, one event each, to A) with
//    `options.deduplicationStore: 'redis'` as a ratio to the in-process store (goal ≤ 1.2×).
// Run: npm run build && node bench/queue.mjs   (ports from MB_QUEUE_PORT_BASE + 50: 6250–6262 by default)
import { performance } from 'node:perf_hooks';
import { queuePorts, startQueueCluster } from '../dev/queue.mjs';
import { messengerPayload } from './lib/signedEvents.mjs';
import {
	deliver,
	executions,
	finished,
	hasSharedStore,
	queueCredentials,
	startRedisFront,
	triggerWorkflow,
} from '../test/queue/fixtures.mjs';

const RATE = Number(process.env.MB_QUEUE_RATE ?? 15);
const SECONDS = Number(process.env.MB_QUEUE_SECONDS ?? 10);
const SEQUENTIAL = Number(process.env.MB_QUEUE_SEQUENTIAL ?? 200);
const ports = queuePorts(Number(process.env.MB_QUEUE_PORT_BASE ?? 6200) + 50);
const WF = {
	one: 'mbQBenchOneProc1',
	two: 'mbQBenchTwoProc1',
	process: 'mbQBenchProcess1',
	redis: 'mbQBenchRedis001',
};
const workflows = [
	triggerWorkflow(WF.one),
	triggerWorkflow(WF.two),
	triggerWorkflow(WF.process),
	triggerWorkflow(WF.redis, { store: 'redis' }),
];

const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the worker ran every execution of the workflow, so the next measurement starts idle. */
async function drained(cluster, id) {
	await cluster.api.waitFor(async () => (await executions(cluster.api, id)).every(finished), {
		what: `the worker to finish ${id}`,
		timeoutMs: 300_000,
		intervalMs: 1000,
	});
	await sleep(2000);
}

/** Offers RATE deliveries/s for SECONDS s over `targets`; accepted = 200 within 10 s. */
async function offered(cluster, id, targets) {
	const total = RATE * SECONDS;
	const started = performance.now();
	const answers = [];
	for (let i = 0; i < total; i++) {
		const due = started + (i * 1000) / RATE;
		const wait = due - performance.now();
		if (wait > 0) await sleep(wait);
		const sent = performance.now();
		answers.push(
			deliver(cluster, id, messengerPayload({ tag: `bench_${id}` }), targets[i % targets.length], {
				timeoutMs: 10_000,
			}).then((status) => ({ status, ms: performance.now() - sent })),
		);
	}
	const results = await Promise.all(answers);
	const elapsed = (performance.now() - started) / 1000;
	const ok = results.filter((r) => r.status === 200);
	const latencies = ok.map((r) => r.ms).sort((a, b) => a - b);
	return {
		offered: total,
		accepted: ok.length,
		perSecond: ok.length / elapsed,
		p50: percentile(latencies, 0.5) ?? NaN,
		p95: percentile(latencies, 0.95) ?? NaN,
	};
}

/** Median time of one delivery (one new event) to A, sequentially, after a warm-up. */
async function perDelivery(cluster, id) {
	for (let i = 0; i < 20; i++) await deliver(cluster, id, messengerPayload({ tag: 'warm' }), 0);
	const times = [];
	for (let i = 0; i < SEQUENTIAL; i++) {
		const body = messengerPayload({ tag: `seq_${id}` });
		const started = performance.now();
		const status = await deliver(cluster, id, body, 0);
		times.push(performance.now() - started);
		if (status !== 200) throw new Error(`delivery answered ${status}`);
	}
	times.sort((a, b) => a - b);
	return percentile(times, 0.5);
}

const cluster = await startQueueCluster({
	ports,
	credentials: queueCredentials(ports),
	workflows,
	build: !process.argv.includes('--no-build'),
});
const front = await startRedisFront(cluster);
try {
	for (const wf of workflows) await cluster.api.activate(wf.id);
	for (const wf of workflows) await cluster.api.publication(wf.id);
	const line = (label, r) =>
		`${label.padEnd(22)} ${r.accepted}/${r.offered} accepted, ${r.perSecond.toFixed(1)} deliveries/s, ` +
		`latency p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms`;
	process.stdout.write(`offered: ${RATE} deliveries/s for ${SECONDS} s, 1 event each\n`);
	const one = await offered(cluster, WF.one, [0]);
	process.stdout.write(`${line('1 webhook process', one)}\n`);
	await drained(cluster, WF.one);
	const two = await offered(cluster, WF.two, [0, 1]);
	process.stdout.write(`${line('2 webhook processes', two)}\n`);
	process.stdout.write(
		`ratio 2 processes / 1: ${(two.perSecond / one.perSecond).toFixed(2)}× (2 cores shared by every process)\n`,
	);
	await drained(cluster, WF.two);
	// Interleaved rounds, so both modes see the same machine state.
	const forwardedBefore = front?.requests.length ?? 0;
	const medians = { process: [], redis: [] };
	for (let round = 0; round < 3; round++) {
		medians.process.push(await perDelivery(cluster, WF.process));
		medians.redis.push(await perDelivery(cluster, WF.redis));
	}
	const best = (list) => Math.min(...list);
	const processMs = best(medians.process);
	const redisMs = best(medians.redis);
	process.stdout.write(
		`per delivery (median, best of 3 × ${SEQUENTIAL}): in-process ${processMs.toFixed(2)} ms, shared (Redis REST) ${redisMs.toFixed(2)} ms\n` +
			`shared claim cost ratio: ${(redisMs / processMs).toFixed(2)}× (goal ≤ 1.2×)` +
			(hasSharedStore
				? `  (${((front.requests.length - forwardedBefore) / medians.redis.length / (SEQUENTIAL + 20)).toFixed(1)} Redis REST requests per delivery)\n`
				: '  — NOTE: this checkout has no shared store yet; both ran in-process\n'),
	);
} finally {
	await front?.close();
	await cluster.stop();
}
