// README.md stays true for a new user: one section per subject (no pasted-twice blocks), a
// section for every node the package registers, every credential's type named, the two commands.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const headings = readme.split('\n').filter((l) => /^#{2,3} /.test(l));
const load = (file) =>
	Object.values(require(new URL(file, root).pathname)).find((v) => typeof v === 'function');

describe('README.md', () => {
	it('has every level-2 and level-3 heading once', () => {
		const seen = new Map();
		for (const h of headings) seen.set(h, (seen.get(h) ?? 0) + 1);
		assert.deepEqual(
			[...seen].filter(([, n]) => n > 1),
			[],
		);
	});
	it('has a section for every registered node', () => {
		for (const file of pkg.n8n.nodes) {
			const { displayName } = new (load(file))().description;
			assert.ok(headings.includes(`### ${displayName}`), `### ${displayName}`);
		}
	});
	it('names every registered credential type', () => {
		for (const file of pkg.n8n.credentials) {
			const { name } = new (load(file))();
			assert.ok(readme.includes(`\`${name}\``), name);
		}
	});
	it('gives the two commands, and CI runs the one it names for tests', () => {
		assert.match(readme, /npm run dev/);
		assert.match(readme, /npm test/);
		assert.match(readFileSync(new URL('.ci/run', root), 'utf8'), /^npm test$/m);
	});
});
