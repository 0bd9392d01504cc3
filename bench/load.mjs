// bench/load: signed Messenger POSTs at increasing rates against three workflows on ONE real n8n,
// each forwarding what it received to a counting sink:
//   1. this package's Messenger Trigger,
//   2. n8n's built-in Facebook Trigger (its Graph calls reach the emulator through a loopback
//      HTTPS proxy, see lib/graphProxy.mjs),
//   3. n8n's plain Webhook node (the baseline: no signature check, no parsing of its own).
// Prints, per target and rate: accepted per second, p50/p99 acknowledgement latency, and events
// lost (acknowledged with 2xx but never seen by the sink), then ratios against the Webhook node.
// The whole comparison runs once per n8n configuration (a fresh n8n each), because n8n's own
// settings decide what a non-Webhook trigger costs (see README, Performance):
//   node bench/load.mjs                      60 s per target (rates 5, 10, 20, 40 /s, 15 s each),
//                                            n8n's defaults, then N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true
//   MB_LOAD_SECONDS=20 MB_LOAD_RATES=20,40 MB_LOAD_CONFIGS='default;N8N_EXPRESSION_ENGINE=legacy' node bench/load.mjs
import { createServer } from 'node:http';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeCertificates, startGraphProxy } from './lib/graphProxy.mjs';
import { messengerPayload, midsOf, sign } from './lib/signedEvents.mjs';

process.env.MB_E2E_PORT ??= '5890';
process.env.MB_EMULATOR_PORT_BASE ??= '5900';
const { env } = await import('../test/e2e/env.mjs');
const { GRAPH, PORTS } = await import('../test/emulators/fixtures.mjs');

const RATES = (process.env.MB_LOAD_RATES ?? '5,10,20,40').split(',').map(Number);
const SECONDS = Number(process.env.MB_LOAD_SECONDS ?? 60);
const STEP_MS = (SECONDS * 1000) / RATES.length;
const MAX_IN_FLIGHT = 1000;
// ';' between configurations, ',' between KEY=value settings; 'default' = n8n's defaults.
const CONFIGS = (process.env.MB_LOAD_CONFIGS ?? 'default;N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true')
	.split(';')
	.map((c) => c.trim())
	.filter(Boolean)
	.map((label) => ({
		label,
		env: label === 'default' ? {} : Object.fromEntries(label.split(',').map((kv) => kv.split('='))),
	}));

// The sink: every workflow ends in an HTTP Request node that posts its items here.
const received = { ours: new Set(), facebookTrigger: new Set(), webhook: new Set() };
const sink = createServer((req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const target = new URL(req.url, 'http://x').searchParams.get('from');
		for (const mid of midsOf(Buffer.concat(chunks).toString())) received[target]?.add(mid);
		res.writeHead(200).end('{}');
	});
});
await new Promise((r) => sink.listen(0, '127.0.0.1', r));
const sinkUrl = `http://127.0.0.1:${sink.address().port}`;

const forward = (from, x) => ({
	id: `${from}-sink`,
	name: 'Sink',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [x, 0],
	parameters: {
		method: 'POST',
		url: `${sinkUrl}/?from=${from}`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json) }}',
		options: {},
	},
});
const connect = (name) => ({ [name]: { main: [[{ node: 'Sink', type: 'main', index: 0 }]] } });

const targets = {
	ours: { path: 'load-ours-0001/webhook', label: 'Messenger Trigger (this package)' },
	facebookTrigger: { path: 'load-fbt-00001/webhook', label: "n8n's Facebook Trigger" },
	webhook: { path: 'load-plain-webhook', label: "n8n's Webhook node" },
};

env.extraCredentials.push({
	id: 'n8nFbGraphApp001',
	name: 'n8n Facebook Graph App (emulator)',
	type: 'facebookGraphAppApi',
	data: { accessToken: `${GRAPH.appId}|${GRAPH.appSecret}`, appSecret: GRAPH.appSecret },
});
env.addWorkflows(
	{
		id: 'loadOurTrigger01',
		name: 'load: Messenger Trigger',
		nodes: [
			{
				id: 'ours-trigger',
				name: 'Messenger Trigger',
				type: 'n8n-nodes-messenger-bridge.messengerTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: 'load-ours-0001',
				parameters: { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} },
				credentials: {
					facebookAppApi: { id: 'mbFacebookApp001', name: 'Facebook App (emulator)' },
				},
			},
			forward('ours', 240),
		],
		connections: connect('Messenger Trigger'),
	},
	{
		id: 'loadN8nFbTrig01',
		name: 'load: n8n Facebook Trigger',
		nodes: [
			{
				id: 'fbt',
				name: 'Facebook Trigger',
				type: 'n8n-nodes-base.facebookTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'load-fbt-00001',
				// 'messages' is not in n8n's own page field list (a known gap), so it is set as a plain value.
				parameters: { appId: GRAPH.appId, object: 'page', fields: ['messages'], options: {} },
				credentials: {
					facebookGraphAppApi: {
						id: 'n8nFbGraphApp001',
						name: 'n8n Facebook Graph App (emulator)',
					},
				},
			},
			forward('facebookTrigger', 240),
		],
		connections: connect('Facebook Trigger'),
	},
	{
		id: 'loadPlainHook01',
		name: 'load: Webhook node',
		nodes: [
			{
				id: 'hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'load-plain-webhook',
				parameters: {
					httpMethod: 'POST',
					path: 'load-plain-webhook',
					responseMode: 'onReceived',
					options: {},
				},
			},
			forward('webhook', 240),
		],
		connections: connect('Webhook'),
	},
);

const certificates = makeCertificates();
const graphTarget = `http://127.0.0.1:${PORTS.graph}`;
const proxy = await startGraphProxy({ target: graphTarget, certificates });
const baseN8nEnv = {
	HTTPS_PROXY: proxy.url,
	NO_PROXY: 'localhost,127.0.0.1',
	NODE_EXTRA_CA_CERTS: certificates.caFile,
	// The bench measures the webhook path, not execution history.
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
	N8N_LOG_LEVEL: 'warn',
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
function post(path, body, headers) {
	return new Promise((resolve) => {
		const started = performance.now();
		const req = http.request(
			{
				host: '127.0.0.1',
				port: Number(process.env.MB_E2E_PORT),
				path: `/webhook/${path}`,
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					...headers,
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
			},
		);
		// status 0: no HTTP answer at all (the error code says why, e.g. a reset keep-alive socket).
		req.on('error', (error) =>
			resolve({ status: 0, error: error.code ?? error.message, ms: performance.now() - started }),
		);
		req.end(body);
	});
}

const percentile = (sorted, p) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** One rate step against one target: open-loop sends for STEP_MS, then waits for the sink to catch up. */
async function driveStep(name, rate) {
	const target = targets[name];
	const results = [];
	const pending = [];
	const acknowledged = [];
	let skipped = 0;
	const start = performance.now();
	const total = Math.round((rate * STEP_MS) / 1000);
	for (let i = 0; i < total; i++) {
		const due = start + (i * 1000) / rate;
		const wait = due - performance.now();
		if (wait > 1) await sleep(wait);
		if (pending.length - results.length >= MAX_IN_FLIGHT) {
			skipped++;
			continue;
		}
		const body = messengerPayload({ tag: `${name}${rate}` });
		const mid = midsOf(body)[0];
		pending.push(
			post(target.path, body, sign(body, GRAPH.appSecret)).then((r) => {
				results.push(r);
				if (r.status >= 200 && r.status < 300) acknowledged.push(mid);
			}),
		);
	}
	await Promise.all(pending);
	const elapsed = (performance.now() - start) / 1000;
	// Drain: every acknowledged event reaches the sink (or is counted lost after 180 s), so the
	// next step starts on an idle n8n whichever target ran before it.
	const drainStarted = Date.now();
	while (
		acknowledged.some((mid) => !received[name].has(mid)) &&
		Date.now() - drainStarted < 180_000
	)
		await sleep(250);
	const ok = results.filter((r) => r.status >= 200 && r.status < 300);
	const latencies = ok.map((r) => r.ms).sort((a, b) => a - b);
	return {
		rate,
		elapsed,
		sent: results.length,
		skipped,
		accepted: ok.length,
		acceptedPerSecond: ok.length / elapsed,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		failed: results.length - ok.length,
		statuses: results.reduce((acc, r) => {
			const key = r.status === 0 ? `0 ${r.error}` : r.status;
			return { ...acc, [key]: (acc[key] ?? 0) + 1 };
		}, {}),
		acknowledged: acknowledged.length,
		lost: acknowledged.filter((mid) => !received[name].has(mid)).length,
	};
}

const names = ['webhook', 'ours', 'facebookTrigger'];

/** The three targets taking turns at every rate on one fresh n8n started with `config`. */
async function runConfiguration(config) {
	env.n8nEnv = { ...baseN8nEnv, ...config.env };
	for (const set of Object.values(received)) set.clear();
	process.stdout.write(
		`bench/load [${config.label}]: starting n8n with three workflows (${SECONDS} s per target, rates ${RATES.join('/')} per s)\n`,
	);
	await env.start();
	const report = names.map((name) => ({ name, label: targets[name].label, steps: [] }));
	try {
		// Targets take turns at every rate (in rotating order), so none is favoured by going first.
		for (const [stepIndex, rate] of RATES.entries()) {
			const order = names.map((_, i) => names[(i + stepIndex) % names.length]);
			for (const name of order) {
				process.stdout.write(`  ${rate}/s → ${targets[name].label} …\n`);
				report.find((r) => r.name === name).steps.push(await driveStep(name, rate));
			}
		}
	} finally {
		await env.stop();
	}
	for (const r of report) {
		r.acknowledged = r.steps.reduce((a, s) => a + s.acknowledged, 0);
		r.lost = r.steps.reduce((a, s) => a + s.lost, 0);
		r.received = received[r.name].size;
	}
	return { config: config.label, graphCalls: proxy.stats(), targets: report };
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
/** Accepted per second over every step that saturated the Webhook node (all steps if none did). */
function saturatedThroughput(report) {
	const baseline = report.find((r) => r.name === 'webhook');
	const saturated = baseline.steps
		.map((s, i) => (s.acceptedPerSecond < 0.95 * s.rate ? i : -1))
		.filter((i) => i >= 0);
	const steps = saturated.length ? saturated : baseline.steps.map((_, i) => i);
	const rate = (r) =>
		steps.reduce((a, i) => a + r.steps[i].accepted, 0) /
		steps.reduce((a, i) => a + r.steps[i].elapsed, 0);
	return { saturated: saturated.length > 0, steps: steps.map((i) => baseline.steps[i].rate), rate };
}

function printConfiguration({ config, graphCalls, targets: report }) {
	const baseline = report.find((r) => r.name === 'webhook');
	const lines = [`### n8n configuration: ${config}`, ''];
	lines.push(
		`| target | rate /s | accepted /s | p50 ms | p99 ms | non-2xx | ratio to Webhook (accepted/s) |`,
	);
	lines.push(`|---|---:|---:|---:|---:|---:|---:|`);
	for (const r of report) {
		r.steps.forEach((s, i) => {
			const base = baseline.steps[i].acceptedPerSecond;
			const others = Object.entries(s.statuses)
				.filter(([code]) => !code.startsWith('2'))
				.map(([code, n]) => `${n}×${code}`)
				.join(' ');
			lines.push(
				`| ${r.label} | ${s.rate} | ${fmt(s.acceptedPerSecond)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${s.failed}${others ? ` (${others})` : ''} | ${fmt(s.acceptedPerSecond / base, 2)}× |`,
			);
		});
	}
	lines.push('');
	lines.push(`| target | acknowledged | received by sink | lost |`);
	lines.push(`|---|---:|---:|---:|`);
	for (const r of report)
		lines.push(`| ${r.label} | ${r.acknowledged} | ${r.received} | ${r.lost} |`);
	const { saturated, steps, rate } = saturatedThroughput(report);
	const base = rate(baseline);
	lines.push('');
	lines.push(
		saturated
			? `Throughput at saturation (the steps where the Webhook node fell behind: ${steps.join(', ')} /s), accepted per second over those steps:`
			: `No step saturated the Webhook node; accepted per second over all steps:`,
	);
	for (const r of report)
		lines.push(`- ${r.label}: ${fmt(rate(r))}/s = ${fmt(rate(r) / base, 2)}× the Webhook node`);
	lines.push(
		`Graph calls through the proxy since the bench started: ${JSON.stringify(graphCalls)}`,
	);
	process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

const results = [];
try {
	for (const config of CONFIGS) {
		const result = await runConfiguration(config);
		results.push(result);
		printConfiguration(result);
	}
} finally {
	await proxy.close();
	sink.close();
	agent.destroy();
}
mkdirSync(new URL('./results', import.meta.url), { recursive: true });
writeFileSync(
	new URL(`./results/load-${Date.now()}.json`, import.meta.url),
	JSON.stringify(results, null, 2),
);
process.exit(0);
