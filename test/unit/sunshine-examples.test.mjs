// The Sunshine Conversations example workflows only use parameters, option values and connections
// the node declares, checked as n8n runs them (exampleProblems: defaults filled in, hidden
// parameters dropped).
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { exampleProblems } from '../helpers/harness.mjs';

const dir = new URL('../../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.startsWith('sunshine-') && f.endsWith('.json'));
const read = (file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const TYPE = 'n8n-nodes-messenger-bridge.sunshineConversations';
const sunshineNode = (parameters) => ({
	name: 'Sunshine Conversations',
	type: TYPE,
	typeVersion: 1.1,
	parameters,
});

describe('examples/sunshine-*.json', () => {
	it('there are examples, each with a Sunshine Conversations node', () => {
		assert.ok(files.length >= 2, 'examples/sunshine-*.json');
		for (const file of files)
			assert.ok(
				read(file).nodes.some((n) => n.type === TYPE),
				file,
			);
	});

	for (const file of files)
		it(`${file} uses only what the nodes declare`, () =>
			assert.deepEqual(exampleProblems(read(file)), []));

	it('the check runs an example without Operation as n8n does: with the default operation', () => {
		// Integration's default operation is Create: n8n would drop Get's Integration ID.
		const omitted = {
			nodes: [sunshineNode({ resource: 'integration', integrationId: 'f'.repeat(24) })],
			connections: {},
		};
		assert.deepEqual(exampleProblems(omitted), [
			'Sunshine Conversations: integrationId is not a parameter of integration/create (n8n drops it)',
		]);
		const named = sunshineNode({ resource: 'integration', operation: 'get', integrationId: 'x' });
		assert.deepEqual(exampleProblems({ nodes: [named], connections: {} }), []);
	});

	it('the check refuses option values, collection fields and connections the workflow lacks', () => {
		const create = sunshineNode({ resource: 'integration', operation: 'create', type: 'telegram' });
		const list = {
			...sunshineNode({
				resource: 'integration',
				operation: 'getAll',
				filters: { types: ['instagram'], since: '2024' },
			}),
			name: 'List',
		};
		const connections = { Gone: { main: [[]] }, List: { main: [[{ node: 'Nowhere' }]] } };
		assert.deepEqual(exampleProblems({ nodes: [create, list], connections }), [
			'connection from missing node Gone',
			'List: connection to missing node Nowhere',
			'Sunshine Conversations: type=telegram is not an option',
			'List: filters.since is not a field of filters',
		]);
	});
});
