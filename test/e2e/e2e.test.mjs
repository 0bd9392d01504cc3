// The end-to-end run: every suite in ./suites registers its workflows, one n8n starts with all of
// them, then the suites' tests run against it. `npm test` runs this after the unit and node tests.
import { after, before } from 'node:test';
import { readdirSync } from 'node:fs';
import { env } from './env.mjs';

// Registered before the suites are imported (a suite created before its root hook exists starts
// without waiting for n8n), and started only once every suite has added its workflows.
let suitesLoaded;
const loaded = new Promise((resolve) => (suitesLoaded = resolve));
before(
	async () => {
		await loaded;
		await env.start();
	},
	{ timeout: 15 * 60_000 },
);

after(async () => {
	await env.stop();
});

const suites = readdirSync(new URL('./suites', import.meta.url))
	.filter((f) => f.endsWith('.mjs'))
	// MB_E2E_ONLY=<substring> runs the load check plus the matching suites (while developing).
	.filter(
		(f) => !process.env.MB_E2E_ONLY || f.startsWith('00-') || f.includes(process.env.MB_E2E_ONLY),
	)
	.sort();
for (const suite of suites) await import(`./suites/${suite}`);
suitesLoaded();
