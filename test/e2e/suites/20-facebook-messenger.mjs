// Facebook Messenger node in the real n8n against the Graph emulator: explore over 120 Pages,
// sendText (many items, concurrent, ordered), sendAction, subscribeApp, getProfile, token
// exchange, a Graph error with its hint, and both Facebook credentials' Test.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { emulatorCredentials, GRAPH } from '../../emulators/fixtures.mjs';
import { SPECIAL_PSIDS, bulkPsid } from '../../emulators/graph/state.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.facebookMessenger';
const credentials = {
	facebookAppApi: CREDENTIAL_REFS.facebookAppApi,
	facebookPageApi: CREDENTIAL_REFS.facebookPageApi,
};

const flows = {
	explore: { resource: 'page', operation: 'explore', returnAll: true },
	sendText: {
		resource: 'message',
		operation: 'sendText',
		recipientId: '={{ $json.recipientId ?? $json.body.recipientId }}',
		text: '={{ $json.text ?? $json.body.text }}',
		messagingType: 'RESPONSE',
		quickReplies: { quickReply: [{ contentType: 'text', title: 'Yes', payload: 'YES' }] },
		options: {},
	},
	sendAction: {
		resource: 'message',
		operation: 'sendAction',
		recipientId: '={{ $json.body.recipientId }}',
		senderAction: 'typing_on',
		options: {},
	},
	subscribe: {
		resource: 'page',
		operation: 'subscribeApp',
		pageId: { __rl: true, mode: 'id', value: '={{ $json.body.pageId }}' },
	},
	profile: {
		resource: 'user',
		operation: 'getProfile',
		userId: '={{ $json.body.userId }}',
		fields: ['first_name', 'last_name', 'profile_pic'],
	},
	exchange: { resource: 'token', operation: 'exchange', tokenSource: 'credential' },
};

const ids = {};
for (const [key, parameters] of Object.entries(flows)) {
	const id = `mbFbMessenger${key.slice(0, 6).padEnd(6, '0')}${Object.keys(ids).length}`;
	ids[key] = id;
	const workflow = webhookWorkflow({
		id,
		name: `e2e messenger ${key}`,
		path: `fb-messenger-${key.toLowerCase()}`,
		node: { type: TYPE, name: 'Facebook Messenger', parameters },
		credentials,
	});
	env.addWorkflows(workflow);
}

// Many items in one execution: a Code node fans the webhook body's list out into items.
env.addWorkflows({
	id: 'mbFbMessengerBulk01',
	name: 'e2e messenger bulk',
	nodes: [
		{
			id: 'bulk-hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'mbFbMessengerBulk01-hook',
			parameters: {
				httpMethod: 'POST',
				path: 'fb-messenger-bulk',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: 'bulk-split',
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [200, 0],
			parameters: { fieldToSplitOut: 'body.messages', options: {} },
		},
		{
			id: 'bulk-send',
			name: 'Facebook Messenger',
			type: TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters: { ...flows.sendText, quickReplies: {}, options: { concurrency: 10 } },
			credentials,
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Split', type: 'main', index: 0 }]] },
		Split: { main: [[{ node: 'Facebook Messenger', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

// A file made in the workflow (Convert to File) sent as an attachment: multipart in the real n8n.
env.addWorkflows({
	id: 'mbFbMessengerFile01',
	name: 'e2e messenger binary attachment',
	nodes: [
		{
			id: 'file-hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'mbFbMessengerFile01-hook',
			parameters: {
				httpMethod: 'POST',
				path: 'fb-messenger-file',
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: 'file-convert',
			name: 'To File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			position: [200, 0],
			parameters: {
				operation: 'toText',
				sourceProperty: 'body.note',
				options: { fileName: 'note.txt' },
			},
		},
		{
			id: 'file-send',
			name: 'Facebook Messenger',
			type: TYPE,
			typeVersion: 1,
			position: [400, 0],
			parameters: {
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: GRAPH.psid,
				attachmentType: 'file',
				source: 'binary',
				binaryPropertyName: 'data',
				isReusable: true,
				options: {},
			},
			credentials,
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'To File', type: 'main', index: 0 }]] },
		'To File': { main: [[{ node: 'Facebook Messenger', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

const call = async (key, body = {}) => {
	const response = await env.webhook(`fb-messenger-${key.toLowerCase()}`, { body });
	return response;
};
const ok = async (key, body) => {
	const response = await call(key, body);
	assert.equal(response.status, 200, `${key}: ${response.text.slice(0, 400)}`);
	return response.json;
};

describe('e2e: Facebook Messenger', () => {
	let graph;
	before(() => {
		graph = env.emulators.graph;
	});

	it('explore: every one of 120 Pages, two Graph pages of 100, connected flags, no tokens', async () => {
		// Other suites may have subscribed Pages: start from a known world.
		graph.state.pageSubscriptions.clear();
		graph.state.pageSubscriptions.set(GRAPH.pageId, new Map([[GRAPH.appId, ['messages']]]));
		graph.clearRequests();
		const pages = await ok('explore');
		assert.equal(pages.length, 120);
		assert.equal(new Set(pages.map((p) => p.id)).size, 120);
		const mine = pages.find((p) => p.id === GRAPH.pageId);
		assert.equal(mine.connected, true);
		assert.equal(mine.pictureUrl, `https://scontent.example/${GRAPH.pageId}.png`);
		assert.equal(pages.filter((p) => p.connected).length, 1);
		assert.ok(!JSON.stringify(pages).includes('EAA'));
		const lists = graph.requestsTo('GET', '/me/accounts');
		assert.deepEqual(
			lists.map((r) => r.query.limit),
			['100', '100'],
		);
		assert.ok(
			graph.requests.every(
				(r) =>
					r.headers.authorization?.startsWith('Bearer ') &&
					r.query.appsecret_proof &&
					r.query.appsecret_time,
			),
		);
	});

	it('sendText: delivered with quick replies', async () => {
		graph.state.sent.length = 0;
		const [row] = await ok('sendText', { recipientId: GRAPH.psid, text: 'Hello from n8n' });
		assert.equal(row.recipientId, GRAPH.psid);
		assert.match(row.messageId, /^m_/);
		assert.equal(graph.state.sent.length, 1);
		assert.deepEqual(graph.state.sent[0].message, {
			text: 'Hello from n8n',
			quick_replies: [{ content_type: 'text', title: 'Yes', payload: 'YES' }],
		});
	});

	it('sendText: 40 items to 8 recipients in one execution, each once, in order per recipient', async () => {
		graph.state.sent.length = 0;
		const messages = Array.from({ length: 40 }, (_, n) => ({
			recipientId: bulkPsid(n % 8),
			text: `#${n}`,
		}));
		const rows = await ok('bulk', { messages });
		assert.equal(rows.length, 40);
		assert.deepEqual(
			rows.map((r) => r.recipientId),
			messages.map((m) => m.recipientId),
		);
		assert.equal(graph.state.sent.length, 40);
		for (let r = 0; r < 8; r++) {
			const got = graph.state.sent
				.filter((s) => s.recipientId === bulkPsid(r))
				.map((s) => s.message.text);
			assert.deepEqual(
				got,
				messages.filter((m) => m.recipientId === bulkPsid(r)).map((m) => m.text),
			);
		}
	});

	it("sendText outside the 24-hour window: Meta's error and the hint in n8n", async () => {
		const response = await call('sendText', {
			recipientId: SPECIAL_PSIDS.outsideWindow,
			text: 'Late reply',
		});
		assert.notEqual(response.status, 200);
		const [latest] = await env.executions(ids.sendText);
		const error = env.nodeError(latest, 'Facebook Messenger');
		assert.match(error.message, /outside of allowed window/);
		assert.match(error.description, /24 hours/);
		assert.match(error.description, /code 10, subcode 2018278, fbtrace_id A/);
	});

	it('sendAction: typing_on alone', async () => {
		graph.clearRequests();
		const [row] = await ok('sendAction', { recipientId: GRAPH.psid });
		assert.equal(row.recipientId, GRAPH.psid);
		assert.deepEqual(graph.requests.at(-1).body, {
			recipient: { id: GRAPH.psid },
			sender_action: 'typing_on',
		});
	});

	it('subscribeApp: the Page now sends Messenger fields to the app', async () => {
		graph.state.pageSubscriptions.clear();
		const [row] = await ok('subscribe', { pageId: GRAPH.pageId });
		assert.equal(row.success, true);
		assert.deepEqual(
			graph.state.pageSubscriptions.get(GRAPH.pageId).get(GRAPH.appId),
			row.subscribedFields,
		);
		assert.ok(row.subscribedFields.includes('messages'));
	});

	it('getProfile: name and picture of a PSID', async () => {
		const [profile] = await ok('profile', { userId: GRAPH.psid });
		assert.deepEqual(profile, {
			id: GRAPH.psid,
			first_name: 'Ada',
			last_name: 'Lovelace',
			profile_pic: 'https://scontent.example/ada.png',
		});
	});

	it('token exchange: a long-lived token, secret and token only in the POST body', async () => {
		graph.clearRequests();
		const [row] = await ok('exchange');
		assert.match(row.accessToken, /^EAAemulatorLongLived/);
		assert.ok(row.expiresIn > 50 * 86400);
		const request = graph.requestsTo('POST', '/oauth/access_token')[0];
		assert.equal(request.body.client_secret, GRAPH.appSecret);
		assert.ok(
			!request.url.includes(GRAPH.appSecret) && !request.url.includes(GRAPH.userAccessToken),
		);
	});

	it('sendAttachment from binary data: a multipart upload from the real n8n', async () => {
		graph.state.sent.length = 0;
		const note = 'Invoice 42: 12.50 EUR';
		const [row] = await ok('file', { note });
		assert.match(row.messageId, /^m_/);
		assert.match(row.attachmentId, /^\d+$/);
		assert.equal(graph.state.sent[0].file.filename, 'note.txt');
		assert.equal(graph.state.sent[0].file.bytes, Buffer.byteLength(note));
		assert.deepEqual(graph.state.sent[0].message.attachment, {
			type: 'file',
			payload: { is_reusable: true },
		});
	});

	it('the Page locator lists Pages through n8n, 100 per call with a pagination token', async () => {
		const request = (paginationToken) =>
			env.rest('/rest/dynamic-node-parameters/resource-locator-results', {
				method: 'POST',
				body: {
					path: 'parameters.pageId',
					nodeTypeAndVersion: { name: TYPE, version: 1 },
					currentNodeParameters: {
						resource: 'page',
						operation: 'get',
						pageId: { __rl: true, mode: 'list', value: '' },
					},
					methodName: 'searchPages',
					credentials: { facebookAppApi: CREDENTIAL_REFS.facebookAppApi },
					...(paginationToken ? { paginationToken } : {}),
				},
			});
		const first = await request();
		assert.equal(first.results.length, 100);
		assert.deepEqual(first.results[0], {
			name: GRAPH.pageName,
			value: GRAPH.pageId,
			url: `https://www.facebook.com/${GRAPH.pageId}`,
		});
		assert.ok(first.paginationToken);
		const second = await request(first.paginationToken);
		assert.equal(second.results.length, 20);
		assert.equal(second.paginationToken, undefined);
	});

	for (const type of ['facebookAppApi', 'facebookPageApi']) {
		it(`the ${type} credential's Test passes, and fails with a wrong secret and a wrong token`, async () => {
			const stored = emulatorCredentials().find((c) => c.type === type);
			const test = (data) =>
				env.rest('/rest/credentials/test', {
					method: 'POST',
					body: { credentials: { id: stored.id, name: stored.name, type, data } },
				});
			graph.clearRequests();
			const good = await test(stored.data);
			assert.equal(good.status, 'OK', JSON.stringify(good));
			const [request] = graph.requests;
			assert.ok(request, 'the Test called the Graph emulator');
			assert.match(request.headers.authorization, /^Bearer /);
			assert.ok(request.query.appsecret_proof && request.query.appsecret_time);
			assert.ok(!request.url.includes(GRAPH.appSecret) && !/EAA/.test(request.url));
			const badSecret = await test({ ...stored.data, appSecret: 'not-the-secret' });
			assert.equal(badSecret.status, 'Error', JSON.stringify(badSecret));
			const tokenField = type === 'facebookAppApi' ? 'appId' : 'pageAccessToken';
			const badToken = await test({
				...stored.data,
				[tokenField]: type === 'facebookAppApi' ? '999' : 'EAAnotAToken',
			});
			assert.equal(badToken.status, 'Error', JSON.stringify(badToken));
			assert.ok(!JSON.stringify([badSecret, badToken]).includes(GRAPH.appSecret));
		});
	}
});
