// Airy Core in the real n8n, against the Airy emulator: the onboarding flow (explore → connect →
// explore shows the page connected → disconnect → explore shows it free), an unknown channel and
// a Graph error passed through by Airy as NodeApiErrors, and the credential's Test.
// @see https://airy.co/docs/core/sources/facebook
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { AIRY, GRAPH } from '../../emulators/fixtures.mjs';
import { AIRY_PAGES, EXPIRED_USER_TOKEN } from '../../emulators/airy/data.mjs';

const NODE_TYPE = 'n8n-nodes-messenger-bridge.airy';
const credentials = { airyApi: CREDENTIAL_REFS.airyApi };
const node = (parameters) => ({ name: 'Airy Core', type: NODE_TYPE, parameters });

const EXPLORE_WF = 'mbAiryExplore001';
const EXPIRED_WF = 'mbAiryExpired001';
const CONNECT_WF = 'mbAiryConnect001';
const DISCONNECT_WF = 'mbAiryDisconn001';

// Tokens sit in the node parameters, never in webhook bodies: webhook output is kept in executions.
env.addWorkflows(
	webhookWorkflow({
		id: EXPLORE_WF,
		path: 'airy-explore',
		credentials,
		node: node({ resource: 'facebook', operation: 'explore', authToken: GRAPH.userAccessToken }),
	}),
	webhookWorkflow({
		id: EXPIRED_WF,
		path: 'airy-explore-expired',
		credentials,
		node: node({ resource: 'facebook', operation: 'explore', authToken: EXPIRED_USER_TOKEN }),
	}),
	webhookWorkflow({
		id: CONNECT_WF,
		path: 'airy-connect',
		credentials,
		node: node({
			resource: 'facebook',
			operation: 'connect',
			pageId: '={{ $json.body.pageId }}',
			pageToken: GRAPH.pageAccessToken,
			name: '={{ $json.body.name }}',
			imageUrl: '',
		}),
	}),
	webhookWorkflow({
		id: DISCONNECT_WF,
		path: 'airy-disconnect',
		credentials,
		node: node({
			resource: 'facebook',
			operation: 'disconnect',
			channelId: '={{ $json.body.channelId }}',
		}),
	}),
);

const airy = () => env.emulators.airy;
const trace = () => airy().requests.map((r) => `${r.method} ${r.path} ${r.status}`);
const failedExecution = (workflowId) =>
	env.waitFor(async () => (await env.executions(workflowId)).find((e) => e.status === 'error'), {
		what: 'the failed execution',
	});

describe('e2e: Airy Core', () => {
	beforeEach(() => airy().clearRequests());

	it('explore → connect → explore shows it connected → disconnect → explore shows it free', async (t) => {
		const timings = {};
		const time = async (label, fn) => {
			const started = Date.now();
			const result = await fn();
			timings[label] = Date.now() - started;
			return result;
		};
		const before = await time('explore', () => env.webhook('airy-explore', { body: {} }));
		assert.equal(before.status, 200, before.text);
		assert.deepEqual(
			before.json.map((p) => p.page_id),
			AIRY_PAGES.map((p) => p.id),
		);
		assert.ok(before.json.every((p) => p.connected === false));

		const connected = await time('connect', () =>
			env.webhook('airy-connect', { body: { pageId: GRAPH.pageId, name: 'Support inbox' } }),
		);
		assert.equal(connected.status, 200, connected.text);
		const [channel] = connected.json;
		assert.equal(channel.source, 'facebook');
		assert.equal(channel.source_channel_id, GRAPH.pageId);
		assert.equal(channel.metadata.name, 'Support inbox');
		assert.equal(channel.metadata.page_token, undefined);
		assert.ok(!connected.text.includes('EAA'), 'no token in the answer');

		const during = await time('explore', () => env.webhook('airy-explore', { body: {} }));
		assert.deepEqual(
			during.json.filter((p) => p.connected).map((p) => p.page_id),
			[GRAPH.pageId],
		);

		const disconnected = await time('disconnect', () =>
			env.webhook('airy-disconnect', { body: { channelId: channel.id } }),
		);
		assert.equal(disconnected.status, 200, disconnected.text);
		assert.deepEqual(disconnected.json, [
			{ channelId: channel.id, source: 'facebook', disconnected: true },
		]);

		const after = await env.webhook('airy-explore', { body: {} });
		assert.ok(after.json.every((p) => p.connected === false));

		assert.deepEqual(trace(), [
			'POST /channels.facebook.explore 200',
			'POST /channels.facebook.connect 200',
			'POST /channels.facebook.explore 200',
			'POST /channels.facebook.disconnect 204',
			'POST /channels.facebook.explore 200',
		]);
		for (const request of airy().requests) {
			assert.equal(request.headers.authorization, `Bearer ${AIRY.token}`);
			assert.ok(!request.url.includes('EAA'), 'tokens travel in bodies, not URLs');
		}
		assert.deepEqual(airy().requests[1].body, {
			page_id: GRAPH.pageId,
			page_token: GRAPH.pageAccessToken,
			name: 'Support inbox',
		});
		t.diagnostic(`webhook round trips (ms): ${JSON.stringify(timings)}`);
	});

	it('an unknown channel fails the execution with a NodeApiError (404)', async () => {
		const response = await env.webhook('airy-disconnect', {
			body: { channelId: '00000000-0000-5000-8000-000000000000' },
		});
		assert.equal(response.status, 500);
		const error = env.nodeError(await failedExecution(DISCONNECT_WF), 'Airy Core');
		assert.equal(error.name, 'NodeApiError');
		assert.equal(error.message, 'Airy Core has no channel with this ID');
		assert.equal(error.httpCode, '404');
		assert.deepEqual(trace(), ['POST /channels.facebook.disconnect 404']);
	});

	it("a Graph error passed through by Airy (500) fails with Graph's message, not retried", async () => {
		const response = await env.webhook('airy-explore-expired', { body: {} });
		assert.equal(response.status, 500);
		const error = env.nodeError(await failedExecution(EXPIRED_WF), 'Airy Core');
		assert.equal(error.name, 'NodeApiError');
		assert.match(
			error.message,
			/^Facebook rejected the request made by Airy Core: Error validating access token: Session has expired/,
		);
		assert.equal(error.httpCode, '500');
		assert.deepEqual(trace(), ['POST /channels.facebook.explore 500']);
	});

	it('is listed by n8n together with its AI tool variant (usableAsTool)', async () => {
		const names = new Set((await env.rest('/types/nodes.json')).map((t) => t.name));
		assert.ok(names.has('n8n-nodes-messenger-bridge.airy'));
		assert.ok(names.has('n8n-nodes-messenger-bridge.airyTool'));
	});

	it('the credential Test in n8n calls /channels.list and fails with a wrong token', async () => {
		const ref = CREDENTIAL_REFS.airyApi;
		const data = { baseUrl: airy().url, token: AIRY.token };
		const ok = await env.rest('/rest/credentials/test', {
			method: 'POST',
			body: { credentials: { ...ref, type: 'airyApi', data } },
		});
		assert.equal(ok.status, 'OK', JSON.stringify(ok));
		const bad = await env.rest('/rest/credentials/test', {
			method: 'POST',
			body: {
				credentials: { ...ref, type: 'airyApi', data: { ...data, token: 'not-the-airy-token' } },
			},
		});
		assert.equal(bad.status, 'Error', JSON.stringify(bad));
		assert.deepEqual(trace(), ['POST /channels.list 200', 'POST /channels.list 403']);
		assert.equal(airy().requests[0].headers.authorization, `Bearer ${AIRY.token}`);
		// Airy's /channels.list needs a JSON body; n8n would drop an empty one.
		assert.deepEqual(airy().requests[0].body, { source: 'facebook' });
	});
});
