// What `npm test` and `npm run dev` check before they start: the repository's dev dependencies
// (installed when missing or older than package-lock.json) and the loopback ports they listen on.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function installed() {
	const marker = join(root, 'node_modules', '.package-lock.json');
	return existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

/** Installs the dev dependencies (tsc, eslint, n8n-core …) unless node_modules is up to date. */
export function ensureDevDependencies() {
	if (installed()) return false;
	process.stdout.write('\n▶ installing dev dependencies (first run only)\n');
	// --ignore-scripts: n8n-workflow pulls isolated-vm, whose build needs Node 24; nothing here needs
	// it. CI/npm_config_yes: eslint-plugin-n8n-nodes-base's preinstall asks otherwise.
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
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
	execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'], { env, stdio: 'inherit' });
	return executable;
}
