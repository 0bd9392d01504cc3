// The GitHub Actions workflows keep what a release needs: CI installs with `npm ci` and runs
// build, lint and `npm test` on Node 24 with Debian's Chromium; Publish runs on a version tag and
// publishes with provenance through npm's trusted publishing (an OIDC token, never a stored npm
// token); `prepublishOnly` keeps a laptop `npm publish` from skipping that workflow; and a test run's
// install is `npm ci`, and the git-status check it ends with tells a changed file from an old one.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkoutChanges, gitSnapshot } from '../../scripts/preflight.mjs';

const root = new URL('../../', import.meta.url);
const read = (file) => readFileSync(new URL(file, root), 'utf8');

/**
 * Reads the YAML these workflow files use (block mappings and sequences, `|` block scalars,
 * quoted and plain scalars, `[a, b]` flow lists, comments) into plain objects. Anything else in
 * the files fails here, which keeps them simple enough to be read at a glance.
 */
export function readWorkflowYaml(text) {
	const lines = text
		.split('\n')
		.map((raw) => ({ raw, indent: raw.trim() ? raw.search(/\S/) : -1 }));
	let i = 0;
	const skip = () => {
		while (i < lines.length && (lines[i].indent < 0 || lines[i].raw.trim().startsWith('#'))) i++;
	};
	const uncomment = (s) => {
		let quote = null;
		for (let k = 0; k < s.length; k++) {
			if (quote) quote = s[k] === quote ? null : quote;
			else if (s[k] === "'" || s[k] === '"') quote = s[k];
			else if (s[k] === '#' && (k === 0 || s[k - 1] === ' ')) return s.slice(0, k);
		}
		return s;
	};
	const scalar = (s) => {
		s = uncomment(s).trim();
		if (/^'.*'$/.test(s)) return s.slice(1, -1).replace(/''/g, "'");
		if (/^".*"$/.test(s)) return JSON.parse(s);
		if (/^\[.*\]$/.test(s))
			return s
				.slice(1, -1)
				.split(',')
				.map(scalar)
				.filter((v) => v !== '');
		if (s === 'true' || s === 'false') return s === 'true';
		if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
		return s;
	};
	const blockScalar = (parentIndent) => {
		const out = [];
		let indent = -1;
		while (i < lines.length && (lines[i].indent < 0 || lines[i].indent > parentIndent)) {
			if (indent < 0 && lines[i].indent >= 0) indent = lines[i].indent;
			out.push(lines[i].indent < 0 ? '' : lines[i].raw.slice(indent));
			i++;
		}
		return `${out.join('\n').replace(/\n+$/, '')}\n`;
	};
	const value = (rest, indent) => {
		const r = uncomment(rest).trim();
		if (r === '|') return blockScalar(indent);
		if (r !== '') return scalar(r);
		skip();
		if (i >= lines.length) return null;
		const next = lines[i];
		if (next.indent > indent || (next.indent === indent && next.raw.trim().startsWith('- ')))
			return node(next.indent);
		return null;
	};
	const node = (indent) => {
		skip();
		if (lines[i].raw.trim().startsWith('- ')) {
			const list = [];
			for (
				skip();
				i < lines.length && lines[i].indent === indent && lines[i].raw.trim().startsWith('- ');
				skip()
			) {
				const item = lines[i].raw.slice(indent + 2);
				const itemIndent = indent + 2 + item.search(/\S/);
				if (/^[^'"\s][^:]*:(\s|$)/.test(item.trim())) {
					lines[i] = { raw: ' '.repeat(itemIndent) + item.trim(), indent: itemIndent };
					list.push(node(itemIndent));
				} else {
					i++;
					list.push(value(item, indent));
				}
			}
			return list;
		}
		const map = {};
		for (skip(); i < lines.length && lines[i].indent === indent; skip()) {
			const text = lines[i].raw.trim();
			const m = /^('[^']*'|"[^"]*"|[^\s'"][^:]*?):(?:\s+(.*))?$/.exec(text);
			assert.ok(m, `YAML line ${i + 1} is not "key: value": ${text}`);
			i++;
			map[scalar(m[1])] = value(m[2] ?? '', indent);
		}
		return map;
	};
	const doc = node(0);
	skip();
	assert.equal(i, lines.length, `YAML line ${i + 1} is indented unlike its neighbours`);
	return doc;
}

const ci = readWorkflowYaml(read('.github/workflows/ci.yml'));
const publish = readWorkflowYaml(read('.github/workflows/publish.yml'));
const steps = (workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const commands = (workflow) =>
	steps(workflow)
		.map((s) => s.run ?? '')
		.join('\n');
const uses = (workflow, action) => steps(workflow).find((s) => s.uses?.startsWith(`${action}@`));

describe('the workflow reader', () => {
	it('reads mappings, lists of mappings, block scalars, flow lists and quoted values', () => {
		const doc = readWorkflowYaml(
			[
				'# c',
				'on:',
				'  push:',
				'    branches: [main, next]',
				'    tags:',
				"      - 'v*'",
				'jobs:',
				'  a:',
				'    steps:',
				'      - uses: x/y@v4 # pin',
				'        with:',
				'          n: 24',
				'      - run: |',
				'          echo "a: b"',
				'',
				'          echo c',
				'',
			].join('\n'),
		);
		assert.deepEqual(doc, {
			on: { push: { branches: ['main', 'next'], tags: ['v*'] } },
			jobs: {
				a: { steps: [{ uses: 'x/y@v4', with: { n: 24 } }, { run: 'echo "a: b"\n\necho c\n' }] },
			},
		});
	});
});

describe('.github/workflows/ci.yml', () => {
	it('runs on pull requests and on pushes to main', () => {
		assert.ok('pull_request' in ci.on, 'on.pull_request');
		assert.deepEqual(ci.on.push.branches, ['main']);
	});
	it('uses Node 24 from actions/setup-node and installs Chromium with apt-get', () => {
		assert.equal(String(uses(ci, 'actions/setup-node').with['node-version']), '24');
		assert.match(commands(ci), /apt-get install\b[^\n]*\bchromium\b/);
	});
	it('installs with npm ci, then builds, lints and runs npm test, in that order', () => {
		const runs = steps(ci).map((s) => s.run?.trim() ?? '');
		const at = (re) => runs.findIndex((r) => re.test(r));
		const order = [/^npm ci\b/, /^npm run build$/, /^npm run lint$/, /^npm test$/].map(at);
		assert.ok(
			order.every((n) => n >= 0),
			`steps found: ${order}`,
		);
		assert.deepEqual(
			[...order].sort((a, b) => a - b),
			order,
		);
		assert.doesNotMatch(commands(ci), /\bnpm (install|i)\b/);
	});
	it('asks for no more than read access', () => {
		assert.deepEqual(ci.permissions, { contents: 'read' });
	});
});

describe('.github/workflows/publish.yml', () => {
	const job = Object.values(publish.jobs)[0];
	it('runs on a version tag only', () => {
		assert.deepEqual(Object.keys(publish.on), ['push']);
		assert.deepEqual(publish.on.push, { tags: ['v*'] });
	});
	it('may mint an OIDC token (id-token: write) and only read the repository', () => {
		assert.deepEqual(job.permissions, { 'id-token': 'write', contents: 'read' });
		assert.deepEqual(publish.permissions, { contents: 'read' });
	});
	it('installs with npm ci, builds and lints, then publishes with provenance and public access', () => {
		const runs = steps(publish).map((s) => s.run?.trim() ?? '');
		const at = (re) => runs.findIndex((r) => re.test(r));
		const order = [
			/^npm ci\b/,
			/^npm run build$/,
			/^npm run lint$/,
			/^npm publish --provenance --access public$/,
		].map(at);
		assert.ok(
			order.every((n) => n >= 0),
			`steps found: ${order}`,
		);
		assert.deepEqual(
			[...order].sort((a, b) => a - b),
			order,
		);
		assert.equal(
			uses(publish, 'actions/setup-node').with['registry-url'],
			'https://registry.npmjs.org',
		);
	});
	it('lets the publish step past prepublishOnly with RELEASE_MODE', () => {
		const step = steps(publish).find((s) => /npm publish/.test(s.run ?? ''));
		assert.equal(step.env?.RELEASE_MODE, 'true');
	});
	it('uses no long-lived npm token: no secret at all, no NPM_TOKEN or NODE_AUTH_TOKEN', () => {
		const text = read('.github/workflows/publish.yml')
			.split('\n')
			.filter((l) => !l.trim().startsWith('#'))
			.join('\n');
		assert.doesNotMatch(text, /secrets\.|NPM_TOKEN|NODE_AUTH_TOKEN|_authToken/);
	});
});

describe('both workflows', () => {
	it('pin every action by its major version', () => {
		for (const [name, workflow] of [
			['ci', ci],
			['publish', publish],
		]) {
			for (const step of steps(workflow).filter((s) => s.uses))
				assert.match(step.uses, /^[\w-]+\/[\w-]+@v\d+$/, `${name}: ${step.uses}`);
			assert.ok(uses(workflow, 'actions/checkout'), `${name}: actions/checkout`);
		}
	});
});

describe('package.json and the install', () => {
	const pkg = JSON.parse(read('package.json'));
	it("runs n8n-node's prerelease check before a publish, and the command exists", () => {
		assert.equal(pkg.scripts.prepublishOnly, 'n8n-node prerelease');
		assert.ok(
			existsSync(new URL('node_modules/@n8n/node-cli/dist/commands/prerelease.js', root)),
			'@n8n/node-cli prerelease',
		);
	});
	it('has no prepack, prepare or postpack script (npm pack, used by the tests, stays a plain pack)', () => {
		for (const name of ['prepack', 'prepare', 'postpack'])
			assert.equal(pkg.scripts[name], undefined, name);
	});
	it('npm test and npm run dev install with npm ci, never npm install', () => {
		const preflight = read('scripts/preflight.mjs');
		assert.match(preflight, /execFileSync\('npm', \['ci',/);
		assert.doesNotMatch(preflight, /'npm', \['(install|i)'/);
	});
});

describe('the git-status check at the end of npm test', () => {
	it('names files a run added or changed, and not files already modified before it', () => {
		const dir = mkdtempSync(join(tmpdir(), 'mb-gitcheck-'));
		const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
		try {
			git('init', '-q');
			writeFileSync(join(dir, '.gitignore'), 'out/\n');
			for (const f of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(dir, f), f);
			git('add', '.');
			git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'init');
			assert.deepEqual(gitSnapshot(dir).lines, []);
			writeFileSync(join(dir, 'a.txt'), 'edited before the run');
			const before = gitSnapshot(dir);
			writeFileSync(join(dir, 'b.txt'), 'changed by the run');
			writeFileSync(join(dir, 'new.txt'), 'left by the run');
			execFileSync('mkdir', ['-p', join(dir, 'out')]);
			writeFileSync(join(dir, 'out', 'ignored.txt'), 'ignored output');
			assert.deepEqual(checkoutChanges(before, gitSnapshot(dir)), [' M b.txt', '?? new.txt']);
			writeFileSync(join(dir, 'a.txt'), 'changed again by the run');
			assert.deepEqual(checkoutChanges(before, gitSnapshot(dir)), [
				' M a.txt',
				' M b.txt',
				'?? new.txt',
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
	it('is skipped outside a git checkout', () => {
		const dir = mkdtempSync(join(tmpdir(), 'mb-nogit-'));
		try {
			assert.equal(gitSnapshot(dir), null);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
