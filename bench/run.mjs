// `npm run bench`: every micro and API benchmark in turn (each prints its own ratios).
// `npm run bench:load` runs the minutes-long side-by-side load test in a real n8n separately.
import { spawnSync } from 'node:child_process';

const benches = [
	'trigger.mjs',
	'sharedDedupe.mjs',
	'send.mjs',
	'genesys.mjs',
	'openMessagingTrigger.mjs',
];
let failed = 0;
for (const bench of benches) {
	process.stdout.write(`\n=== bench/${bench}\n`);
	const { status } = spawnSync('node', [new URL(bench, import.meta.url).pathname], {
		stdio: 'inherit',
	});
	if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
