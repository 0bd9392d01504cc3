// The Instagram Login example workflows only use parameters, option values and connections the
// nodes declare (exampleProblems: as n8n runs them, defaults filled in, hidden parameters dropped),
// and stay on the Instagram Login route with its credential.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { exampleProblems } from '../helpers/harness.mjs';

const dir = new URL('../../examples/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.startsWith('instagram-') && f.endsWith('.json'));
const read = (file) => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const MESSENGER = 'n8n-nodes-messenger-bridge.facebookMessenger';

describe('examples/instagram-*.json', () => {
	it('the token refresh example is there', () => {
		assert.ok(files.includes('instagram-token-refresh.json'));
	});

	for (const file of files) {
		it(`${file} uses only what the nodes declare`, () =>
			assert.deepEqual(exampleProblems(read(file)), []));

		it(`${file}: every Facebook Messenger node is on the Instagram Login route with its credential`, () => {
			const nodes = read(file).nodes.filter((n) => n.type === MESSENGER);
			assert.ok(nodes.length > 0);
			for (const node of nodes) {
				assert.equal(node.parameters.authentication, 'instagramLogin', node.name);
				assert.deepEqual(Object.keys(node.credentials), ['instagramLoginApi'], node.name);
			}
		});
	}

	it('the refresh runs on a schedule and by hand, and nothing reads its secret output', () => {
		const example = read('instagram-token-refresh.json');
		const refresh = example.nodes.find(
			(n) => n.type === MESSENGER && n.parameters.operation === 'refresh',
		);
		const into = (name) =>
			Object.entries(example.connections)
				.filter(([, out]) => out.main.flat().some((c) => c.node === name))
				.map(([from]) => example.nodes.find((n) => n.name === from).type);
		assert.deepEqual(into(refresh.name).sort(), [
			'n8n-nodes-base.manualTrigger',
			'n8n-nodes-base.scheduleTrigger',
		]);
		assert.equal(example.connections[refresh.name], undefined, 'the token goes no further');
	});
});
