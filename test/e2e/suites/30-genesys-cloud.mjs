// Genesys Cloud node in the real n8n against the Genesys Cloud emulator: Return All over more
// than 200 integrations, create and wait, get/update/delete, legacy LINE, stickers, the
// credential's token reused across executions and renewed once on 401, and the credential Test.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { readFileSync } from 'node:fs';
import { emulatorCredentials, GENESYS_CLOUD, GRAPH } from '../../emulators/fixtures.mjs';
import { createIntegration } from '../../emulators/genesys-cloud/model.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.genesysCloud';
const credentials = { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api };
const rlFromBody = { __rl: true, mode: 'id', value: '={{ $json.body.id }}' };

const flows = {
	list: {
		resource: 'integration',
		operation: 'getAll',
		channel: '={{ $json.body.channel }}',
		apiVersion: '={{ $json.body.apiVersion }}',
		returnAll: true,
	},
	create: {
		resource: 'integration',
		operation: 'create',
		channel: 'facebook',
		apiVersion: 'current',
		name: '={{ $json.body.name }}',
		accessTokenType: 'pageAccessToken',
		pageAccessToken: '={{ "EAAemulatorPageToken" + $json.body.pageId }}',
		waitForCompletion: true,
		options: { timeout: 30 },
	},
	get: {
		resource: 'integration',
		operation: 'get',
		channel: 'facebook',
		apiVersion: 'current',
		integrationId: rlFromBody,
		options: { expand: ['supportedContent'] },
	},
	update: {
		resource: 'integration',
		operation: 'update',
		channel: 'facebook',
		apiVersion: 'current',
		integrationId: rlFromBody,
		updateFields: { name: '={{ $json.body.name }}' },
	},
	delete: {
		resource: 'integration',
		operation: 'delete',
		channel: '={{ $json.body.channel }}',
		apiVersion: '={{ $json.body.apiVersion }}',
		integrationId: rlFromBody,
	},
	lineCreate: {
		resource: 'integration',
		operation: 'create',
		channel: 'line',
		apiVersion: 'legacy',
		name: '={{ $json.body.name }}',
		channelId: '={{ $json.body.channelId }}',
		channelSecret: 'line-e2e-secret',
		waitForCompletion: true,
	},
	lineUpdate: {
		resource: 'integration',
		operation: 'update',
		channel: 'line',
		apiVersion: 'legacy',
		integrationId: rlFromBody,
		updateFields: { serviceCode: '={{ $json.body.serviceCode }}' },
	},
	stickers: {
		resource: 'sticker',
		operation: 'getAll',
		apiVersion: 'legacy',
		messengerType: 'line',
		returnAll: true,
	},
};

const ids = {};
for (const [key, parameters] of Object.entries(flows)) {
	const id = `mbGenesysCloud${key.padEnd(6, '0').slice(0, 6)}${Object.keys(ids).length}`;
	ids[key] = id;
	env.addWorkflows(
		webhookWorkflow({
			id,
			name: `e2e genesys ${key}`,
			path: `genesys-cloud-${key.toLowerCase()}`,
			node: { type: TYPE, name: 'Genesys Cloud', parameters },
			credentials,
		}),
	);
}

// The example workflow as shipped, with a webhook in place of its manual trigger and the
// emulator credentials in place of the placeholders.
const example = JSON.parse(
	readFileSync(
		new URL('../../../examples/facebook-pages-to-genesys-cloud.json', import.meta.url),
		'utf8',
	),
);
const manual = example.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
const exampleHook = webhookWorkflow({
	id: 'mbGenesysExample',
	path: 'genesys-cloud-example',
	node: { type: TYPE, parameters: {} },
}).nodes[0];
env.addWorkflows({
	id: 'mbGenesysExample',
	name: 'e2e example facebook-pages-to-genesys-cloud',
	nodes: [
		exampleHook,
		...example.nodes
			.filter((n) => n !== manual)
			.map((n) => ({
				...n,
				credentials:
					n.credentials &&
					Object.fromEntries(
						Object.keys(n.credentials).map((type) => [type, CREDENTIAL_REFS[type]]),
					),
			})),
	],
	connections: Object.fromEntries(
		Object.entries(example.connections).map(([from, to]) => [
			from === manual.name ? exampleHook.name : from,
			to,
		]),
	),
	settings: example.settings,
});

const call = async (key, body) => {
	const response = await env.webhook(`genesys-cloud-${key.toLowerCase()}`, { body });
	assert.equal(response.status, 200, `${key}: ${response.text.slice(0, 300)}`);
	return response.json;
};

describe('e2e: Genesys Cloud', () => {
	let gc;
	before(() => {
		gc = env.emulators.genesysCloud;
		gc.api.seed('facebook', 230);
	});

	it('n8n lists the node, its AI-tool variant and its credential', async () => {
		const names = new Set((await env.rest('/types/nodes.json')).map((t) => t.name));
		assert.ok(names.has(TYPE));
		assert.ok(names.has(`${TYPE}Tool`), 'usableAsTool gives a tool variant');
	});

	it('Return All over 230 integrations: 3 requests, one token', async () => {
		gc.api.clearRequests();
		const items = await call('list', { channel: 'facebook', apiVersion: 'current' });
		assert.equal(items.length, 230);
		assert.equal(new Set(items.map((i) => i.id)).size, 230);
		const pages = gc.api.requestsTo('GET', '/api/v2/conversations/messaging/integrations/facebook');
		assert.deepEqual(
			pages.map((r) => r.query.pageNumber),
			['1', '2', '3'],
		);
		assert.ok(pages.every((r) => r.query.pageSize === '100'));
	});

	it('the stored token is reused by later executions and renewed once after it expires', async () => {
		const before = gc.login.requests.length;
		assert.ok(before >= 1);
		for (let i = 0; i < 3; i++) await call('list', { channel: 'twitter', apiVersion: 'current' });
		assert.equal(gc.login.requests.length, before, 'no new token while the stored one is valid');
		gc.api.expireTokens();
		gc.api.clearRequests();
		const items = await call('list', { channel: 'facebook', apiVersion: 'current' });
		assert.equal(items.length, 230);
		assert.equal(gc.login.requests.length, before + 1, 'renewed once');
		assert.deepEqual(
			gc.api.requests.map((r) => r.status),
			[401, 200, 200, 200],
		);
		await call('list', { channel: 'twitter', apiVersion: 'current' });
		assert.equal(gc.login.requests.length, before + 1, 'the renewed token was stored and reused');
	});

	it('create waits for Completed, then get, update, delete', async () => {
		const [created] = await call('create', { name: 'E2E page', pageId: '104000000000009' });
		assert.equal(created.createStatus, 'Completed');
		assert.equal(created.pageId, '104000000000009');
		assert.ok(gc.api.requestsTo('GET', `/facebook/${created.id}`).length >= 2, 'polled');
		const [got] = await call('get', { id: created.id });
		assert.equal(got.id, created.id);
		const [updated] = await call('update', { id: created.id, name: 'E2E page renamed' });
		assert.equal(updated.name, 'E2E page renamed');
		assert.equal(gc.api.requestsTo('PATCH', `/facebook/${created.id}`).length, 1);
		const [deleted] = await call('delete', {
			id: created.id,
			channel: 'facebook',
			apiVersion: 'current',
		});
		assert.deepEqual(deleted, { id: created.id, deleted: true });
		assert.equal(gc.api.state.integrations.get('facebook').has(created.id), false);
	});

	it('legacy LINE: create, update with PUT, list, delete', async () => {
		const [line] = await call('lineCreate', { name: 'E2E LINE', channelId: '1650009999' });
		assert.equal(line.channelId, '1650009999');
		assert.ok(line.webhookUri);
		const [updated] = await call('lineUpdate', { id: line.id, serviceCode: 'SVC-E2E' });
		assert.equal(updated.version, 2);
		const [put] = gc.api.requestsTo('PUT', `/api/v2/messaging/integrations/line/${line.id}`);
		assert.deepEqual(put.body, {
			name: 'E2E LINE',
			channelId: '1650009999',
			serviceCode: 'SVC-E2E',
		});
		const listed = await call('list', { channel: 'line', apiVersion: 'legacy' });
		assert.ok(listed.some((i) => i.id === line.id));
		const [deleted] = await call('delete', { id: line.id, channel: 'line', apiVersion: 'legacy' });
		assert.equal(deleted.deleted, true);
	});

	it('a pair the API does not have fails before any request', async () => {
		gc.api.clearRequests();
		const response = await env.webhook('genesys-cloud-list', {
			body: { channel: 'line', apiVersion: 'current' },
		});
		assert.notEqual(response.status, 200);
		assert.equal(gc.api.requests.length, 0);
	});

	it('a Genesys error body becomes the node error in n8n: message, code, status, contextId', async () => {
		const response = await env.webhook('genesys-cloud-get', {
			body: { id: '00000000-0000-4000-8000-000000000000' },
		});
		assert.notEqual(response.status, 200);
		const [execution] = await env.executions(ids.get);
		const error = env.nodeError(execution, 'Genesys Cloud');
		assert.match(
			error.message,
			/^Genesys Cloud: Integration 00000000-0000-4000-8000-000000000000 not found/,
		);
		assert.equal(String(error.httpCode), '404');
		assert.match(error.description, /Code: not\.found\. Context ID: [0-9a-f-]{36}/);
	});

	it('a missing permission is named in the n8n error', async () => {
		gc.api.state.permissions.delete('messaging:integration:add');
		try {
			const response = await env.webhook('genesys-cloud-create', {
				body: { name: 'No permission', pageId: '104000000000010' },
			});
			assert.notEqual(response.status, 200);
		} finally {
			gc.api.state.permissions.add('messaging:integration:add');
		}
		const [execution] = await env.executions(ids.create);
		const error = env.nodeError(execution, 'Genesys Cloud');
		assert.match(
			error.message,
			/missing the permission messaging:integration:add needed to create a facebook integration/,
		);
		assert.equal(String(error.httpCode), '403');
	});

	it('stickers: every LINE sticker', async () => {
		const stickers = await call('stickers', {});
		assert.equal(stickers.length, 130);
		assert.equal(gc.api.requestsTo('GET', '/api/v2/messaging/stickers/line').length >= 2, true);
	});

	it("the credential's Test passes with the right secret and fails with a wrong one", async () => {
		const stored = emulatorCredentials().find((c) => c.type === 'genesysCloudOAuth2Api');
		const ok = await env.rest('/rest/credentials/test', {
			method: 'POST',
			body: {
				credentials: { id: stored.id, name: stored.name, type: stored.type, data: stored.data },
			},
		});
		assert.equal(ok.status, 'OK', JSON.stringify(ok));
		assert.ok(gc.api.requestsTo('GET', '/api/v2/organizations/me').length >= 1);
		const bad = await env.rest('/rest/credentials/test', {
			method: 'POST',
			body: {
				credentials: {
					id: stored.id,
					name: stored.name,
					type: stored.type,
					data: { ...stored.data, clientSecret: 'not-the-secret' },
				},
			},
		});
		assert.equal(bad.status, 'Error');
		assert.ok(!JSON.stringify(bad).includes(GENESYS_CLOUD.clientSecret));
		// The stored credential still works afterwards.
		const items = await call('list', { channel: 'facebook', apiVersion: 'current' });
		assert.equal(items.length, 230);
	});

	it('the example workflow integrates exactly the Pages not yet integrated, waiting for each', async () => {
		// Integrate every emulated Page but four; of those, page index 4 lacks the MESSAGING task.
		const pageId = (i) => String(BigInt(GRAPH.pageId) + BigInt(i));
		const missing = [1, 2, 3, 4].map(pageId);
		for (let i = 0; i < GRAPH.managedPages; i++) {
			if (missing.includes(pageId(i))) continue;
			const entity = createIntegration(gc.api.state, 'current', 'facebook', {
				name: `Existing ${i}`,
				pageAccessToken: `EAAemulatorPageToken${pageId(i)}`,
			});
			Object.assign(entity, { createStatus: 'Completed', status: 'Active' });
		}
		gc.api.clearRequests();
		const created = await call('example', {});
		assert.deepEqual(created.map((i) => i.pageId).sort(), missing.slice(0, 3));
		assert.ok(created.every((i) => i.createStatus === 'Completed'));
		const posts = gc.api.requestsTo(
			'POST',
			'/api/v2/conversations/messaging/integrations/facebook',
		);
		assert.deepEqual(posts.map((r) => r.body.pageId).sort(), missing.slice(0, 3));
		assert.ok(
			posts.every((r) => r.body.pageAccessToken === `EAAemulatorPageToken${r.body.pageId}`),
		);
		for (const item of created)
			assert.ok(gc.api.requestsTo('GET', `/facebook/${item.id}`).length >= 2, 'waited');
		// Running it again finds nothing left to integrate.
		gc.api.clearRequests();
		const again = await env.webhook('genesys-cloud-example', { body: {} });
		assert.equal(again.status, 200);
		assert.equal(gc.api.requestsTo('POST', '/integrations/facebook').length, 0);
	});

	it('no Genesys secret in the n8n log', () => {
		assert.ok(!env.log().includes(GENESYS_CLOUD.clientSecret));
	});
});
