// Genesys Engage in the real n8n: the Facebook Send page's example, an unknown interaction, a private
// session's SendMessage surviving a CSRF token change, and the credential's Test, all against the
// GWS emulator (CSRF protection on, JSESSIONID cookie required).
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { ENGAGE } from '../../emulators/genesys-engage/index.mjs';
import { GENESYS_ENGAGE } from '../../emulators/fixtures.mjs';

const NODE_TYPE = 'n8n-nodes-messenger-bridge.genesysEngage';
const credentials = { genesysEngageApi: CREDENTIAL_REFS.genesysEngageApi };

const SEND_WF = 'mbEngageSend0001';
const SESSION_WF = 'mbEngageSessMsg1';
const CHAIN_WF = 'mbEngageChain001';

env.addWorkflows(
	webhookWorkflow({
		id: SEND_WF,
		path: 'engage-send',
		credentials,
		node: {
			name: 'Genesys Engage',
			type: NODE_TYPE,
			parameters: {
				resource: 'facebook',
				operation: 'send',
				interactionId: '={{ $json.body.interactionId }}',
				queuePath: '={{ $json.body.queuePath }}',
				from: '={{ $json.body.from }}',
				message: '={{ $json.body.message }}',
			},
		},
	}),
	webhookWorkflow({
		id: SESSION_WF,
		path: 'engage-session-message',
		credentials,
		node: {
			name: 'Genesys Engage',
			type: NODE_TYPE,
			parameters: {
				resource: 'facebookSession',
				operation: 'sendMessage',
				sessionId: '={{ $json.body.sessionId }}',
				text: '={{ $json.body.text }}',
			},
		},
	}),
);

// Create an interaction, wait for its ID over CometD, send on it: the chain Wait for Result enables.
env.addWorkflows({
	id: CHAIN_WF,
	name: 'e2e engage create then send',
	nodes: [
		{
			id: `${CHAIN_WF}-hook`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: `${CHAIN_WF}-hook`,
			parameters: {
				httpMethod: 'POST',
				path: 'engage-create-send',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: `${CHAIN_WF}-create`,
			name: 'Create',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'facebook',
				operation: 'create',
				queuePath: ENGAGE.queuePath,
				userData: '={{ JSON.stringify({ Subject: $json.body.subject }) }}',
				waitForResult: true,
				resultTimeout: 10,
			},
			credentials,
		},
		{
			id: `${CHAIN_WF}-send`,
			name: 'Send',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [480, 0],
			parameters: {
				resource: 'facebook',
				operation: 'send',
				interactionId: '={{ $json.interactionId }}',
				queuePath: ENGAGE.queuePath,
				from: 'vitaliy_onv',
				message: "={{ $('Webhook').item.json.body.message }}",
				waitForResult: true,
				resultTimeout: 10,
			},
			credentials,
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
		Create: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

const gws = () => env.emulators.genesysEngage;
const trace = () => gws().requests.map((r) => `${r.method} ${r.path} ${r.status}`);

describe('e2e: Genesys Engage', () => {
	beforeEach(() => gws().reset());

	it('facebook send as on the Facebook Send page: one session, cookie and CSRF token, exact body, statusCode and referenceId out', async (t) => {
		const started = Date.now();
		const response = await env.webhook('engage-send', {
			body: {
				interactionId: ENGAGE.outboundId,
				queuePath: ENGAGE.queuePath,
				from: 'vitaliy_onv',
				message: 'Hello Facebook!',
			},
		});
		const elapsed = Date.now() - started;
		assert.equal(response.status, 200, response.text);
		assert.deepEqual(response.json, [
			{ statusCode: 0, referenceId: 57, operationName: 'Send', interactionId: ENGAGE.outboundId },
		]);
		assert.deepEqual(trace(), [
			'GET /api/v2/me 200',
			`POST /api/v2/me/facebook/${ENGAGE.outboundId} 200`,
		]);
		const [get, post] = gws().requests;
		assert.deepEqual(JSON.parse(post.rawBody), {
			operationName: 'Send',
			queuePath: '/contacts/60ebbb94-3cef-4b14-95f8-5c49dbeb355d',
			facebook: { from: 'vitaliy_onv', message: 'Hello Facebook!' },
		});
		const session = [...gws().state.httpSessions.values()][0];
		assert.equal(get.headers.cookie, undefined);
		assert.equal(post.headers.cookie, `JSESSIONID=${session.id}`);
		assert.equal(post.headers['x-csrf-token'], session.csrfToken);
		assert.equal(gws().interaction(ENGAGE.outboundId).state, 'Sent');
		t.diagnostic(`webhook → Genesys Engage send → answer: ${elapsed} ms`);
	});

	it("Wait for Result: Create reports the new interaction's ID over CometD, and Send uses it in the next node", async () => {
		gws().state.cometTimeoutMs = 1000;
		const response = await env.webhook('engage-create-send', {
			body: { subject: 'Refund', message: 'Your refund is on its way' },
		});
		assert.equal(response.status, 200, response.text);
		const [sent] = response.json;
		const created = [...gws().state.interactions.values()].find(
			(i) => i.id !== ENGAGE.outboundId && i.id !== ENGAGE.inboundId,
		);
		assert.equal(sent.interactionId, created.id);
		assert.equal(sent.state, 'Sent');
		assert.equal(sent.operationName, 'Send');
		assert.equal(created.state, 'Sent');
		assert.deepEqual(created.userData, { Subject: 'Refund' });
		assert.equal(created.sent[0].message, 'Your refund is on its way');
		// Each node ran in its own session with its own CometD client, ended when the node finished.
		const channels = gws()
			.requests.filter((r) => r.path === '/api/v2/notifications')
			.flatMap((r) => r.body.map((m) => m.channel));
		assert.equal(channels.filter((c) => c === '/meta/handshake').length, 2);
		assert.equal(channels.filter((c) => c === '/meta/disconnect').length, 2);
		assert.equal(gws().state.cometClients.size, 0);
	});

	it('an unknown interaction fails the execution with statusCode 6 and the server message', async () => {
		const response = await env.webhook('engage-send', {
			body: {
				interactionId: '01ZZZZUNKNOWN000',
				queuePath: ENGAGE.queuePath,
				from: 'vitaliy_onv',
				message: 'Hello?',
			},
		});
		assert.equal(response.status, 500);
		const execution = await env.waitFor(
			async () => (await env.executions(SEND_WF)).find((e) => e.status === 'error'),
			{ what: 'the failed execution' },
		);
		const error = env.nodeError(execution, 'Genesys Engage');
		assert.equal(error.name, 'NodeApiError');
		assert.match(error.message, /The requested resource could not be found \(statusCode 6\)/);
		assert.equal(error.description, 'Facebook interaction 01ZZZZUNKNOWN000 was not found');
		assert.equal(error.httpCode, '404');
		assert.deepEqual(trace(), [
			'GET /api/v2/me 200',
			'POST /api/v2/me/facebook/01ZZZZUNKNOWN000 404',
		]);
	});

	it('facebookSession sendMessage, with the CSRF token changing before the write: refreshed once, sent once', async () => {
		gws().state.rotateCsrfOnNextWrite = true;
		const response = await env.webhook('engage-session-message', {
			body: { sessionId: ENGAGE.chattingSessionId, text: 'How can I help you?' },
		});
		assert.equal(response.status, 200, response.text);
		assert.deepEqual(response.json, [
			{
				statusCode: 0,
				referenceId: null,
				operationName: 'SendMessage',
				sessionId: ENGAGE.chattingSessionId,
			},
		]);
		const path = `/api/v2/me/facebooksessions/${ENGAGE.chattingSessionId}`;
		assert.deepEqual(trace(), [
			'GET /api/v2/me 200',
			`POST ${path} 403`,
			'GET /api/v2/me 200',
			`POST ${path} 200`,
		]);
		const [, rejected, , accepted] = gws().requests;
		assert.deepEqual(JSON.parse(accepted.rawBody), {
			operationName: 'SendMessage',
			text: 'How can I help you?',
		});
		assert.notEqual(accepted.headers['x-csrf-token'], rejected.headers['x-csrf-token']);
		assert.equal(accepted.headers.cookie, rejected.headers.cookie, 'same JSESSIONID all along');
		assert.deepEqual(gws().facebookSession(ENGAGE.chattingSessionId).transcript, [
			{ type: 'Message', text: 'How can I help you?' },
		]);
	});

	it('the credential Test in n8n passes against the emulator and fails with a wrong password', async () => {
		const ref = CREDENTIAL_REFS.genesysEngageApi;
		const data = {
			baseUrl: gws().url,
			username: GENESYS_ENGAGE.username,
			password: GENESYS_ENGAGE.password,
		};
		const ok = await env.rest('/rest/credentials/test', {
			method: 'POST',
			body: { credentials: { ...ref, type: 'genesysEngageApi', data } },
		});
		assert.equal(ok.status, 'OK', JSON.stringify(ok));
		const bad = await env.rest('/rest/credentials/test', {
			method: 'POST',
			body: {
				credentials: {
					...ref,
					type: 'genesysEngageApi',
					data: { ...data, password: 'not-the-password' },
				},
			},
		});
		assert.equal(bad.status, 'Error');
		// n8n may repeat a refused test request; every attempt was a refused GET.
		const [first, ...refused] = trace();
		assert.equal(first, 'GET /api/v2/me 200');
		assert.ok(
			refused.length >= 1 && refused.every((r) => r === 'GET /api/v2/me 401'),
			trace().join(', '),
		);
		assert.match(gws().requests[0].headers.authorization, /^Basic /);
	});
});
