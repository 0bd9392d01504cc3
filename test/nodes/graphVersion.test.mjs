// The Graph API version the package calls: v27.0 (current since 4 November 2026) for a
// credential left at its default, the pinned one otherwise, and the Graph emulator answering as
// Meta schedules versions (an expired version answered as the oldest served one) and restricts
// the legacy request features for apps created since 4 November 2026.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { graphCredentials, loadNode, runExecute } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import { answeringVersion, servedVersions } from '../emulators/graph/versions.mjs';

const require = createRequire(import.meta.url);
const { FacebookAppApi } = require('../../dist/credentials/FacebookAppApi.credentials.js');
const { FacebookPageApi } = require('../../dist/credentials/FacebookPageApi.credentials.js');

const node = loadNode('FacebookMessenger');
let graph;

const run = (parameters, overrides = {}) =>
	runExecute(node, { parameters, credentials: graphCredentials(graph.url, overrides) });
const sendText = {
	resource: 'message',
	operation: 'sendText',
	recipientId: GRAPH.psid,
	text: 'Hi',
};
const paths = () => graph.requests.map((r) => `${r.method} ${r.path}`);

/** A Graph call made directly (the emulator's answer with its headers). */
async function call(path, { token = GRAPH.pageAccessToken } = {}) {
	const response = await fetch(`${graph.url}${path}`, {
		headers: { authorization: `Bearer ${token}` },
	});
	return {
		status: response.status,
		version: response.headers.get('facebook-api-version'),
		body: await response.json(),
	};
}

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.clearRequests();
	delete graph.state.appCreated;
	graph.state.sent.length = 0;
});

describe('Graph API version', () => {
	it('both Facebook credentials default to v27.0', () => {
		for (const Credential of [FacebookAppApi, FacebookPageApi]) {
			const property = new Credential().properties.find((p) => p.name === 'graphApiVersion');
			assert.equal(property.default, 'v27.0');
		}
	});

	it('a credential left at its default calls /v27.0/ and Graph answers as v27.0', async () => {
		const result = await run(sendText);
		assert.ifError(result.error);
		assert.deepEqual(paths(), [`POST /v27.0/${GRAPH.pageId}/messages`]);
		assert.equal((await call('/v27.0/me')).version, 'v27.0');
	});

	it('a credential pinned to v25.0 (saved before this release) keeps calling v25.0', async () => {
		const result = await run(sendText, { page: { graphApiVersion: 'v25.0' } });
		assert.ifError(result.error);
		assert.deepEqual(paths(), [`POST /v25.0/${GRAPH.pageId}/messages`]);
		assert.equal((await call('/v25.0/me')).version, 'v25.0');
	});

	it('an expired version (v17.0) is answered as the oldest served version, as Meta does', async () => {
		assert.equal(answeringVersion('v17.0'), 'v21.0');
		assert.equal(answeringVersion('v20.0'), 'v21.0', 'v20.0 expired on 24 September 2026');
		const result = await run(sendText, { page: { graphApiVersion: 'v17.0' } });
		assert.ifError(result.error);
		assert.deepEqual(paths(), [`POST /v17.0/${GRAPH.pageId}/messages`]);
		const answer = await call('/v17.0/me');
		assert.equal(answer.status, 200);
		assert.equal(answer.version, 'v21.0');
	});

	it('a version Meta has not released is an unknown path (code 2500)', async () => {
		assert.deepEqual(servedVersions().slice(0, 2), ['v27.0', 'v26.0']);
		const answer = await call('/v28.0/me');
		assert.equal(answer.status, 400);
		assert.equal(answer.body.error.code, 2500);
		const result = await run(sendText, { page: { graphApiVersion: 'v28.0' } });
		assert.ok(result.error, 'the node reports Graph error');
		assert.match(result.error.message, /Unknown path components/);
	});
});

describe('legacy request features (v27.0: refused to apps created since 4 November 2026)', () => {
	const newApp = () => {
		graph.state.appCreated = '2026-11-20';
	};

	it('multi-ID, method override, field aliases and JSONP are refused to a new app only', async () => {
		for (const query of ['ids=1,2', 'method=POST', 'fields=name.as(title)', 'callback=f']) {
			const legacy = /created since November 4, 2026/;
			const old = await call(`/v27.0/me?${query}`);
			assert.doesNotMatch(old.body.error?.message ?? '', legacy, `old app, ${query}`);
			newApp();
			const refused = await call(`/v27.0/me?${query}`);
			assert.equal(refused.status, 400, `new app, ${query}`);
			assert.equal(refused.body.error.code, 100);
			assert.match(refused.body.error.message, legacy);
			delete graph.state.appCreated;
		}
	});

	it("a new app's sends, subscriptions, profiles and uploads use none of them", async () => {
		newApp();
		for (const parameters of [
			sendText,
			{ resource: 'page', operation: 'subscribeApp' },
			{ resource: 'user', operation: 'getProfile', userId: GRAPH.psid },
			{
				resource: 'attachment',
				operation: 'upload',
				attachmentType: 'image',
				source: 'url',
				url: 'https://example.com/a.png',
			},
		]) {
			const result = await run(parameters);
			assert.ifError(result.error);
		}
		assert.ok(graph.requests.every((r) => r.path.startsWith('/v27.0/')));
	});

	it('Token → Debug works for an app created since 4 November 2026 (a batch request, no method override)', async () => {
		newApp();
		const accepted = await run({ resource: 'token', operation: 'debug' });
		assert.ifError(accepted.error);
		assert.ok(
			graph.requests.every((r) => r.body?.method === undefined && r.query?.method === undefined),
		);
		delete graph.state.appCreated;
	});
});
