// The Airy Core example workflows only use parameters, option values and connections the nodes
// declare, checked as n8n runs them (exampleProblems: defaults filled in, hidden parameters dropped).
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { exampleProblems } from '../helpers/harness.mjs';

const dir = new URL('../../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.startsWith('airy-') && f.endsWith('.json'));
const read = (file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const airyNode = (parameters) => ({
	name: 'Airy Core',
	type: 'n8n-nodes-messenger-bridge.airy',
	typeVersion: 1.1,
	parameters,
});

describe('examples/airy-*.json', () => {
	it('there are examples, each with an Airy Core node', () => {
		assert.ok(files.length >= 2, 'examples/airy-*.json');
		for (const file of files)
			assert.ok(
				read(file).nodes.some((n) => n.type === 'n8n-nodes-messenger-bridge.airy'),
				file,
			);
	});

	for (const file of files)
		it(`${file} uses only what the nodes declare`, () =>
			assert.deepEqual(exampleProblems(read(file)), []));

	it('the check runs an example without Operation as n8n does: with the default operation', () => {
		// Facebook Page's default operation is Explore: n8n would drop Connect's Page ID.
		const omitted = { nodes: [airyNode({ resource: 'facebook', pageId: '1' })], connections: {} };
		assert.deepEqual(exampleProblems(omitted), [
			'Airy Core: pageId is not a parameter of facebook/explore (n8n drops it)',
		]);
		const named = airyNode({ resource: 'facebook', operation: 'connect', pageId: '1' });
		assert.deepEqual(exampleProblems({ nodes: [named], connections: {} }), []);
	});
});
