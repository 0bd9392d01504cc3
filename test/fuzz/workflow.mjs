// The workflow the fuzzer aims at: a Messenger Trigger on its own, default options.
import { GRAPH } from '../emulators/fixtures.mjs';

export const FUZZ_WEBHOOK_ID = 'fuzz-trigger-0001';
export const FUZZ_WORKFLOW_ID = 'fuzzTrigger00001';

export const fuzzWorkflow = {
	id: FUZZ_WORKFLOW_ID,
	name: 'fuzz: Messenger Trigger',
	nodes: [
		{
			id: 'fuzz-trigger',
			name: 'Messenger Trigger',
			type: 'n8n-nodes-messenger-bridge.messengerTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: FUZZ_WEBHOOK_ID,
			parameters: { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} },
			credentials: { facebookAppApi: { id: 'mbFacebookApp001', name: 'Facebook App (emulator)' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/** Runs the fuzzer against a started env and checks what the issue asks: statuses, executions, memory, liveness. */
export async function fuzzAndCheck(env, { count, seed = Number(process.env.MB_FUZZ_SEED ?? 20261121), heavy = true }) {
	const { runFuzz, rssMiB } = await import('./fuzz.mjs');
	const before = await env.executions(FUZZ_WORKFLOW_ID, { includeData: false });
	const rssBefore = rssMiB(env.n8n.process.pid);
	const started = Date.now();
	const result = await runFuzz({
		port: Number(new URL(env.url).port),
		webhookPath: `${FUZZ_WEBHOOK_ID}/webhook`,
		appSecret: GRAPH.appSecret,
		verifyToken: GRAPH.verifyToken,
		count,
		seed,
		heavy,
	});
	const seconds = (Date.now() - started) / 1000;
	// Every accepted request starts exactly one execution; wait for them to be recorded.
	const expected = before.length + result.starts;
	let executions = before.length;
	for (let i = 0; i < 600 && executions < expected; i++) {
		await new Promise((r) => setTimeout(r, 250));
		executions = (await env.executions(FUZZ_WORKFLOW_ID, { includeData: false, limit: 10_000 })).length;
	}
	await new Promise((r) => setTimeout(r, 1000));
	executions = (await env.executions(FUZZ_WORKFLOW_ID, { includeData: false, limit: 10_000 })).length;
	const health = await fetch(`${env.url}/healthz`).then((r) => r.status).catch(() => 0);
	return { ...result, seconds, executionsStarted: executions - before.length, rssBefore, rssAfter: rssMiB(env.n8n.process.pid), health };
}

export function formatFuzzReport(r) {
	const lines = [`fuzz: ${r.total} requests in ${r.seconds.toFixed(1)} s; mismatches ${r.mismatches.length}; executions started ${r.executionsStarted} (accepted requests ${r.starts}); n8n RSS ${r.rssBefore.toFixed(0)} → ${r.rssAfter.toFixed(0)} MiB; /healthz ${r.health}`];
	for (const [name, s] of Object.entries(r.byCase).sort()) lines.push(`  ${name.padEnd(32)} ${String(s.sent).padStart(6)} sent  ${String(s.ok).padStart(6)} as specified`);
	for (const m of r.mismatches) lines.push(`  MISMATCH ${m.case}: expected ${m.expected}, got ${m.got} ${m.body}`);
	return lines.join('\n');
}
