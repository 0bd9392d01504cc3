// Sunshine Conversations in the real n8n, against the Sunshine emulator: an Instagram Direct
// integration created, Return All over more than one page of integrations, an unknown
// integration as a NodeApiError, and the credential's Test with Basic and JWT auth.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { GRAPH, SUNSHINE } from '../../emulators/fixtures.mjs';

const NODE_TYPE = 'n8n-nodes-messenger-bridge.sunshineConversations';
const credentials = { sunshineConversationsApi: CREDENTIAL_REFS.sunshineConversationsApi };
const node = (parameters) => ({ name: 'Sunshine Conversations', type: NODE_TYPE, parameters });

const CREATE_WF = 'mbSunshineCreat1';
const LIST_WF = 'mbSunshineList01';
const GET_WF = 'mbSunshineGet001';

env.addWorkflows(
	webhookWorkflow({
		id: CREATE_WF,
		path: 'sunshine-create-instagram',
		credentials,
		node: node({
			resource: 'integration',
			operation: 'create',
			type: 'instagram',
			pageAccessToken: GRAPH.pageAccessToken,
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			displayName: '={{ $json.body.displayName }}',
			storyRepliesEnabled: true,
			storyMentionsEnabled: false,
		}),
	}),
	webhookWorkflow({
		id: LIST_WF,
		path: 'sunshine-list-all',
		credentials,
		node: node({ resource: 'integration', operation: 'getAll', returnAll: true }),
	}),
	webhookWorkflow({
		id: GET_WF,
		path: 'sunshine-get',
		credentials,
		node: node({
			resource: 'integration',
			operation: 'get',
			integrationId: '={{ $json.body.integrationId }}',
		}),
	}),
);

const sunshine = () => env.emulators.sunshine;
const trace = () => sunshine().requests.map((r) => `${r.method} ${r.url} ${r.status}`);
const listPath = `/v2/apps/${SUNSHINE.appId}/integrations`;

describe('e2e: Sunshine Conversations', () => {
	beforeEach(() => sunshine().clearRequests());

	it('creates an Instagram Direct integration, then Return All lists it over two pages of 100', async (t) => {
		let started = Date.now();
		const created = await env.webhook('sunshine-create-instagram', {
			body: { displayName: 'Instagram DMs' },
		});
		const createMs = Date.now() - started;
		assert.equal(created.status, 200, created.text);
		const [integration] = created.json;
		assert.equal(integration.type, 'instagram');
		assert.equal(integration.displayName, 'Instagram DMs');
		assert.equal(integration.storyMentionsEnabled, false);
		assert.equal(integration.pageId, GRAPH.pageId);
		assert.ok(
			!created.text.includes(GRAPH.pageAccessToken) && !created.text.includes(GRAPH.appSecret),
		);
		const post = sunshine().requests[0];
		assert.equal(post.method, 'POST');
		assert.equal(post.path, listPath);
		assert.match(post.headers.authorization, /^Basic /);
		assert.deepEqual(post.body, {
			type: 'instagram',
			pageAccessToken: GRAPH.pageAccessToken,
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			displayName: 'Instagram DMs',
			storyRepliesEnabled: true,
			storyMentionsEnabled: false,
		});

		sunshine().clearRequests();
		started = Date.now();
		const listed = await env.webhook('sunshine-list-all', { body: {} });
		const listMs = Date.now() - started;
		assert.equal(listed.status, 200, listed.text);
		const total = sunshine().state.integrations.size;
		assert.ok(total > 100, 'more than one page exists');
		assert.equal(listed.json.length, total);
		assert.equal(new Set(listed.json.map((i) => i.id)).size, total);
		assert.ok(listed.json.some((i) => i.id === integration.id));
		const pages = sunshine().requests;
		assert.equal(pages.length, Math.ceil(total / 100));
		assert.ok(pages.every((r) => r.query['page[size]'] === '100'));
		assert.equal(pages[0].query['page[after]'], undefined);
		assert.equal(pages[1].query['page[after]'], listed.json[99].id);
		t.diagnostic(
			`create ${createMs} ms; Return All of ${total} integrations in ${pages.length} pages: ${listMs} ms`,
		);
	});

	it("an unknown integration fails the execution with Sunshine's code and title", async () => {
		const response = await env.webhook('sunshine-get', { body: { integrationId: 'f'.repeat(24) } });
		assert.equal(response.status, 500);
		const execution = await env.waitFor(
			async () => (await env.executions(GET_WF)).find((e) => e.status === 'error'),
			{ what: 'the failed execution' },
		);
		const error = env.nodeError(execution, 'Sunshine Conversations');
		assert.equal(error.name, 'NodeApiError');
		assert.equal(
			error.message,
			'Sunshine Conversations error 404: Integration not found (integration_not_found)',
		);
		assert.equal(error.httpCode, '404');
		assert.deepEqual(trace(), [`GET ${listPath}/${'f'.repeat(24)} 404`]);
	});

	it('is listed by n8n together with its AI tool variant (usableAsTool)', async () => {
		const names = new Set((await env.rest('/types/nodes.json')).map((t) => t.name));
		assert.ok(names.has('n8n-nodes-messenger-bridge.sunshineConversations'));
		assert.ok(names.has('n8n-nodes-messenger-bridge.sunshineConversationsTool'));
	});

	it('the credential Test in n8n passes with Basic and with JWT, and fails with a wrong secret', async () => {
		const ref = CREDENTIAL_REFS.sunshineConversationsApi;
		const data = {
			baseUrl: sunshine().url,
			appId: SUNSHINE.appId,
			keyId: SUNSHINE.keyId,
			secret: SUNSHINE.secret,
			authMethod: 'basic',
		};
		const test = (d) =>
			env.rest('/rest/credentials/test', {
				method: 'POST',
				body: { credentials: { ...ref, type: 'sunshineConversationsApi', data: d } },
			});
		const basic = await test(data);
		assert.equal(basic.status, 'OK', JSON.stringify(basic));
		const jwt = await test({ ...data, authMethod: 'jwt' });
		assert.equal(jwt.status, 'OK', JSON.stringify(jwt));
		const bad = await test({ ...data, secret: 'not-the-sunshine-secret' });
		assert.equal(bad.status, 'Error', JSON.stringify(bad));
		// n8n 2.40 repeats any request that got a 401 once (its preAuthentication retry), so the
		// wrong secret shows as one or two 401s.
		const statuses = trace().map((l) => l.split(' ').at(-1));
		assert.deepEqual(statuses.slice(0, 2), ['200', '200']);
		assert.ok(
			statuses.length >= 3 && statuses.slice(2).every((s) => s === '401'),
			statuses.join(','),
		);
		const [first, second] = sunshine().requests;
		assert.equal(first.path, `/v2/apps/${SUNSHINE.appId}`);
		assert.match(first.headers.authorization, /^Basic /);
		assert.match(second.headers.authorization, /^Bearer /);
	});
});
