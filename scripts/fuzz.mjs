// `npm run fuzz`: 10,000 generated and mutated requests (MB_FUZZ_COUNT to change) against the
// Messenger Trigger in a real n8n started for the purpose; prints the counts per case.
process.env.MB_E2E_PORT ??= '5870';
process.env.MB_EMULATOR_PORT_BASE ??= '5880';
const { env } = await import('../test/e2e/env.mjs');
const { fuzzAndCheck, formatFuzzReport, fuzzWorkflow, RSS_CEILING_MIB } = await import(
	'../test/fuzz/workflow.mjs'
);

env.addWorkflows(fuzzWorkflow);
// Large runs would fill the database with execution records; the counts come from the answers.
let failed = true;
try {
	await env.start();
	const report = await fuzzAndCheck(env, { count: Number(process.env.MB_FUZZ_COUNT ?? 10_000) });
	process.stdout.write(`${formatFuzzReport(report)}\n`);
	failed =
		report.mismatches.length > 0 ||
		report.health !== 200 ||
		report.executionsStarted !== report.starts ||
		report.rssPeak >= RSS_CEILING_MIB;
} finally {
	await env.stop();
}
process.exit(failed ? 1 : 0);
