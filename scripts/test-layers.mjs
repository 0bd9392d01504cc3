// The test layers `npm test` runs (scripts/test.mjs), each through its runner, and the one summary
// printed at the end:
//   unit + node   jest (jest.config.mjs), in jest's ESM mode: `node --experimental-vm-modules`
//   end-to-end    node:test (test/e2e: a real n8n from dev/)
//   queue         node:test (test/queue: n8n's queue mode from dev/queue.mjs, Postgres and Redis)
//   browser       node:test (test/browser: n8n's editor in Chromium)
// Each layer's counts come from a machine-readable report next to its console output (jest's
// --json file, a TAP file from node:test's second reporter) under the git-ignored test-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-results');

/** The folders whose tests jest runs (jest.config.mjs testMatch); the rest stay on node:test. */
export const JEST_FOLDERS = ['test/unit/', 'test/nodes/'];
export const runsOnJest = (file) =>
	JEST_FOLDERS.some((folder) => file.replace(/^\.\//, '').startsWith(folder));

function report(file) {
	mkdirSync(resultsDir, { recursive: true });
	const path = join(resultsDir, file);
	rmSync(path, { force: true });
	return path;
}

/** A layer that ran: its counts, and failed ≥ 1 whenever its runner exited non-zero. */
function layer(name, status, startedAt, counts) {
	const result = {
		name,
		status,
		ms: Date.now() - startedAt,
		passed: 0,
		failed: 0,
		skipped: 0,
		note: '',
		...counts,
	};
	if (status !== 0 && result.failed === 0) {
		result.failed = 1;
		result.note = counts
			? `${result.note} runner exited with ${status}`.trim()
			: `no results: runner exited with ${status}`;
	}
	return result;
}

/** jest for these unit and node test files (all of them when none are given); exits non-zero on any failure. */
export function runJest(files, env) {
	const output = report('jest-results.json');
	const startedAt = Date.now();
	const result = spawnSync(
		process.execPath,
		[
			'--experimental-vm-modules',
			'--disable-warning=ExperimentalWarning',
			join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
			'--config',
			join(root, 'jest.config.mjs'),
			'--json',
			`--outputFile=${output}`,
			...(files.length ? ['--runTestsByPath', ...files] : []),
		],
		{ cwd: root, env, stdio: 'inherit' },
	);
	let counts;
	if (existsSync(output)) {
		const json = JSON.parse(readFileSync(output, 'utf8'));
		counts = {
			passed: json.numPassedTests,
			// a file that throws while loading is a failed suite with no failed test
			failed: json.numFailedTests + json.numRuntimeErrorTestSuites,
			skipped: json.numPendingTests + json.numTodoTests,
			note: json.numRuntimeErrorTestSuites
				? `${json.numRuntimeErrorTestSuites} file(s) failed to load`
				: '',
		};
	}
	return layer('unit + node (jest)', result.status ?? 1, startedAt, counts);
}

/** node:test with the spec reporter on the console and TAP into test-results/ for the counts. */
export function runNodeTest(name, files, env, { concurrency = 1 } = {}) {
	const tap = report(`${name.replace(/\W+/g, '-')}.tap`);
	const startedAt = Date.now();
	const result = spawnSync(
		process.execPath,
		[
			'--test',
			'--test-reporter=spec',
			'--test-reporter-destination=stdout',
			'--test-reporter=tap',
			`--test-reporter-destination=${tap}`,
			`--test-concurrency=${concurrency}`,
			...files,
		],
		{ cwd: root, env, stdio: 'inherit' },
	);
	let counts;
	if (existsSync(tap)) {
		// the run's totals: the last top-level "# pass N" … lines of the TAP stream
		const total = (key) => {
			const all = [...readFileSync(tap, 'utf8').matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
			return all.length ? Number(all.at(-1)[1]) : 0;
		};
		counts = {
			passed: total('pass'),
			failed: total('fail') + total('cancelled'),
			skipped: total('skipped') + total('todo'),
		};
	}
	return layer(`${name} (node:test)`, result.status ?? 1, startedAt, counts);
}

/**
 * The one summary: a line per layer (passed/failed/skipped, duration), the layers not run, then
 * notes (e.g. the checkout check), then `N passed, N failed` alone on the last line (CI reads it),
 * all layers added up.
 */
export function printSummary(layers, notRun = [], notes = []) {
	const width = Math.max(
		...[...layers.map((l) => l.name), ...notRun.map((n) => n.name)].map((n) => n.length),
	);
	const lines = ['', '▶ summary'];
	for (const l of layers) {
		lines.push(
			`  ${l.status === 0 ? '✔' : '✖'} ${l.name.padEnd(width)}  ${l.passed} passed, ${l.failed} failed, ${l.skipped} skipped  ` +
				`${(l.ms / 1000).toFixed(1)} s${l.note ? `  (${l.note})` : ''}`,
		);
	}
	for (const n of notRun) lines.push(`  - ${n.name.padEnd(width)}  not run (${n.why})`);
	for (const note of notes) lines.push(`  ${note}`);
	const sum = (key) => layers.reduce((total, l) => total + l[key], 0);
	lines.push(`${sum('passed')} passed, ${sum('failed')} failed`);
	process.stdout.write(`${lines.join('\n')}\n`);
}
