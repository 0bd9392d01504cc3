// What `npm test` and `npm run dev` check before they start: the repository's dev dependencies
// (installed with `npm ci` when missing or older than package-lock.json) and the loopback ports
// they listen on; and, for `npm test`, what git says about the checkout before and after a run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function installed() {
	const marker = join(root, 'node_modules', '.package-lock.json');
	return (
		existsSync(marker) &&
		statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs
	);
}

/**
 * Installs the dev dependencies (tsc, eslint, n8n-core …) with `npm ci` unless node_modules is up to
 * date. `npm ci` installs exactly what package-lock.json says and never rewrites it (or
 * package.json), so a test run leaves the checkout as it found it; a lock out of step with
 * package.json stops here with npm's message instead of being silently regenerated.
 */
export function ensureDevDependencies() {
	if (installed()) return false;
	process.stdout.write(
		'\n▶ installing dev dependencies with npm ci (first run, or package-lock.json changed)\n',
	);
	// --ignore-scripts: n8n-workflow pulls isolated-vm, whose build needs Node 24; nothing here needs
	// it. CI/npm_config_yes: eslint-plugin-n8n-nodes-base's preinstall asks otherwise.
	execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: root,
		env: { ...process.env, CI: 'true', npm_config_yes: 'true' },
		stdio: 'inherit',
	});
	return true;
}

/** Resolves true when nothing listens on host:port (we could bind it), false when it is taken. */
export function portFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
	});
}

/**
 * The ports of `wanted` ({label: port}) that are taken, as [{label, port}].
 * Checked on 127.0.0.1, where n8n and the emulators listen.
 */
export async function busyPorts(wanted) {
	const busy = [];
	for (const [label, port] of Object.entries(wanted)) {
		if (!(await portFree(port))) busy.push({ label, port });
	}
	return busy;
}

/**
 * Debian's Chromium for the browser tests (never a browser download): installed with apt-get when
 * missing and this runs as root (as CI does); otherwise says how to install it.
 */
export function ensureChromium(executable = process.env.MB_CHROMIUM ?? '/usr/bin/chromium') {
	if (existsSync(executable)) return executable;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Chromium is missing at ${executable}. Install Debian's package (sudo apt-get install chromium), ` +
				'set MB_CHROMIUM to another Chromium, or skip the browser tests with: npm test -- --no-browser',
		);
	}
	process.stdout.write('\n▶ installing Chromium from Debian (first run only)\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
	execFileSync(
		'apt-get',
		['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'],
		{ env, stdio: 'inherit' },
	);
	return executable;
}

/**
 * Debian's `redis-server` for the shared de-duplication tests (a real Redis behind the REST
 * front in test/emulators/redis-rest) and the queue-mode tests: installed with apt-get when
 * missing and this runs as root (as CI does); otherwise says how to install it.
 */
export function ensureRedisServer(
	executable = process.env.MB_REDIS_SERVER ?? '/usr/bin/redis-server',
) {
	if (existsSync(executable)) return executable;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`redis-server is missing at ${executable}. Install Debian's package (sudo apt-get install redis-server) ` +
				'or set MB_REDIS_SERVER to another redis-server binary',
		);
	}
	process.stdout.write('\n▶ installing redis-server from Debian (first run only)\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], {
		env,
		stdio: 'inherit',
	});
	return executable;
}

/**
 * What `git status --porcelain` says about the checkout at `dir`, with a hash of each listed file's
 * content (so a file that was already modified and changes again is seen), or null outside a git
 * checkout (an unpacked tarball) or without git.
 */
export function gitSnapshot(dir = root) {
	let out;
	try {
		if (
			execFileSync('git', ['rev-parse', '--show-toplevel'], {
				cwd: dir,
				stdio: ['ignore', 'pipe', 'ignore'],
			})
				.toString()
				.trim() === ''
		)
			return null;
		out = execFileSync('git', ['status', '--porcelain'], {
			cwd: dir,
			stdio: ['ignore', 'pipe', 'ignore'],
		}).toString();
	} catch {
		return null;
	}
	const entries = new Map();
	for (const line of out.split('\n').filter(Boolean)) {
		const path = line
			.slice(3)
			.split(' -> ')
			.pop()
			.replace(/^"(.*)"$/, '$1');
		entries.set(path, `${line.slice(0, 2)} ${contentHash(join(dir, path))}`);
	}
	return { lines: out.split('\n').filter(Boolean), entries };
}

function contentHash(file) {
	try {
		return statSync(file).isFile()
			? createHash('sha1').update(readFileSync(file)).digest('hex')
			: 'dir';
	} catch {
		return 'gone';
	}
}

/**
 * The files a run changed, comparing two gitSnapshot()s: `git status --porcelain` lines that are new,
 * or whose file changed, since `before`. Empty when the run left the checkout as it found it.
 */
export function checkoutChanges(before, after) {
	return after.lines.filter((line) => {
		const path = line
			.slice(3)
			.split(' -> ')
			.pop()
			.replace(/^"(.*)"$/, '$1');
		return before.entries.get(path) !== after.entries.get(path);
	});
}
