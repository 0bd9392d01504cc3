// The Airy Core node's real execute() against the Airy emulator over loopback: every
// operation, the error paths (Graph error passed through, unknown channel, wrong token,
// unavailable instance), input checks before any request, and no token in any output.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { atVersion, loadNode, runExecute, workflow } from '../helpers/harness.mjs';
import { start } from '../emulators/airy/index.mjs';
import {
	AIRY_INSTAGRAM_ACCOUNT_ID,
	AIRY_PAGES,
	EXPIRED_USER_TOKEN,
} from '../emulators/airy/data.mjs';
import { AIRY, GRAPH } from '../emulators/fixtures.mjs';

const { NodeApiError, NodeOperationError } = workflow;
// Version 1, as old workflows run it: tokens typed as parameters (1.1: facebookSecrets.test.mjs).
const node = atVersion(loadNode('Airy'), 1);
let emulator;
const credentials = () => ({ airyApi: { baseUrl: emulator.url, token: AIRY.token } });
const run = (parameters, options = {}) =>
	runExecute(node, { parameters, credentials: credentials(), ...options });
const noSecrets = (value) => {
	const text = JSON.stringify(value);
	for (const secret of [AIRY.token, GRAPH.userAccessToken, GRAPH.pageAccessToken]) {
		assert.ok(!text.includes(secret), `output carries ${secret.slice(0, 6)}…`);
	}
};

beforeAll(async () => {
	emulator = await start({ ports: { airy: 0 } });
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.clearRequests();
	emulator.clearFaults();
	emulator.state.channels.clear();
});

describe('Airy Core node: facebook', () => {
	it('explore lists the pages of the user token, each with page_id, name, image_url, connected', async () => {
		const { output, error } = await run({
			resource: 'facebook',
			operation: 'explore',
			authToken: GRAPH.userAccessToken,
		});
		assert.ifError(error);
		assert.equal(output[0].length, AIRY_PAGES.length);
		assert.deepEqual(output[0][0].json, {
			page_id: GRAPH.pageId,
			name: GRAPH.pageName,
			image_url: AIRY_PAGES[0].picture,
			connected: false,
		});
		assert.ok(output[0].every((item) => item.pairedItem.item === 0));
		const [request] = emulator.requests;
		assert.equal(request.method, 'POST');
		assert.equal(request.path, '/channels.facebook.explore');
		assert.equal(request.headers.authorization, `Bearer ${AIRY.token}`);
		assert.deepEqual(request.body, { auth_token: GRAPH.userAccessToken });
		assert.ok(!request.url.includes(GRAPH.userAccessToken), 'token not in the URL');
		noSecrets(output);
	});

	it('connect → explore shows connected → disconnect → explore shows it disconnected', async () => {
		const connected = await run({
			resource: 'facebook',
			operation: 'connect',
			pageId: GRAPH.pageId,
			pageToken: GRAPH.pageAccessToken,
			name: 'Support inbox',
			imageUrl: 'https://example.com/a.png',
		});
		assert.ifError(connected.error);
		const channel = connected.output[0][0].json;
		assert.match(channel.id, /^[0-9a-f-]{36}$/);
		assert.equal(channel.source, 'facebook');
		assert.equal(channel.source_channel_id, GRAPH.pageId);
		assert.equal(channel.metadata.name, 'Support inbox');
		assert.equal(channel.metadata.image_url, 'https://example.com/a.png');
		assert.equal(channel.metadata.page_token, undefined, 'the page token Airy echoes is removed');
		noSecrets(connected.output);
		const connectRequest = emulator.requestsTo('POST', '/channels.facebook.connect')[0];
		assert.deepEqual(connectRequest.body, {
			page_id: GRAPH.pageId,
			page_token: GRAPH.pageAccessToken,
			name: 'Support inbox',
			image_url: 'https://example.com/a.png',
		});

		const explored = await run({
			resource: 'facebook',
			operation: 'explore',
			authToken: GRAPH.userAccessToken,
		});
		const page = explored.output[0].find((item) => item.json.page_id === GRAPH.pageId);
		assert.equal(page.json.connected, true);
		assert.equal(explored.output[0].filter((item) => item.json.connected).length, 1);

		const disconnected = await run({
			resource: 'facebook',
			operation: 'disconnect',
			channelId: channel.id,
		});
		assert.ifError(disconnected.error);
		assert.deepEqual(disconnected.output[0][0].json, {
			channelId: channel.id,
			source: 'facebook',
			disconnected: true,
		});
		assert.deepEqual(emulator.requestsTo('POST', '/channels.facebook.disconnect')[0].body, {
			channel_id: channel.id,
		});

		const again = await run({
			resource: 'facebook',
			operation: 'explore',
			authToken: GRAPH.userAccessToken,
		});
		assert.equal(again.output[0].filter((item) => item.json.connected).length, 0);
		// Airy answers 204 for an already disconnected channel too.
		const twice = await run({
			resource: 'facebook',
			operation: 'disconnect',
			channelId: channel.id,
		});
		assert.ifError(twice.error);
	});

	it('connect without name and image sends only the required fields', async () => {
		const { output, error } = await run({
			resource: 'facebook',
			operation: 'connect',
			pageId: '104000000000002',
			pageToken: GRAPH.userAccessToken,
		});
		assert.ifError(error);
		assert.deepEqual(emulator.requests[0].body, {
			page_id: '104000000000002',
			page_token: GRAPH.userAccessToken,
		});
		assert.equal(output[0][0].json.metadata.name, 'Bridge Support Page');
	});

	it("a Graph error passed through by Airy (500) becomes a NodeApiError with Graph's message", async () => {
		const { error } = await run({
			resource: 'facebook',
			operation: 'explore',
			authToken: EXPIRED_USER_TOKEN,
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(
			error.message,
			/Facebook rejected the request made by Airy Core: Error validating access token: Session has expired/,
		);
		assert.equal(error.httpCode, '500');
		assert.equal(emulator.requests.length, 1, 'a 500 is not retried');
		assert.ok(!JSON.stringify(error).includes(EXPIRED_USER_TOKEN));
	});

	it("connect with a token that cannot manage the page reports Graph's message", async () => {
		const { error } = await run({
			resource: 'facebook',
			operation: 'connect',
			pageId: '104000000000003',
			pageToken: GRAPH.pageAccessToken,
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /Object with ID '104000000000003' does not exist/);
	});

	it('disconnecting an unknown channel is a clear 404 error', async () => {
		const { error } = await run({
			resource: 'facebook',
			operation: 'disconnect',
			channelId: '00000000-0000-5000-8000-000000000000',
		});
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Airy Core has no channel with this ID');
		assert.equal(error.httpCode, '404');
	});

	it('a wrong system token is reported as a credential problem, without the token', async () => {
		const { error } = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'explore', authToken: GRAPH.userAccessToken },
			credentials: { airyApi: { baseUrl: emulator.url, token: 'wrong-airy-token' } },
		});
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Airy Core refused the credential');
		assert.ok(!JSON.stringify(error).includes('wrong-airy-token'));
		assert.ok(!JSON.stringify(error).includes(GRAPH.userAccessToken));
	});

	it('explore retries a 503 and then succeeds; connect does not repeat a 503', async () => {
		emulator.injectFault((ctx) => ctx.path === '/channels.facebook.explore', {
			status: 503,
			body: undefined,
			headers: {},
		});
		const explored = await run({
			resource: 'facebook',
			operation: 'explore',
			authToken: GRAPH.userAccessToken,
		});
		assert.ifError(explored.error);
		assert.equal(emulator.requestsTo('POST', '/channels.facebook.explore').length, 2);

		emulator.injectFault((ctx) => ctx.path === '/channels.facebook.connect', {
			status: 503,
			body: undefined,
			headers: {},
		});
		const connected = await run({
			resource: 'facebook',
			operation: 'connect',
			pageId: GRAPH.pageId,
			pageToken: GRAPH.pageAccessToken,
		});
		assert.ok(connected.error instanceof NodeApiError);
		assert.match(connected.error.message, /Airy Core is unavailable \(HTTP 503\)/);
		assert.equal(emulator.requestsTo('POST', '/channels.facebook.connect').length, 1);
	});

	it('an instance without the source (404 from Spring) is not mistaken for an unknown channel', async () => {
		emulator.injectFault(() => true, {
			status: 404,
			body: { status: 404, error: 'Not Found', path: '/channels.facebook.disconnect' },
			headers: {},
		});
		const { error } = await run({
			resource: 'facebook',
			operation: 'disconnect',
			channelId: '00000000-0000-5000-8000-000000000000',
		});
		assert.match(error.message, /does not offer channels.facebook.disconnect/);
	});

	it('an unreachable instance is a NodeApiError naming the Base URL', async () => {
		const { error } = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'explore', authToken: GRAPH.userAccessToken },
			credentials: { airyApi: { baseUrl: 'http://127.0.0.1:1', token: AIRY.token } },
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /Could not reach Airy Core/);
	});
});

describe('Airy Core node: instagram', () => {
	it('connect sends account_id and disconnect uses the instagram path', async () => {
		const connected = await run({
			resource: 'instagram',
			operation: 'connect',
			pageId: GRAPH.pageId,
			pageToken: GRAPH.pageAccessToken,
			accountId: AIRY_INSTAGRAM_ACCOUNT_ID,
			name: 'IG',
		});
		assert.ifError(connected.error);
		const channel = connected.output[0][0].json;
		assert.equal(channel.source, 'instagram');
		assert.equal(channel.source_channel_id, AIRY_INSTAGRAM_ACCOUNT_ID);
		noSecrets(connected.output);
		assert.deepEqual(emulator.requestsTo('POST', '/channels.instagram.connect')[0].body, {
			page_id: GRAPH.pageId,
			page_token: GRAPH.pageAccessToken,
			name: 'IG',
			account_id: AIRY_INSTAGRAM_ACCOUNT_ID,
		});
		const disconnected = await run({
			resource: 'instagram',
			operation: 'disconnect',
			channelId: channel.id,
		});
		assert.ifError(disconnected.error);
		assert.equal(emulator.requestsTo('POST', '/channels.instagram.disconnect').length, 1);
		assert.equal(emulator.state.channels.get(channel.id).connection_state, 'DISCONNECTED');
	});

	it("instagram connect with a token Graph does not accept is Graph's error; no image_url is sent when empty", async () => {
		const { error } = await run({
			resource: 'instagram',
			operation: 'connect',
			pageId: GRAPH.pageId,
			pageToken: 'EAAnotAValidToken',
			accountId: AIRY_INSTAGRAM_ACCOUNT_ID,
			imageUrl: '',
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(
			error.message,
			/Facebook rejected the request made by Airy Core: Invalid OAuth access token/,
		);
		assert.deepEqual(Object.keys(emulator.requests[0].body).sort(), [
			'account_id',
			'page_id',
			'page_token',
		]);
	});
});

describe('Airy Core node: input checks before any request', () => {
	const cases = [
		[
			{ resource: 'facebook', operation: 'explore', authToken: '' },
			/Facebook User Access Token is empty/,
		],
		[
			{ resource: 'facebook', operation: 'connect', pageId: 'My Page', pageToken: 'x' },
			/Page ID "My Page" is not a numeric ID/,
		],
		[
			{ resource: 'facebook', operation: 'connect', pageId: '1', pageToken: 'a b' },
			/Page Token contains spaces/,
		],
		[
			{
				resource: 'facebook',
				operation: 'connect',
				pageId: '1',
				pageToken: 'x',
				imageUrl: 'ftp://x',
			},
			/Image URL "ftp:\/\/x" is not an http\(s\) URL/,
		],
		[
			{ resource: 'instagram', operation: 'connect', pageId: '1', pageToken: 'x', accountId: '' },
			/Account ID is empty/,
		],
		[
			{ resource: 'facebook', operation: 'disconnect', channelId: 'abc' },
			/is not an Airy channel ID/,
		],
		[{ resource: 'instagram', operation: 'disconnect', channelId: '' }, /Channel ID is empty/],
	];
	for (const [parameters, message] of cases) {
		it(`${parameters.resource}: ${parameters.operation} rejects ${message}`, async () => {
			const { error } = await run(parameters);
			assert.ok(error instanceof NodeOperationError, String(error));
			assert.match(error.message, message);
			assert.equal(emulator.requests.length, 0);
		});
	}

	it('a Base URL that is not http(s) is reported before any request', async () => {
		const { error } = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'explore', authToken: 'x' },
			credentials: { airyApi: { baseUrl: 'airy.example.com', token: '' } },
		});
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, /Base URL of the Airy Core credential/);
	});

	it('continueOnFail turns each failing item into an error item with pairedItem', async () => {
		const { output, error } = await runExecute(node, {
			parameters: {
				resource: 'facebook',
				operation: 'disconnect',
				channelId: '00000000-0000-5000-8000-000000000000',
			},
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		assert.ifError(error);
		assert.equal(output[0].length, 2);
		assert.deepEqual(
			output[0].map((i) => i.pairedItem.item),
			[0, 1],
		);
		// The package's one Continue On Fail item: message, next step, HTTP code, Airy's facts.
		for (const item of output[0])
			assert.deepEqual(item.json, {
				error: 'Airy Core has no channel with this ID',
				description:
					'Use the "id" of a channel that Connect returned (or that Airy lists as a channel).',
				httpCode: '404',
				action: 'channels.facebook.disconnect',
			});
	});
});

describe('Airy Core node: description', () => {
	it("is usable as a tool and names the contract's parameters", () => {
		const d = node.description;
		assert.equal(d.usableAsTool, true);
		assert.deepEqual(d.credentials[0], { name: 'airyApi', required: true });
		assert.deepEqual(
			d.credentials.slice(1).map((c) => c.name),
			['facebookAppApi', 'facebookPageApi'],
		);
		const names = new Set(d.properties.map((p) => p.name));
		for (const name of [
			'resource',
			'operation',
			'authToken',
			'pageId',
			'pageToken',
			'name',
			'imageUrl',
			'accountId',
			'channelId',
		]) {
			assert.ok(names.has(name), name);
		}
		const ops = d.properties
			.filter((p) => p.name === 'operation')
			.map((p) => [p.displayOptions.show.resource[0], p.options.map((o) => o.value).sort()]);
		assert.deepEqual(ops, [
			['facebook', ['connect', 'disconnect', 'explore']],
			['instagram', ['connect', 'disconnect']],
		]);
		for (const p of d.properties.filter((p) => ['authToken', 'pageToken'].includes(p.name)))
			assert.equal(p.typeOptions?.password, true);
	});
});
