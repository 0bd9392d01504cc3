// `npm run dev`: installs the dev dependencies when missing, builds the package, installs the
// pinned n8n the first time, installs the package into ./.n8n-dev as a community package (listed
// in Settings → Community nodes), and starts n8n on http://localhost:5678 (SQLite).
// `npm run dev -- --sandbox` also starts the loopback emulators of every API the package talks
// to, imports credentials that point at them and every workflow of examples/ with those
// credentials attached, so every node can be tried offline. Re-running replaces what it imported.
// Ctrl-C (SIGINT), SIGTERM or SIGHUP stop everything, also while n8n is still starting.
// N8N_PORT moves n8n (its task broker takes the next port), MB_EMULATOR_PORT_BASE the emulators,
// MB_DEV_USER_FOLDER the n8n user folder (default ./.n8n-dev).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { busyPorts, ensureDevDependencies } from './preflight.mjs';
import { ensureHost, installPackage, n8nCliAsync, repoRoot, startN8n } from '../dev/host.mjs';

const sandbox = process.argv.includes('--sandbox');
// --no-build: install dist/ as it is (the signal test uses it while other tests build).
const build = !process.argv.includes('--no-build');
const port = Number(process.env.N8N_PORT ?? 5678);
const userFolder = process.env.MB_DEV_USER_FOLDER ?? join(repoRoot, '.n8n-dev');
const say = (message) => process.stdout.write(`${message}\n`);

// Signals are handled from the first line on: whatever is running (an import, n8n starting or
// serving, the emulators) is stopped, then the process exits.
const abort = new AbortController();
let n8n;
let starting;
let emulators;
let stopping = false;
async function stop(signal, code) {
	if (stopping) return;
	stopping = true;
	abort.abort(new Error(`stopped by ${signal}`));
	// n8n still starting: startN8n sees the abort, stops its child and rejects.
	const started = n8n ?? (await starting?.catch(() => null));
	await started?.stop();
	await emulators?.closeAll();
	process.exit(code);
}
const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const [signal, code] of Object.entries(exitCodes))
	process.on(signal, () => stop(signal, code));
// `npm run dev` is npm → sh → this script. A signal sent to npm's process alone (kill <npm pid>)
// ends npm and sh without reaching here; this script then finds itself with another parent.
const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) void stop('its parent process ending', 143);
}, 500).unref();

const { PORTS, emulatorCredentials } = await import('../test/emulators/fixtures.mjs');
const busy = await busyPorts({
	'n8n (N8N_PORT)': port,
	"n8n's task broker (N8N_PORT + 1)": port + 1,
	...(sandbox
		? Object.fromEntries(
				Object.entries(PORTS).map(([name, p]) => [`${name} emulator (MB_EMULATOR_PORT_BASE)`, p]),
			)
		: {}),
});
if (busy.length) {
	process.stderr.write(
		`npm run dev: port ${busy.map((b) => `${b.port} (${b.label})`).join(', ')} already in use on 127.0.0.1.\n` +
			'Another `npm run dev`, an n8n of your own, or `npm test` (its end-to-end emulators use the same ports) holds it.\n' +
			'Stop it, or choose other ports, e.g.  N8N_PORT=5990 MB_EMULATOR_PORT_BASE=6001 npm run dev -- --sandbox\n',
	);
	process.exit(1);
}

try {
	ensureDevDependencies();
	ensureHost();
	mkdirSync(userFolder, { recursive: true });
	say(`Building and installing n8n-nodes-messenger-bridge into ${userFolder} …`);
	installPackage(userFolder, { build });

	if (sandbox) {
		const { startAll } = await import('../test/emulators/index.mjs');
		emulators = await startAll({ ports: PORTS, host: '127.0.0.1' });
		const importDir = join(userFolder, 'sandbox-import');
		rmSync(importDir, { recursive: true, force: true });
		mkdirSync(join(importDir, 'workflows'), { recursive: true });
		writeFileSync(join(importDir, 'credentials.json'), JSON.stringify(emulatorCredentials()));
		const examples = exampleWorkflows();
		for (const wf of examples)
			writeFileSync(join(importDir, 'workflows', `${wf.id}.json`), JSON.stringify(wf));
		// Fixed credential and workflow ids: importing again replaces instead of adding copies.
		await n8nCliAsync(
			userFolder,
			['import:credentials', `--input=${join(importDir, 'credentials.json')}`],
			port,
			{ signal: abort.signal },
		);
		await n8nCliAsync(
			userFolder,
			['import:workflow', '--separate', `--input=${join(importDir, 'workflows')}`],
			port,
			{ signal: abort.signal },
		);
		rmSync(importDir, { recursive: true, force: true });
		say(
			`Sandbox: emulators on 127.0.0.1 ports ${Object.values(PORTS).join(', ')}; credentials "… (emulator)" and ${examples.length} example workflows imported.`,
		);
	}

	starting = startN8n(userFolder, {
		port,
		inheritOutput: true,
		timeoutMs: 300_000,
		signal: abort.signal,
	});
	n8n = await starting;
} catch (error) {
	if (stopping) await new Promise(() => {}); // stop() exits
	await n8n?.stop();
	await emulators?.closeAll();
	process.stderr.write(`\nnpm run dev failed: ${error.message}\n`);
	process.exit(1);
}
say(`\nn8n is ready: ${n8n.url}  (Ctrl-C to stop)`);

n8n.process.on('exit', async (code) => {
	if (stopping) return;
	await emulators?.closeAll();
	process.exit(code ?? 1);
});

/** Every examples/*.json with a fixed id derived from its file name (n8n ids are 16 characters). */
function exampleWorkflows() {
	const dir = join(repoRoot, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8'));
			const id = `mbEx${createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
			return { active: false, ...workflow, id };
		});
}
