// Every workflow in examples/ runs green against the emulators, as `npm run dev -- --sandbox`
// imports it (credentials referenced by the sandbox's credential ids, nothing to paste): a
// manual-trigger example is started by a webhook in place of its manual trigger; trigger
// examples are run by 10-trigger.mjs. No example carries a token or secret: a node takes it from
// a credential (Facebook Secrets From: Facebook Credentials) or maps it by expression from Get
// Page Tokens, the one operation that outputs tokens (90-secret-hygiene.mjs checks the outputs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { env, webhookWorkflow } from '../env.mjs';
import { emulatorCredentials, GRAPH, SECRET_VALUES } from '../../emulators/fixtures.mjs';

const dir = new URL('../../../examples/', import.meta.url);
const sandboxIds = new Map(emulatorCredentials().map((c) => [c.id, c]));
const runnable = [];

for (const [index, file] of readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.sort()
	.entries()) {
	const example = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
	const manual = example.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!manual) continue;
	const id = `mbExampleRun${String(index).padStart(4, '0')}`;
	const path = `example-${file.replace(/\.json$/, '')}`;
	const hook = webhookWorkflow({ id, path, node: { type: 'n8n-nodes-base.noOp', parameters: {} } })
		.nodes[0];
	env.addWorkflows({
		id,
		name: `e2e example ${file}`,
		nodes: [hook, ...example.nodes.filter((n) => n !== manual)],
		connections: Object.fromEntries(
			Object.entries(example.connections).map(([from, to]) => [
				from === manual.name ? hook.name : from,
				to,
			]),
		),
		settings: example.settings,
	});
	runnable.push({ file, example, path });
}

describe('e2e: examples/*.json run in the sandbox as shipped', () => {
	it('reference only the sandbox credentials, by id and name', () => {
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
			const example = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
			assert.doesNotMatch(JSON.stringify(example), /PASTE_/, file);
			for (const node of example.nodes) {
				for (const [type, ref] of Object.entries(node.credentials ?? {})) {
					const credential = sandboxIds.get(ref.id);
					assert.ok(credential, `${file}: ${node.name}: ${type} id ${ref.id}`);
					assert.equal(credential.type, type, `${file}: ${node.name}`);
					assert.equal(credential.name, ref.name, `${file}: ${node.name}`);
				}
			}
		}
	});

	it('carry no token or secret, typed or pinned', () => {
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
			const text = readFileSync(new URL(file, dir), 'utf8');
			for (const secret of SECRET_VALUES)
				assert.ok(!text.includes(secret), `${file} carries ${secret.slice(0, 6)}…`);
			// Every Page token of the Graph emulator starts like the sandbox Page credential's.
			assert.ok(!text.includes(GRAPH.pageAccessToken.slice(0, 20)), `${file} carries a Page token`);
		}
	});

	for (const { file, path } of runnable) {
		it(`${file} runs green`, async () => {
			const response = await env.webhook(path, { body: {} });
			// A failing node answers 500 with its error. (An example may end with nothing left to do,
			// e.g. every Page already integrated by the Genesys Cloud suite's run of the same one.)
			assert.equal(response.status, 200, `${file}: ${response.text.slice(0, 500)}`);
		});
	}
});
