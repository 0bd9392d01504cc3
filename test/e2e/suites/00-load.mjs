// The package loads in a real n8n: every node and credential it declares is listed by n8n,
// and n8n logged no load error for it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { env } from '../env.mjs';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url)));
const baseName = (path) =>
	path
		.split('/')
		.pop()
		.replace(/\.(node|credentials)\.js$/, '');
const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

describe('e2e: the package loads in n8n', () => {
	it('lists every node of the package', async () => {
		const types = await env.rest('/types/nodes.json');
		const names = new Set(types.map((t) => t.name));
		for (const file of pkg.n8n.nodes) {
			const expected = `n8n-nodes-messenger-bridge.${lowerFirst(baseName(file))}`;
			assert.ok(names.has(expected), `${expected} missing from n8n's node list`);
		}
		// n8n derives an AI-tool variant from every action node that declares usableAsTool.
		assert.ok(
			names.has('n8n-nodes-messenger-bridge.facebookMessengerTool'),
			'tool variant of Facebook Messenger missing',
		);
	});

	it('Settings → Community nodes lists the package with its nodes (GET /rest/community-packages)', async () => {
		const packages = await env.rest('/rest/community-packages');
		const ours = packages.find((p) => p.packageName === pkg.name);
		assert.ok(
			ours,
			`${pkg.name} missing from ${JSON.stringify(packages.map((p) => p.packageName))}`,
		);
		assert.equal(ours.installedVersion, pkg.version);
		assert.deepEqual(
			ours.installedNodes.map((n) => n.type).sort(),
			pkg.n8n.nodes.map((file) => `${pkg.name}.${lowerFirst(baseName(file))}`).sort(),
		);
	});

	it('lists every credential of the package', async () => {
		const types = await env.rest('/types/credentials.json');
		const names = new Set(types.map((t) => t.name));
		for (const expected of [
			'facebookAppApi',
			'facebookPageApi',
			'instagramLoginApi',
			'genesysCloudOAuth2Api',
			'genesysEngageApi',
			'airyApi',
			'sunshineConversationsApi',
			'redisRestApi',
		]) {
			assert.ok(names.has(expected), `${expected} missing from n8n's credential list`);
		}
		assert.equal(pkg.n8n.credentials.length, 8);
	});

	it('logged no load error for the package', () => {
		const log = env.log();
		assert.doesNotMatch(log, /Failed to load package "n8n-nodes-messenger-bridge"/);
		// The n8n host lives in a cache directory named after the package: its paths (in n8n's own
		// stack traces, e.g. a failed call to api.n8n.io) are not about the package.
		const lines = log
			.split('\n')
			.map((line) => line.replaceAll('.cache/n8n-nodes-messenger-bridge/', '.cache/<n8n host>/'));
		assert.doesNotMatch(lines.join('\n'), /n8n-nodes-messenger-bridge[^\n]*(error|Error)/);
	});
});
