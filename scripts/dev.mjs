// `npm run dev`: builds the package, installs the pinned n8n the first time, installs the package
// into ./.n8n-dev as a community package, and starts n8n on http://localhost:5678 (SQLite).
// `npm run dev -- --sandbox` also starts the loopback emulators of every API the package talks
// to and imports credentials that point at them, so every node can be tried offline.
// Ctrl-C stops everything.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureHost, installPackage, n8nCli, repoRoot, startN8n } from '../dev/host.mjs';

const sandbox = process.argv.includes('--sandbox');
const port = Number(process.env.N8N_PORT ?? 5678);
const userFolder = join(repoRoot, '.n8n-dev');

ensureHost();
mkdirSync(userFolder, { recursive: true });
process.stdout.write('Building and installing n8n-nodes-messenger-bridge into .n8n-dev …\n');
installPackage(userFolder);

let emulators;
if (sandbox) {
	const { startAll } = await import('../test/emulators/index.mjs');
	const { emulatorCredentials, PORTS } = await import('../test/emulators/fixtures.mjs');
	emulators = await startAll({ ports: PORTS, host: '127.0.0.1' });
	const file = join(userFolder, 'sandbox-credentials.json');
	writeFileSync(file, JSON.stringify(emulatorCredentials()));
	n8nCli(userFolder, ['import:credentials', `--input=${file}`], port);
	process.stdout.write(
		`Sandbox: emulators on 127.0.0.1 ports ${Object.values(PORTS).join(', ')}; credentials "… (emulator)" imported.\n`,
	);
}

const n8n = await startN8n(userFolder, { port, inheritOutput: true, timeoutMs: 300_000 });
process.stdout.write(`\nn8n is ready: ${n8n.url}  (Ctrl-C to stop)\n`);

let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	await n8n.stop();
	await emulators?.closeAll();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
n8n.process.on('exit', (code) => {
	if (!stopping) {
		emulators?.closeAll();
		process.exit(code ?? 1);
	}
});
