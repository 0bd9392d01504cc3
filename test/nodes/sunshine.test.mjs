// The Sunshine Conversations node's real execute() against the Sunshine emulator over loopback:
// every integration operation with Basic and JWT auth, cursor paging, filters, Sunshine's error
// envelope, retries on 429, and input checks before any request.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { atVersion, loadNode, runExecute, workflow } from '../helpers/harness.mjs';
import { start, SEEDED_INTEGRATIONS } from '../emulators/sunshine/index.mjs';
import { GRAPH, SUNSHINE } from '../emulators/fixtures.mjs';

const { NodeApiError, NodeOperationError } = workflow;
// Version 1, as old workflows run it: secrets typed as parameters (1.1: facebookSecrets.test.mjs).
const node = atVersion(loadNode('SunshineConversations'), 1);
let emulator;
const credentials = (extra = {}) => ({
	sunshineConversationsApi: {
		baseUrl: emulator.url,
		appId: SUNSHINE.appId,
		keyId: SUNSHINE.keyId,
		secret: SUNSHINE.secret,
		authMethod: 'basic',
		...extra,
	},
});
const run = (parameters, options = {}) =>
	runExecute(node, { parameters, credentials: credentials(), ...options });
const createInstagram = (extra = {}) => ({
	resource: 'integration',
	operation: 'create',
	type: 'instagram',
	pageAccessToken: GRAPH.pageAccessToken,
	appId: GRAPH.appId,
	appSecret: GRAPH.appSecret,
	displayName: 'Instagram DMs',
	...extra,
});
const appPath = `/v2/apps/${SUNSHINE.appId}/integrations`;

beforeAll(async () => {
	emulator = await start({ ports: { sunshine: 0 } });
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.clearRequests();
	emulator.clearFaults();
	for (const [id, integration] of emulator.state.integrations) {
		if (integration.type === 'instagram' || String(integration.pageId) === GRAPH.pageId)
			emulator.state.integrations.delete(id);
	}
});

describe('Sunshine Conversations node: create', () => {
	it('creates an Instagram integration with the story switches, Basic auth, no secret in the output', async () => {
		const { output, error } = await run(createInstagram({ storyRepliesEnabled: false }));
		assert.ifError(error);
		const integration = output[0][0].json;
		assert.match(integration.id, /^[0-9a-f]{24}$/);
		assert.equal(integration.type, 'instagram');
		assert.equal(integration.displayName, 'Instagram DMs');
		assert.equal(integration.storyRepliesEnabled, false);
		assert.equal(integration.storyMentionsEnabled, true);
		assert.equal(integration.pageId, GRAPH.pageId);
		const [request] = emulator.requests;
		assert.equal(request.method, 'POST');
		assert.equal(request.path, appPath);
		assert.equal(
			request.headers.authorization,
			`Basic ${Buffer.from(`${SUNSHINE.keyId}:${SUNSHINE.secret}`).toString('base64')}`,
		);
		assert.deepEqual(request.body, {
			type: 'instagram',
			pageAccessToken: GRAPH.pageAccessToken,
			appId: GRAPH.appId,
			appSecret: GRAPH.appSecret,
			displayName: 'Instagram DMs',
			storyRepliesEnabled: false,
			storyMentionsEnabled: true,
		});
		const text = JSON.stringify(output);
		for (const secret of [GRAPH.pageAccessToken, GRAPH.appSecret, SUNSHINE.secret])
			assert.ok(!text.includes(secret));
	});

	it('creates a Messenger integration with a numeric pageId, signed with a JWT when chosen', async () => {
		const { output, error } = await runExecute(node, {
			parameters: {
				resource: 'integration',
				operation: 'create',
				type: 'messenger',
				pageAccessToken: GRAPH.pageAccessToken,
				appId: GRAPH.appId,
				appSecret: GRAPH.appSecret,
				pageId: GRAPH.pageId,
			},
			credentials: credentials({ authMethod: 'jwt' }),
		});
		assert.ifError(error);
		assert.equal(output[0][0].json.type, 'messenger');
		assert.equal(output[0][0].json.pageName, GRAPH.pageName);
		const [request] = emulator.requests;
		assert.match(request.headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
		const header = JSON.parse(
			Buffer.from(request.headers.authorization.slice(7).split('.')[0], 'base64url'),
		);
		assert.deepEqual(header, { alg: 'HS256', typ: 'JWT', kid: SUNSHINE.keyId });
		assert.strictEqual(request.body.pageId, Number(GRAPH.pageId));
		assert.equal('storyRepliesEnabled' in request.body, false);
	});

	it("Sunshine's {errors:[{code,title}]} becomes a NodeApiError with code and title; POST is not repeated", async () => {
		const { error } = await run(createInstagram({ appSecret: 'not-the-app-secret' }));
		assert.ok(error instanceof NodeApiError);
		assert.equal(
			error.message,
			'Sunshine Conversations error 400: Invalid Facebook app credentials (bad_request)',
		);
		assert.equal(error.httpCode, '400');
		assert.equal(emulator.requests.length, 1);
		assert.ok(!JSON.stringify(error).includes(SUNSHINE.secret));
	});

	it('a wrong secret is 401 unauthorized with a hint at the credential', async () => {
		const { error } = await runExecute(node, {
			parameters: createInstagram(),
			credentials: credentials({ secret: 'wrong-secret-value' }),
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /401: Authorization is required \(unauthorized\)/);
		assert.match(error.description, /Key ID and Secret/);
		assert.ok(!JSON.stringify(error).includes('wrong-secret-value'));
	});

	it('a wrong JWT signature is refused too', async () => {
		const { error } = await runExecute(node, {
			parameters: { resource: 'integration', operation: 'get', integrationId: 'a'.repeat(24) },
			credentials: credentials({ authMethod: 'jwt', secret: 'another-secret' }),
		});
		assert.equal(error.httpCode, '401');
	});
});

describe('Sunshine Conversations node: get, update, delete', () => {
	it('get → update display name and switches → delete → get is 404', async () => {
		const created = (await run(createInstagram())).output[0][0].json;
		const got = await run({ resource: 'integration', operation: 'get', integrationId: created.id });
		assert.ifError(got.error);
		assert.equal(got.output[0][0].json.id, created.id);
		assert.equal(emulator.requestsTo('GET', `${appPath}/${created.id}`).length, 1);

		const updated = await run({
			resource: 'integration',
			operation: 'update',
			integrationId: created.id,
			updateFields: { displayName: 'Renamed', storyMentionsEnabled: false },
		});
		assert.ifError(updated.error);
		assert.equal(updated.output[0][0].json.displayName, 'Renamed');
		assert.equal(updated.output[0][0].json.storyMentionsEnabled, false);
		assert.deepEqual(emulator.requestsTo('PATCH', created.id)[0].body, {
			displayName: 'Renamed',
			storyMentionsEnabled: false,
		});

		const deleted = await run({
			resource: 'integration',
			operation: 'delete',
			integrationId: created.id,
		});
		assert.ifError(deleted.error);
		assert.deepEqual(deleted.output[0][0].json, { integrationId: created.id, deleted: true });
		assert.equal(emulator.requestsTo('DELETE', created.id).length, 1);

		const gone = await run({
			resource: 'integration',
			operation: 'get',
			integrationId: created.id,
		});
		assert.ok(gone.error instanceof NodeApiError);
		assert.equal(
			gone.error.message,
			'Sunshine Conversations error 404: Integration not found (integration_not_found)',
		);
	});

	it('story switches on a Messenger integration are refused by the API', async () => {
		const messenger = [...emulator.state.integrations.values()].find((i) => i.type === 'messenger');
		const { error } = await run({
			resource: 'integration',
			operation: 'update',
			integrationId: messenger.id,
			updateFields: { storyRepliesEnabled: true },
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /Invalid field for a messenger integration: storyRepliesEnabled/);
	});

	it('delete of an unknown integration is 404', async () => {
		const { error } = await run({
			resource: 'integration',
			operation: 'delete',
			integrationId: 'f'.repeat(24),
		});
		assert.equal(error.httpCode, '404');
	});
});

describe('Sunshine Conversations node: getAll', () => {
	it('Return All follows page[after] with page[size]=100 and stops at the last page', async () => {
		const { output, error } = await run({
			resource: 'integration',
			operation: 'getAll',
			returnAll: true,
		});
		assert.ifError(error);
		assert.equal(output[0].length, SEEDED_INTEGRATIONS);
		assert.equal(new Set(output[0].map((i) => i.json.id)).size, SEEDED_INTEGRATIONS);
		const calls = emulator.requestsTo('GET', appPath);
		assert.equal(calls.length, 2);
		assert.equal(calls[0].query['page[size]'], '100');
		assert.equal(calls[0].query['page[after]'], undefined);
		assert.equal(calls[1].query['page[after]'], output[0][99].json.id);
	});

	it('Limit asks only for what it needs', async () => {
		const { output } = await run({
			resource: 'integration',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
		});
		assert.equal(output[0].length, 7);
		const calls = emulator.requestsTo('GET', appPath);
		assert.equal(calls.length, 1);
		assert.equal(calls[0].query['page[size]'], '7');
	});

	it('a Limit above one page takes two pages, the second one smaller', async () => {
		const { output } = await run({
			resource: 'integration',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
		});
		assert.equal(output[0].length, 120);
		const calls = emulator.requestsTo('GET', appPath);
		assert.deepEqual(
			calls.map((c) => c.query['page[size]']),
			['100', '20'],
		);
	});

	it('filter[types] narrows the list', async () => {
		const { output } = await run({
			resource: 'integration',
			operation: 'getAll',
			returnAll: true,
			filters: { types: ['messenger', 'web'] },
		});
		assert.ok(output[0].length > 0);
		assert.ok(output[0].every((i) => ['messenger', 'web'].includes(i.json.type)));
		assert.equal(emulator.requests[0].query['filter[types]'], 'messenger,web');
	});

	it('a 429 is retried and the list completes', async () => {
		emulator.injectFault((ctx) => ctx.method === 'GET', {
			status: 429,
			body: { errors: [{ code: 'too_many_requests', title: 'Too many requests' }] },
			headers: { 'retry-after': '0' },
		});
		const { output, error } = await run({
			resource: 'integration',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
		});
		assert.ifError(error);
		assert.equal(output[0].length, 5);
		assert.equal(emulator.requests.length, 2);
	});

	it('a 503 is retried for a read, never for a create (it may have been applied)', async () => {
		const unavailable = { status: 503, body: { errors: [] }, headers: { 'retry-after': '0' } };
		emulator.injectFault((ctx) => ctx.method === 'GET', unavailable);
		const listed = await run({
			resource: 'integration',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
		});
		assert.ifError(listed.error);
		assert.equal(emulator.requests.filter((r) => r.method === 'GET').length, 2);
		emulator.clearRequests();
		emulator.injectFault((ctx) => ctx.method === 'POST', unavailable);
		const created = await run(createInstagram());
		assert.ok(created.error instanceof NodeApiError);
		assert.equal(created.error.message, 'Sunshine Conversations error 503: no details');
		assert.equal(emulator.requests.length, 1);
	});
});

describe('Sunshine Conversations node: input checks before any request', () => {
	const cases = [
		[createInstagram({ pageAccessToken: '' }), /Page Access Token is empty/],
		[createInstagram({ appId: 'my-app' }), /Facebook App ID "my-app" is not a numeric Facebook ID/],
		[createInstagram({ appSecret: '' }), /Facebook App Secret is empty/],
		[createInstagram({ displayName: 'x'.repeat(101) }), /the API allows 100/],
		[
			{ ...createInstagram(), type: 'messenger', pageId: 'page' },
			/Page ID "page" is not a numeric/,
		],
		[
			{ resource: 'integration', operation: 'get', integrationId: '123' },
			/is not a Sunshine Conversations ID/,
		],
		[
			{ resource: 'integration', operation: 'delete', integrationId: '' },
			/Integration ID is empty/,
		],
		[
			{
				resource: 'integration',
				operation: 'update',
				integrationId: 'a'.repeat(24),
				updateFields: {},
			},
			/Nothing to update/,
		],
	];
	for (const [parameters, message] of cases) {
		it(`${parameters.operation} rejects ${message}`, async () => {
			const { error } = await run(parameters);
			assert.ok(error instanceof NodeOperationError, String(error));
			assert.match(error.message, message);
			assert.equal(emulator.requests.length, 0);
		});
	}

	it('a Zendesk Base URL without /sc is caught before any request', async () => {
		const { error } = await runExecute(node, {
			parameters: { resource: 'integration', operation: 'get', integrationId: 'a'.repeat(24) },
			credentials: credentials({ baseUrl: 'https://acme.zendesk.com' }),
		});
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, /https:\/\/acme\.zendesk\.com\/sc/);
	});

	it('an empty App ID is caught before any request', async () => {
		const { error } = await runExecute(node, {
			parameters: { resource: 'integration', operation: 'get', integrationId: 'a'.repeat(24) },
			credentials: credentials({ appId: ' ' }),
		});
		assert.ok(error instanceof NodeOperationError);
		assert.equal(error.message, 'The App ID of the Sunshine Conversations credential is empty');
		assert.equal(emulator.requests.length, 0);
	});

	it('continueOnFail keeps going with an error item per failing input', async () => {
		const { output, error } = await runExecute(node, {
			parameters: { resource: 'integration', operation: 'get', integrationId: 'f'.repeat(24) },
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		assert.ifError(error);
		assert.deepEqual(
			output[0].map((i) => i.pairedItem.item),
			[0, 1],
		);
		// The package's one Continue On Fail item: message, next step, HTTP code, Sunshine's errors.
		for (const item of output[0])
			assert.deepEqual(item.json, {
				error: 'Sunshine Conversations error 404: Integration not found (integration_not_found)',
				description: 'Check the ID and that it belongs to the app of the credential.',
				httpCode: '404',
				errors: [{ code: 'integration_not_found', title: 'Integration not found' }],
			});
	});
});

describe('Sunshine Conversations node: description', () => {
	it("is usable as a tool, has the contract's operations and hides secrets", () => {
		const d = node.description;
		assert.equal(d.usableAsTool, true);
		const operation = d.properties.find((p) => p.name === 'operation');
		assert.deepEqual(
			operation.options.map((o) => o.value),
			['create', 'delete', 'get', 'getAll', 'update'],
		);
		const names = new Set(d.properties.map((p) => p.name));
		for (const name of [
			'integrationId',
			'returnAll',
			'limit',
			'displayName',
			'pageAccessToken',
			'appId',
			'appSecret',
			'type',
		])
			assert.ok(names.has(name), name);
		for (const p of d.properties.filter((p) => ['pageAccessToken', 'appSecret'].includes(p.name)))
			assert.equal(p.typeOptions?.password, true);
	});
});
