// `npm run dev -- --sandbox` stops everything it started when its own process gets SIGINT,
// SIGTERM or SIGHUP, also while n8n is still starting: n8n (and its task runner) gone, the
// ports of n8n, its broker and the emulators free again. Runs the real script on its own user
// folder and ports (MB_E2E_PORT + 40, MB_EMULATOR_PORT_BASE + 20).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portFree } from '../../scripts/preflight.mjs';
import { emulatorPorts } from '../emulators/fixtures.mjs';

const root = new URL('../../', import.meta.url).pathname;
const n8nPort = Number(process.env.MB_E2E_PORT ?? 5788) + 40;
const emulatorBase = Number(process.env.MB_EMULATOR_PORT_BASE ?? 5811) + 20;
const ports = [n8nPort, n8nPort + 1, ...Object.values(emulatorPorts(emulatorBase))];

/**
 * Pids of processes whose environment names this user folder: n8n and its task runner, and with
 * `script` also the dev script (and npm, sh) that started them.
 */
function processesOf(userFolder, { script = false } = {}) {
	const pids = [];
	for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
		try {
			const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
			if (
				environ.includes(`N8N_USER_FOLDER=${userFolder}`) ||
				(script && environ.includes(`MB_DEV_USER_FOLDER=${userFolder}`))
			) {
				pids.push(Number(pid));
			}
		} catch {
			// gone, or not ours
		}
	}
	return pids;
}

async function waitFor(predicate, timeoutMs, what) {
	const started = Date.now();
	while (!(await predicate())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

function startDev(userFolder, { viaNpm = false } = {}) {
	const [command, args] = viaNpm
		? ['npm', ['run', 'dev', '--silent', '--', '--sandbox', '--no-build']]
		: [process.execPath, ['scripts/dev.mjs', '--sandbox', '--no-build']];
	const child = spawn(command, args, {
		cwd: root,
		env: {
			...process.env,
			N8N_PORT: String(n8nPort),
			MB_EMULATOR_PORT_BASE: String(emulatorBase),
			MB_DEV_USER_FOLDER: userFolder,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, exited, output: () => output };
}

async function assertAllStopped(userFolder, dev) {
	const { code } = await Promise.race([
		dev.exited,
		new Promise((r) => setTimeout(() => r({ code: 'timeout' }), 30_000)),
	]);
	assert.notEqual(code, 'timeout', `dev script still running:\n${dev.output().slice(-2000)}`);
	// Through npm, `exited` is npm's exit: the script itself may still be stopping n8n (up to 10 s
	// before a SIGKILL) and the emulators, so wait for every process of the folder, not only n8n.
	await waitFor(
		async () => processesOf(userFolder, { script: true }).length === 0,
		45_000,
		'the dev script and n8n to end',
	).catch(() => {});
	assert.deepEqual(
		processesOf(userFolder, { script: true }),
		[],
		'processes of the dev user folder left running',
	);
	for (const port of ports) assert.ok(await portFree(port), `port ${port} still in use`);
}

describe('npm run dev: signals stop everything', { timeout: 10 * 60_000 }, () => {
	const cases = [
		['SIGINT', 'while n8n is starting'],
		['SIGTERM', 'once n8n is ready'],
		// npm passes no signal on to the script (npm → sh → node): only its exit tells.
		['SIGTERM', "to npm's own process, once n8n is ready", { viaNpm: true }],
	];
	for (const [signal, moment, options] of cases) {
		it(`${signal} ${moment}`, async () => {
			for (const port of ports)
				assert.ok(await portFree(port), `port ${port} taken before the test`);
			const userFolder = mkdtempSync(join(tmpdir(), 'mb-dev-signals-'));
			const dev = startDev(userFolder, options);
			try {
				if (moment === 'while n8n is starting') {
					// The emulators are up and the imports done: n8n is being started next.
					await waitFor(() => /Sandbox: emulators/.test(dev.output()), 5 * 60_000, 'the sandbox');
					await waitFor(() => processesOf(userFolder).length > 0, 60_000, 'n8n to be spawned');
				} else {
					await waitFor(() => /n8n is ready/.test(dev.output()), 5 * 60_000, 'n8n to be ready');
					const res = await fetch(`http://127.0.0.1:${n8nPort}/healthz`);
					assert.equal(res.status, 200);
				}
				dev.child.kill(signal);
				await assertAllStopped(userFolder, dev);
			} finally {
				dev.child.kill('SIGKILL');
				for (const pid of processesOf(userFolder, { script: true })) process.kill(pid, 'SIGKILL');
				rmSync(userFolder, { recursive: true, force: true });
			}
		});
	}
});
