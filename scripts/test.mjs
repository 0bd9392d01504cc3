// `npm test`: installs what is missing (idempotent), builds, lints (eslint + the community
// package scan), then runs the unit, node and end-to-end tests in one node:test run.
//   npm test                    everything
//   npm test -- --no-e2e        without the real-n8n tests (faster while developing)
//   npm test -- --only-e2e      only the real-n8n tests
//   npm test -- test/unit/x.test.mjs …   just these files
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const noE2e = args.includes('--no-e2e') || process.env.MB_SKIP_E2E === '1';
const onlyE2e = args.includes('--only-e2e');
const files = args.filter((a) => !a.startsWith('--'));
const env = { ...process.env, CI: 'true', npm_config_yes: 'true' };

const step = (title) => process.stdout.write(`\n▶ ${title}\n`);
const run = (command, commandArgs, options = {}) =>
	execFileSync(command, commandArgs, { cwd: root, env, stdio: 'inherit', ...options });

function installed() {
	const marker = join(root, 'node_modules', '.package-lock.json');
	return existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

if (!installed()) {
	step('installing dev dependencies');
	// --ignore-scripts: n8n-workflow pulls isolated-vm, whose build needs Node 24; nothing here needs it.
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
}

step('build');
run('npm', ['run', 'build', '--silent']);

if (!onlyE2e && files.length === 0) {
	step('lint (n8n community rules) and community-package scan');
	run('npx', ['eslint', '.']);
	run('node', ['scripts/scan.mjs']);
}

function collect(dir) {
	const abs = join(root, dir);
	if (!existsSync(abs)) return [];
	return readdirSync(abs, { recursive: true })
		.filter((f) => f.endsWith('.test.mjs'))
		.map((f) => relative(root, join(abs, f)))
		.sort();
}

let testFiles = files;
if (!testFiles.length) {
	testFiles = onlyE2e ? [] : [...collect('test/unit'), ...collect('test/nodes')];
	if (!noE2e) testFiles.push('test/e2e/e2e.test.mjs');
}
if (testFiles.includes('test/e2e/e2e.test.mjs')) {
	step('n8n host for the end-to-end tests');
	const { ensureHost } = await import('../dev/host.mjs');
	ensureHost();
}

step(`tests (${testFiles.length} files)`);
const result = spawnSync('node', ['--test', '--test-reporter=spec', '--test-concurrency=2', ...testFiles], {
	cwd: root,
	env,
	stdio: 'inherit',
});
process.exit(result.status ?? 1);
