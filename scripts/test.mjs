// `npm test`: installs what is missing (idempotent), builds, lints (eslint + the community
// package scan), then runs the test layers, each through its runner (scripts/test-layers.mjs):
// unit and node tests on jest, end-to-end tests on node:test, then the browser tests (n8n's editor
// in Debian's Chromium, node:test) and the queue-mode tests (n8n's distributed engine on Postgres
// and Redis, node:test) on their own, so they get the machine; and prints one summary
// (per layer passed/failed/skipped and duration, then `N passed, N failed` as the last line).
//   npm test                    everything
//   npm test -- --no-e2e        without the real-n8n tests (faster while developing)
//   npm test -- --only-e2e      only the real-n8n tests (end-to-end and browser)
//   npm test -- --no-browser    without the browser tests (n8n's editor in Chromium)
//   npm test -- --no-queue      without the queue-mode tests (main + webhook processes + worker)
//   npm test -- test/unit/x.test.mjs …   just these files (test/unit, test/nodes on jest; others on node:test)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
	busyPorts,
	checkoutChanges,
	ensureChromium,
	ensureDevDependencies,
	ensureRedisServer,
	gitSnapshot,
} from './preflight.mjs';
import { printSummary, runJest, runNodeTest, runsOnJest } from './test-layers.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const noE2e = args.includes('--no-e2e') || process.env.MB_SKIP_E2E === '1';
const onlyE2e = args.includes('--only-e2e');
const files = args.filter((a) => !a.startsWith('--'));
const BROWSER_TESTS = 'test/browser/browser.test.mjs';
const QUEUE_TESTS = 'test/queue/queue.test.mjs';
const env = { ...process.env, CI: 'true', npm_config_yes: 'true' };

// What git says before anything runs: a test run must not change a tracked (or un-ignored) file.
const gitBefore = gitSnapshot();

const step = (title) => process.stdout.write(`\n▶ ${title}\n`);
const run = (command, commandArgs, options = {}) =>
	execFileSync(command, commandArgs, { cwd: root, env, stdio: 'inherit', ...options });

function collect(dir) {
	const abs = join(root, dir);
	if (!existsSync(abs)) return [];
	return readdirSync(abs, { recursive: true })
		.filter((f) => f.endsWith('.test.mjs'))
		.map((f) => relative(root, join(abs, f)))
		.sort();
}

let testFiles = files.filter((f) => f !== BROWSER_TESTS && f !== QUEUE_TESTS);
let browser = files.includes(BROWSER_TESTS);
let queue = files.includes(QUEUE_TESTS);
if (!files.length) {
	testFiles = onlyE2e ? [] : [...collect('test/unit'), ...collect('test/nodes')];
	if (!noE2e) testFiles.push('test/e2e/e2e.test.mjs', 'test/e2e/dev-signals.test.mjs');
	browser = !noE2e && !args.includes('--no-browser');
	queue = !noE2e && !args.includes('--no-queue');
}
const e2e = testFiles.includes('test/e2e/e2e.test.mjs');

// The end-to-end run listens on fixed loopback ports. One of them taken (most often by the
// sandbox of `npm run dev -- --sandbox`, whose emulators use the same ports) would otherwise
// surface as dozens of cancelled tests with EADDRINUSE deep in the log: stop here instead.
if (e2e || browser || queue) {
	const { PORTS } = await import('../test/emulators/fixtures.mjs');
	const { BROWSER_PORTS } = await import('../test/browser/ports.mjs');
	const n8nPort = Number(process.env.MB_E2E_PORT ?? 5788);
	const { queuePorts } = await import('../dev/queue.mjs');
	const q = queuePorts();
	const busy = await busyPorts({
		...(e2e
			? {
					'n8n (MB_E2E_PORT)': n8nPort,
					"n8n's task broker (MB_E2E_PORT + 1)": n8nPort + 1,
					...Object.fromEntries(
						Object.entries(PORTS).map(([name, port]) => [
							`${name} emulator (MB_EMULATOR_PORT_BASE)`,
							port,
						]),
					),
				}
			: {}),
		...(browser
			? {
					'browser-test n8n (MB_BROWSER_PORT)': BROWSER_PORTS.n8n,
					"browser-test n8n's task broker (MB_BROWSER_PORT + 1)": BROWSER_PORTS.n8n + 1,
					...Object.fromEntries(
						Object.entries(BROWSER_PORTS.emulators).map(([name, port]) => [
							`browser-test ${name} emulator (MB_BROWSER_EMULATOR_PORT_BASE)`,
							port,
						]),
					),
				}
			: {}),
		...(queue
			? {
					'queue-mode Postgres (MB_QUEUE_PORT_BASE)': q.postgres,
					'queue-mode Redis (MB_QUEUE_PORT_BASE + 1)': q.redis,
					'queue-mode balancer (MB_QUEUE_PORT_BASE + 2)': q.balancer,
					'queue-mode Redis REST front (MB_QUEUE_PORT_BASE + 3)': q.redisRest,
					'queue-mode main (MB_QUEUE_PORT_BASE + 4)': q.main,
					'queue-mode webhook A (MB_QUEUE_PORT_BASE + 6)': q.webhooks[0],
					'queue-mode webhook B (MB_QUEUE_PORT_BASE + 8)': q.webhooks[1],
					'queue-mode worker (MB_QUEUE_PORT_BASE + 10)': q.worker,
					'queue-mode Graph emulator (MB_QUEUE_PORT_BASE + 12)': q.emulatorBase,
				}
			: {}),
	});
	if (busy.length) {
		process.stderr.write(
			`\nnpm test: port ${busy.map((b) => `${b.port} (${b.label})`).join(', ')} ${busy.length > 1 ? 'are' : 'is'} already in use on 127.0.0.1.\n` +
				'The end-to-end tests need it. Likely cause: the sandbox of `npm run dev -- --sandbox` (its emulators use the\n' +
				'same ports), or an earlier test run that is still going. Fix: stop it (Ctrl-C in its terminal), or run the\n' +
				'tests on other ports, e.g.  MB_E2E_PORT=5950 MB_EMULATOR_PORT_BASE=5961 MB_QUEUE_PORT_BASE=6400 npm test\n' +
				'(or skip the real-n8n tests: npm test -- --no-e2e).\n',
		);
		process.exit(1);
	}
}

ensureDevDependencies();

step('build');
run('npm', ['run', 'build', '--silent']);

if (!onlyE2e && files.length === 0) {
	step(
		'lint (n8n community rules), community-package scan, release checks (workflows, package contents)',
	);
	run('npx', ['eslint', '.']);
	run('npx', ['prettier', '--check', '.', '--log-level=warn']);
	run('node', ['scripts/scan.mjs']);
	run('node', ['scripts/check-release.mjs']);
}

const jestFiles = testFiles.filter(runsOnJest);
const nodeTestFiles = testFiles.filter((f) => !runsOnJest(f));
if (e2e || browser || queue) {
	step('n8n host for the end-to-end, queue-mode and browser tests');
	const { ensureHost } = await import('../dev/host.mjs');
	ensureHost();
}
if (browser) ensureChromium();
// The node tests of the shared de-duplication store and the queue-mode tests run a real redis-server.
if (jestFiles.length || e2e || queue || browser) ensureRedisServer();

const layers = [];
if (jestFiles.length) {
	step(`unit and node tests: jest (${jestFiles.length} files)`);
	// a full run lets jest find the files itself (jest.config.mjs testMatch: the same two folders)
	layers.push(runJest(files.length ? jestFiles : [], env));
}
if (nodeTestFiles.length) {
	step(`${e2e ? 'end-to-end tests' : 'tests'}: node:test (${nodeTestFiles.length} files)`);
	layers.push(runNodeTest(e2e ? 'end-to-end' : 'other', nodeTestFiles, env, { concurrency: 2 }));
}
if (queue) {
	step('queue-mode tests: main + webhook processes A and B + worker on Postgres 17 and Redis');
	layers.push(runNodeTest('queue', [QUEUE_TESTS], env));
}
if (browser) {
	step(
		"browser tests: n8n's editor in Chromium (screenshots of failures in test-results/browser/)",
	);
	layers.push(runNodeTest('browser', [BROWSER_TESTS], env));
}
let checkoutNote = '';
let status = layers.some((layer) => layer.status !== 0) ? 1 : 0;
// the summary names the layers a full run has and this one skipped (not when files were given)
const noE2eWhy = args.includes('--no-e2e') ? '--no-e2e' : 'MB_SKIP_E2E=1';
const notRun = [];
if (!files.length && onlyE2e) notRun.push({ name: 'unit + node (jest)', why: '--only-e2e' });
if (!files.length && noE2e) notRun.push({ name: 'end-to-end (node:test)', why: noE2eWhy });
if (!files.length && !queue)
	notRun.push({ name: 'queue (node:test)', why: noE2e ? noE2eWhy : '--no-queue' });
if (!files.length && !browser)
	notRun.push({ name: 'browser (node:test)', why: noE2e ? noE2eWhy : '--no-browser' });

// A run leaves the checkout as it found it: installs use `npm ci` (which never rewrites the lock),
// and whatever the tests write goes to git-ignored places (dist/, test-results/, .n8n-e2e/, …) or
// outside the repository. On a clean checkout (CI, a fresh clone) any change fails the run; on one
// that was already being edited, a change is reported, since someone else's edit during the run
// looks the same (MB_STRICT_GIT_STATUS=1 makes it fail there too).
if (gitBefore) {
	const changed = checkoutChanges(gitBefore, gitSnapshot());
	if (changed.length) {
		const strict = gitBefore.lines.length === 0 || process.env.MB_STRICT_GIT_STATUS === '1';
		process.stderr.write(
			`\nnpm test: ${strict ? '' : 'warning: '}the checkout changed during the run (git status --porcelain):\n` +
				changed.map((line) => `  ${line}\n`).join('') +
				'A test run must not modify tracked files or leave un-ignored ones: write generated output under a\n' +
				'git-ignored folder (dist/, test-results/, .n8n-e2e/) or a temporary directory.' +
				(strict
					? '\n'
					: '\n(The checkout was already modified when the run started, so these may be edits made meanwhile.)\n'),
		);
		if (strict) status ||= 1;
		checkoutNote = `${strict ? '✖ the run failed: it' : '! warning: the run'} changed the checkout (git status --porcelain, see above)`;
	} else {
		step(
			`checkout unchanged by the run (git status --porcelain${gitBefore.lines.length ? ': as before' : ': empty'})`,
		);
	}
}
printSummary(layers, notRun, checkoutNote ? [checkoutNote] : []);
process.exit(status);
