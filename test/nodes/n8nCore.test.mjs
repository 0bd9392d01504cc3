// The node tests run inside n8n-core's real execution contexts, not a reproduction of them: these
// tests pin what only the real thing does (n8n's User-Agent on outgoing requests, parameters
// hidden by display options removed before the node runs, credentials handed out only where the
// current operation shows them, node static data under "node:<node name>", one n8n-workflow).
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
	core,
	CredentialStore,
	hookContext,
	loadNode,
	loadOptionsContext,
	root,
	runExecute,
	runWebhook,
	workflow,
} from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';

const messenger = loadNode('FacebookMessenger');
const genesys = loadNode('GenesysCloud');
const trigger = loadNode('MessengerTrigger');
let graph;

const credentials = () =>
	new CredentialStore({
		facebookAppApi: {
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			userAccessToken: GRAPH.userAccessToken,
			graphApiBaseUrl: graph.url,
		},
		facebookPageApi: {
			pageAccessToken: GRAPH.pageAccessToken,
			pageId: GRAPH.pageId,
			appSecret: GRAPH.appSecret,
			graphApiBaseUrl: graph.url,
		},
	});

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.clearRequests();
});

describe("n8n-core's real contexts", () => {
	it("every context is an n8n-core class, and n8n-core shares the project's one n8n-workflow", async () => {
		const run = await runExecute(messenger, {
			parameters: { resource: 'page', operation: 'explore' },
			credentials: credentials(),
		});
		assert.ok(run.context instanceof core.ExecuteContext);
		assert.ok(hookContext(trigger, {}) instanceof core.HookContext);
		assert.ok(loadOptionsContext(messenger, {}) instanceof core.LoadOptionsContext);
		const hook = await runWebhook(trigger, {
			webhookName: 'setup',
			method: 'GET',
			credentials: { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } },
		});
		assert.ok(hook.context instanceof core.WebhookContext);
		// from a file path: jest's createRequire does not take a directory (`${root}/`) as Node's does
		const coreRequire = createRequire(createRequire(`${root}/package.json`).resolve('n8n-core'));
		assert.equal(coreRequire('n8n-workflow'), workflow);
	});

	it("requests go out through n8n's HTTP helper: the emulator records n8n's User-Agent, not axios's", async () => {
		const run = await runExecute(messenger, {
			parameters: { resource: 'page', operation: 'explore' },
			credentials: credentials(),
		});
		assert.equal(run.error, undefined);
		assert.ok(graph.requests.length > 0);
		for (const request of graph.requests) {
			// n8n-core's default outbound User-Agent (no global one configured).
			assert.equal(request.headers['user-agent'], 'n8n');
		}
	});

	it('a parameter hidden by display options never reaches the node', async () => {
		// Page Access Token is an Update Field for Facebook and Instagram only.
		const parameters = {
			resource: 'integration',
			operation: 'update',
			channel: 'whatsapp',
			apiVersion: 'current',
			integrationId: { __rl: true, mode: 'id', value: '6b0a5c1e-2b4f' },
			updateFields: { pageAccessToken: 'typed-while-the-channel-was-facebook' },
			// Not a parameter of this node at all.
			noSuchParameter: 'x',
		};
		const run = await runExecute(genesys, { parameters });
		assert.deepEqual(run.context.getNodeParameter('updateFields', 0), {});
		assert.equal(run.context.getNodeParameter('noSuchParameter', 0, 'absent'), 'absent');
		assert.equal('noSuchParameter' in run.node.parameters, false);
		assert.match(run.error.message, /Add at least one field to update/);
	});

	it('a credential is handed out only where the current operation shows it', async () => {
		// Facebook Page credential: hidden on the App-token operations (Page › Get); the App one on
		// the Page-token operations (Page › Get Subscribed Apps).
		const onGet = loadOptionsContext(messenger, {
			parameters: { resource: 'page', operation: 'get' },
			credentials: credentials(),
		});
		assert.equal((await onGet.getCredentials('facebookAppApi')).appId, GRAPH.appId);
		await assert.rejects(onGet.getCredentials('facebookPageApi'), /Credentials not found/);
		const onSubscribedApps = loadOptionsContext(messenger, {
			parameters: { resource: 'page', operation: 'getSubscribedApps' },
			credentials: credentials(),
		});
		await assert.rejects(
			onSubscribedApps.getCredentials('facebookAppApi'),
			/Credentials not found/,
		);
		assert.equal((await onSubscribedApps.getCredentials('facebookPageApi')).pageId, GRAPH.pageId);
	});

	it('node static data lives under "node:<node name>", global static data under "global"', async () => {
		const staticData = {};
		const context = hookContext(trigger, { staticData });
		context.getWorkflowStaticData('node').marker = 1;
		context.getWorkflowStaticData('global').shared = 2;
		assert.deepEqual({ ...staticData['node:Messenger Trigger'] }, { marker: 1 });
		assert.deepEqual({ ...staticData.global }, { shared: 2 });
		assert.equal(staticData.marker, undefined);
	});
});
