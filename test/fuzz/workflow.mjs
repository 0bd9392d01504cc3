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
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: FUZZ_WEBHOOK_ID,
			parameters: { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} },
			credentials: { facebookAppApi: { id: 'mbFacebookApp001', name: 'Facebook App (emulator)' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
};

/** Executions recorded for the fuzz workflow (the listing's total, not one page of it). */
async function executionCount(env) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: FUZZ_WORKFLOW_ID }));
	const list = await env.rest(`/rest/executions?filter=${filter}&limit=1`);
	return list.count;
}

/** The ceiling n8n's resident memory must stay under, however many requests are sent. */
export const RSS_CEILING_MIB = 3072;

/**
 * Runs the fuzzer against a started env and checks what the issue asks: statuses, executions,
 * memory, liveness. The two 10 MB cases go first. Memory is sampled all along: V8 grows its
 * heap under load and gives it back later, so "bounded" means a peak under a fixed ceiling that
 * does not depend on how many requests were sent (10,000 with `npm run fuzz`, 600 in CI).
 */
export async function fuzzAndCheck(
	env,
	{ count, seed = Number(process.env.MB_FUZZ_SEED ?? 20261121), heavy = true },
) {
	const { runFuzz, rssMiB } = await import('./fuzz.mjs');
	const before = await executionCount(env);
	const rssBefore = rssMiB(env.n8n.process.pid);
	const common = {
		port: Number(new URL(env.url).port),
		webhookPath: `${FUZZ_WEBHOOK_ID}/webhook`,
		appSecret: GRAPH.appSecret,
		verifyToken: GRAPH.verifyToken,
	};
	let rssPeak = rssBefore;
	const sampler = setInterval(
		() => (rssPeak = Math.max(rssPeak, rssMiB(env.n8n.process.pid) || 0)),
		200,
	);
	const started = Date.now();
	const heavyRun = heavy
		? await runFuzz({ ...common, count: 0, seed, heavy: true, concurrency: 2 })
		: { total: 0, byCase: {}, mismatches: [], starts: 0 };
	const rssAfterHeavy = rssMiB(env.n8n.process.pid);
	const bulk = await runFuzz({ ...common, count, seed, heavy: false });
	const seconds = (Date.now() - started) / 1000;
	const result = {
		total: heavyRun.total + bulk.total,
		byCase: { ...heavyRun.byCase, ...bulk.byCase },
		mismatches: [...heavyRun.mismatches, ...bulk.mismatches],
		starts: heavyRun.starts + bulk.starts,
	};
	// Every accepted request starts exactly one execution; wait for them to be recorded.
	const expected = before + result.starts;
	let executions = before;
	for (let i = 0; i < 600 && executions < expected; i++) {
		await new Promise((r) => setTimeout(r, 250));
		executions = await executionCount(env);
	}
	await new Promise((r) => setTimeout(r, 1000));
	executions = await executionCount(env);
	clearInterval(sampler);
	const health = await fetch(`${env.url}/healthz`)
		.then((r) => r.status)
		.catch(() => 0);
	return {
		...result,
		seconds,
		executionsStarted: executions - before,
		rssBefore,
		rssAfterHeavy,
		rssPeak,
		rssAfter: rssMiB(env.n8n.process.pid),
		health,
	};
}

export function formatFuzzReport(r) {
	const lines = [
		`fuzz: ${r.total} requests in ${r.seconds.toFixed(1)} s; mismatches ${r.mismatches.length}; executions started ${r.executionsStarted} (accepted requests ${r.starts}); n8n RSS ${r.rssBefore.toFixed(0)} MiB at start, ${r.rssAfterHeavy.toFixed(0)} after the 10 MB bodies, peak ${r.rssPeak.toFixed(0)}, ${r.rssAfter.toFixed(0)} at the end (ceiling ${RSS_CEILING_MIB}); /healthz ${r.health}`,
	];
	for (const [name, s] of Object.entries(r.byCase).sort()) {
		const statuses = Object.entries(s)
			.filter(([k]) => k !== 'sent' && k !== 'ok')
			.map(([k, n]) => `${k}×${n}`)
			.join(' ');
		lines.push(
			`  ${name.padEnd(32)} ${String(s.sent).padStart(6)} sent  ${String(s.ok).padStart(6)} as specified  (${statuses})`,
		);
	}
	for (const m of r.mismatches)
		lines.push(`  MISMATCH ${m.case}: expected ${m.expected}, got ${m.got} ${m.body}`);
	return lines.join('\n');
}
