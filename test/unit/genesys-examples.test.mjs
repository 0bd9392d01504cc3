// The Genesys Cloud example workflow uses only parameters and option values the nodes declare,
// and the Facebook Messenger operations named in the public contract.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exampleProblems } from '../helpers/harness.mjs';

const workflow = JSON.parse(
	readFileSync(
		new URL('../../examples/facebook-pages-to-genesys-cloud.json', import.meta.url),
		'utf8',
	),
);

describe('examples/facebook-pages-to-genesys-cloud.json', () => {
	it('chains explore → tokens → filter → create, every connection between existing nodes', () => {
		const names = new Set(workflow.nodes.map((n) => n.name));
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			assert.ok(names.has(from));
			for (const target of main.flat()) assert.ok(names.has(target.node));
		}
		const fb = workflow.nodes.filter(
			(n) => n.type === 'n8n-nodes-messenger-bridge.facebookMessenger',
		);
		assert.deepEqual(fb.map((n) => `${n.parameters.resource}:${n.parameters.operation}`).sort(), [
			'page:explore',
			'token:getPageTokens',
		]);
		// Page tokens never flow through another node: the filter sees explored Pages only.
		assert.equal(workflow.connections['Page Tokens'].main[0][0].node, 'Explore Pages');
		assert.match(
			workflow.nodes.find((n) => n.parameters.operation === 'create').parameters.pageAccessToken,
			/\$\('Page Tokens'\)/,
		);
		assert.ok(
			fb.every((n) => n.executeOnce),
			'Facebook calls run once, not once per existing integration',
		);
		const create = workflow.nodes.find((n) => n.parameters.operation === 'create');
		assert.equal(create.parameters.waitForCompletion, true);
		assert.match(
			JSON.stringify(workflow.nodes.find((n) => n.type === 'n8n-nodes-base.filter').parameters),
			/pageId === \$json\.id/,
		);
		assert.ok(!/EAA[A-Za-z0-9]{10,}/.test(JSON.stringify(workflow)), 'no token in the example');
	});

	it('uses only declared parameters, as n8n runs them', () =>
		assert.deepEqual(exampleProblems(workflow), []));

	it("the check runs a node without Operation with its resource's default operation", () => {
		const create = workflow.nodes.find((n) => n.parameters.operation === 'create');
		const { operation, ...omitted } = create.parameters;
		assert.equal(operation, 'create');
		const problems = exampleProblems({
			nodes: [{ ...create, parameters: omitted }],
			connections: {},
		});
		assert.ok(
			problems.some((p) =>
				/is not a parameter of integration\/(?!create)\w+ \(n8n drops it\)/.test(p),
			),
			problems.join('\n'),
		);
	});
});
