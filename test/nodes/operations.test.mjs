// Every action node's router against its description: each resource/operation the description
// offers has a handler and no handler is left over; a pair the node does not know (a workflow
// from another version, a hand edit, n8n's "Custom API Call") stops the run with a
// NodeOperationError that names it and says what to pick, before any request is made.
// (The Messenger Trigger, the sixth node, has no resource or operation.)
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadNode, root, runExecute, workflow } from '../helpers/harness.mjs';

const require = createRequire(import.meta.url);
const { NodeOperationError } = workflow;
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

const NODES = [
	{
		name: 'FacebookMessenger',
		display: 'Facebook Messenger',
		table: 'operations',
		credentials: ['facebookAppApi', 'facebookPageApi'],
	},
	{
		name: 'GenesysCloud',
		display: 'Genesys Cloud',
		table: 'operations',
		credentials: ['genesysCloudOAuth2Api'],
	},
	{
		name: 'GenesysEngage',
		display: 'Genesys Engage',
		table: 'operations',
		credentials: ['genesysEngageApi'],
	},
	{ name: 'Airy', display: 'Airy Core', table: 'operations', credentials: ['airyApi'] },
	{
		name: 'SunshineConversations',
		display: 'Sunshine Conversations',
		table: 'operations',
		credentials: ['sunshineConversationsApi'],
	},
];

/** resource → sorted operation values, from the description (every version's Operation fields). */
function describedOperations(description) {
	const resources = description.properties
		.find((p) => p.name === 'resource')
		.options.map((o) => o.value);
	const described = {};
	for (const resource of resources) {
		const values = new Set();
		for (const p of description.properties) {
			if (p.name !== 'operation' || !p.displayOptions?.show?.resource?.includes(resource)) continue;
			for (const o of p.options) values.add(o.value);
		}
		described[resource] = [...values].sort();
	}
	return described;
}

/** Runs the node with a resource/operation pair and no credentials: the router must refuse it first. */
async function refused(node, resource, operation, continueOnFail = false) {
	const run = await runExecute(node, {
		parameters: { resource, operation },
		items: [{ json: {} }, { json: {} }],
		continueOnFail,
	});
	assert.equal(run.output, undefined, `${resource}/${operation} produced output`);
	assert.ok(
		run.error instanceof NodeOperationError,
		`${resource}/${operation}: ${run.error?.constructor?.name}: ${run.error?.message}`,
	);
	assert.equal(run.context.credentialStore.reads ?? 0, 0, 'refused before reading a credential');
	return run.error;
}

for (const spec of NODES) {
	describe(`${spec.display}: resources and operations`, () => {
		const node = loadNode(spec.name);
		const table = require(join(root, 'dist', 'nodes', spec.name, 'actions', 'router.js'))[
			spec.table
		];
		const described = describedOperations(node.description);
		const [resource] = Object.keys(described);

		it('the router has a handler for every operation the description offers, and none other', () => {
			assert.ok(table, `router.js exports ${spec.table}`);
			const handled = Object.fromEntries(
				Object.entries(table).map(([r, ops]) => [r, Object.keys(ops).sort()]),
			);
			assert.deepEqual(handled, described);
			for (const ops of Object.values(table))
				for (const handler of Object.values(ops)) assert.equal(typeof handler, 'function');
		});

		it('an unknown operation, resource or inherited name → NodeOperationError naming both and what to pick', async () => {
			for (const [r, o] of [
				[resource, 'frobnicate'],
				['spaceship', described[resource][0]],
				['constructor', 'name'],
				[resource, 'toString'],
			]) {
				for (const continueOnFail of [false, true]) {
					const error = await refused(node, r, o, continueOnFail);
					// n8n drops the Operation before the node runs when the resource is unknown (it shows
					// no Operation there): the node then names the resource alone.
					const what = Object.hasOwn(described, r)
						? `resource "${r}" with operation "${o}"`
						: `resource "${r}"`;
					assert.equal(error.message, `The ${spec.display} node does not know the ${what}`);
					assert.match(error.description, /pick a Resource and an Operation/);
					assert.doesNotMatch(
						`${error.message} ${error.description}`,
						/Cannot read properties|undefined/,
					);
				}
			}
		});

		it(`"${CUSTOM_API_CALL}" (n8n's Custom API Call) → points to the HTTP Request node`, async () => {
			for (const [r, o] of [
				[resource, CUSTOM_API_CALL],
				[CUSTOM_API_CALL, CUSTOM_API_CALL],
			]) {
				const error = await refused(node, r, o);
				assert.equal(
					error.message,
					`"Custom API Call" runs in the HTTP Request node, not in the ${spec.display} node`,
				);
				assert.match(error.description, /HTTP Request node/);
				assert.match(
					error.description,
					new RegExp(`pick one of the ${spec.display} node's own operations`),
				);
			}
		});
	});
}

describe('Custom API Call advice per credential', () => {
	it('nodes whose credential signs HTTP Request calls name it; Genesys Engage explains the session instead', async () => {
		// n8n adds Custom API Call to both lists; picked as the Operation, it comes with one of the
		// node's resources (with an unknown resource n8n would drop the Operation before the run).
		const advice = async (name) => {
			const node = loadNode(name);
			const [resource] = Object.keys(describedOperations(node.description));
			return (await refused(node, resource, CUSTOM_API_CALL)).description;
		};
		assert.match(
			await advice('GenesysCloud'),
			/"Predefined Credential Type", pick "Genesys Cloud OAuth2 API"/,
		);
		assert.match(await advice('Airy'), /pick "Airy Core API"/);
		assert.match(await advice('SunshineConversations'), /pick "Sunshine Conversations API"/);
		assert.match(await advice('FacebookMessenger'), /pick "Facebook Page API/);
		const engage = await advice('GenesysEngage');
		assert.match(engage, /"Basic Auth"/);
		assert.match(engage, /JSESSIONID/);
		assert.match(engage, /X-CSRF-TOKEN/);
	});
});
