// The Airy Core example workflows only use parameters and option values the node declares.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { loadNode } from '../helpers/harness.mjs';

export function checkExamples(prefix, nodeName, typeName) {
	const dir = new URL('../../examples/', import.meta.url);
	const files = readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json'));
	const { description } = loadNode(nodeName);
	const byName = new Map();
	for (const p of description.properties) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
	assert.ok(files.length >= 2, `examples/${prefix}*.json`);
	for (const file of files) {
		const workflow = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
		const nodes = workflow.nodes.filter((n) => n.type === `n8n-nodes-messenger-bridge.${typeName}`);
		assert.ok(nodes.length > 0, file);
		for (const node of nodes) {
			for (const [name, value] of Object.entries(node.parameters)) {
				const candidates = byName.get(name);
				assert.ok(candidates, `${file}: ${node.name}: unknown parameter ${name}`);
				const visible = candidates.filter((p) =>
					Object.entries(p.displayOptions?.show ?? {}).every(([key, values]) =>
						key in node.parameters ? values.includes(node.parameters[key]) : true,
					),
				);
				assert.ok(
					visible.length > 0,
					`${file}: ${node.name}: ${name} is not shown for this operation`,
				);
				const options = visible[0].options;
				if (visible[0].type === 'options' && typeof value === 'string' && !value.startsWith('=')) {
					assert.ok(
						options.some((o) => o.value === value),
						`${file}: ${name}=${value}`,
					);
				}
			}
			for (const connection of Object.keys(workflow.connections)) {
				assert.ok(
					workflow.nodes.some((n) => n.name === connection),
					`${file}: connection from ${connection}`,
				);
			}
		}
	}
}

describe('examples/airy-*.json', () => {
	it('use only parameters the Airy Core node declares', () =>
		checkExamples('airy-', 'Airy', 'airy'));
});
