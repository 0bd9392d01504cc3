// The Facebook Messenger node's real execute() against the Graph emulator, over loopback.
// Every operation, the checks that stop a run before any request, Meta's errors with hints,
// and retries under rate limiting that still deliver each message exactly once.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
	loadNode,
	runExecute,
	loadOptionsContext,
	graphCredentials,
	workflow,
} from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import { SPECIAL_PSIDS, bulkPsid } from '../emulators/graph/state.mjs';

const { NodeApiError, NodeOperationError } = workflow;
const node = loadNode('FacebookMessenger');
let graph;

const credentials = (overrides = {}) => graphCredentials(graph.url, overrides);

const run = (parameters, { credentials: overrides, ...extra } = {}) =>
	runExecute(node, { parameters, credentials: credentials(overrides), ...extra });
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const send = (parameters) => ({
	resource: 'message',
	operation: 'sendText',
	recipientId: GRAPH.psid,
	text: 'Hello',
	...parameters,
});
const SECRETS = [
	GRAPH.appSecret,
	GRAPH.userAccessToken,
	GRAPH.pageAccessToken,
	GRAPH.shortLivedUserToken,
	'EAAemulator',
];

/** Tokens only in the Authorization header; every call signed with appsecret_proof + appsecret_time. */
function assertCleanRequests() {
	assert.ok(graph.requests.length > 0);
	for (const request of graph.requests) {
		for (const secret of SECRETS)
			assert.ok(!request.url.includes(secret), `secret in URL ${request.url}`);
		assert.ok(!('access_token' in request.query), 'access_token in query');
		assert.match(request.headers.authorization, /^Bearer \S+/);
		const token = request.headers.authorization.slice(7);
		const { appsecret_proof: proof, appsecret_time: time } = request.query;
		assert.ok(proof && time, `no appsecret_proof on ${request.path}`);
		assert.equal(
			proof,
			createHmac('sha256', GRAPH.appSecret).update(`${token}|${time}`).digest('hex'),
		);
	}
}

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.clearRequests();
	graph.clearFaults();
	graph.latencyMs = 0;
	graph.state.sendRateLimit = null;
	graph.state.sendHoldMs = 0;
	graph.state.maxSendsInFlight = 0;
	graph.state.sent.length = 0;
	graph.state.pageSubscriptions.clear();
});

describe('page', () => {
	it('explore lists all 120 Pages with the largest page size, connected flags and no tokens', async () => {
		graph.state.pageSubscriptions.set(GRAPH.pageId, new Map([[GRAPH.appId, ['messages']]]));
		const rows = json(await run({ resource: 'page', operation: 'explore' }));
		assert.equal(rows.length, 120);
		assert.equal(new Set(rows.map((r) => r.id)).size, 120);
		const first = rows.find((r) => r.id === GRAPH.pageId);
		assert.deepEqual(
			{ ...first, tasks: first.tasks.length },
			{
				id: GRAPH.pageId,
				name: GRAPH.pageName,
				category: 'Software',
				tasks: 6,
				pictureUrl: `https://scontent.example/${GRAPH.pageId}.png`,
				connected: true,
				subscribedFields: ['messages'],
			},
		);
		assert.equal(rows.filter((r) => r.connected === true).length, 1);
		assert.equal(rows.filter((r) => r.connected === false).length, 119);
		assert.ok(!JSON.stringify(rows).includes('EAA'), 'a token leaked into the output');
		const listCalls = graph.requestsTo('GET', '/me/accounts');
		assert.equal(listCalls.length, 2);
		assert.equal(listCalls[0].query.limit, '100');
		assert.equal(listCalls[1].query.after, 'OTk');
		assert.equal(graph.requestsTo('GET', '/subscribed_apps').length, 120);
		assertCleanRequests();
	});

	it('explore with a limit asks for that many, without connection checks when switched off', async () => {
		const rows = json(
			await run({
				resource: 'page',
				operation: 'explore',
				returnAll: false,
				limit: 30,
				options: { checkConnection: false },
			}),
		);
		assert.equal(rows.length, 30);
		assert.equal(rows[0].connected, undefined);
		assert.equal(graph.requests.length, 1);
		assert.equal(graph.requests[0].query.limit, '30');
		assert.ok(!graph.requests[0].query.fields.includes('access_token'));
	});

	it('get reads one Page by locator', async () => {
		const page = String(BigInt(GRAPH.pageId) + 7n);
		const [row] = json(
			await run({
				resource: 'page',
				operation: 'get',
				pageId: { __rl: true, mode: 'id', value: page },
			}),
		);
		assert.equal(row.id, page);
		assert.equal(row.name, 'Bridge Page 007');
		assert.equal(row.pictureUrl, `https://scontent.example/${page}.png`);
		assert.equal(row.access_token, undefined);
		assertCleanRequests();
	});

	it('get refuses a Page name instead of an ID before any request', async () => {
		const { error } = await run({
			resource: 'page',
			operation: 'get',
			pageId: { __rl: true, mode: 'id', value: 'My Page' },
		});
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, /numeric ID/);
		assert.equal(graph.requests.length, 0);
	});

	it('subscribeApp (default Messenger fields), getSubscribedApps, unsubscribeApp', async () => {
		const [subscribed] = json(await run({ resource: 'page', operation: 'subscribeApp' }));
		assert.deepEqual(subscribed, {
			success: true,
			pageId: GRAPH.pageId,
			subscribedFields: [
				'messages',
				'messaging_postbacks',
				'messaging_optins',
				'messaging_referrals',
				'message_deliveries',
				'message_reads',
			],
		});
		assert.deepEqual(
			graph.state.pageSubscriptions.get(GRAPH.pageId).get(GRAPH.appId),
			subscribed.subscribedFields,
		);
		const apps = json(await run({ resource: 'page', operation: 'getSubscribedApps' }));
		assert.equal(apps.length, 1);
		assert.equal(apps[0].id, GRAPH.appId);
		assert.deepEqual(apps[0].subscribedFields, subscribed.subscribedFields);
		const [gone] = json(await run({ resource: 'page', operation: 'unsubscribeApp' }));
		assert.equal(gone.success, true);
		assert.equal(graph.state.pageSubscriptions.get(GRAPH.pageId).has(GRAPH.appId), false);
		assertCleanRequests();
	});

	it('subscribeApp with chosen fields on a credential without Page ID asks the token which Page it is', async () => {
		const rows = json(
			await run(
				{
					resource: 'page',
					operation: 'subscribeApp',
					subscribedFields: ['messages', 'message_echoes'],
				},
				{ credentials: { page: { pageId: '' } } },
			),
		);
		assert.equal(rows[0].pageId, GRAPH.pageId);
		assert.deepEqual(
			graph.requests.map((r) => `${r.method} ${r.path}`),
			['GET /v27.0/me', `POST /v27.0/${GRAPH.pageId}/subscribed_apps`],
		);
		assert.equal(graph.requests[1].body.subscribed_fields, 'messages,message_echoes');
	});

	it('a Page token of another Page gets the missing-permission hint', async () => {
		const other = String(BigInt(GRAPH.pageId) + 1n);
		const { error } = await run({
			resource: 'page',
			operation: 'getSubscribedApps',
			pageId: { __rl: true, mode: 'id', value: other },
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /belongs to another Page/);
		assert.match(error.description, /Missing permission/);
		assert.match(error.description, /code 200/);
	});

	it('listSearch pages through /me/accounts with cursors and filters by name', async () => {
		// The picker as n8n's editor calls it on an operation that shows it with the App credential
		// (n8n returns a credential only when the node's current operation shows it).
		const context = loadOptionsContext(node, {
			parameters: { resource: 'page', operation: 'get' },
			credentials: credentials(),
		});
		const first = await node.methods.listSearch.searchPages.call(context);
		assert.equal(first.results.length, 100);
		assert.ok(first.paginationToken);
		const second = await node.methods.listSearch.searchPages.call(
			context,
			undefined,
			first.paginationToken,
		);
		assert.equal(second.results.length, 20);
		assert.equal(second.paginationToken, undefined);
		const filtered = await node.methods.listSearch.searchPages.call(context, 'page 01');
		assert.deepEqual(filtered.results.map((r) => r.name).slice(0, 2), [
			'Bridge Page 010',
			'Bridge Page 011',
		]);
		assertCleanRequests();
	});
});

describe('message', () => {
	it('sendText with quick replies, metadata and notification type', async () => {
		const [row] = json(
			await run(
				send({
					quickReplies: {
						quickReply: [
							{ contentType: 'text', title: 'Yes', payload: 'YES' },
							{ contentType: 'user_email' },
						],
					},
					options: { metadata: 'bot:1', notificationType: 'SILENT_PUSH' },
				}),
			),
		);
		assert.equal(row.recipientId, GRAPH.psid);
		assert.match(row.messageId, /^m_/);
		const [sent] = graph.state.sent;
		assert.deepEqual(sent.message, {
			text: 'Hello',
			quick_replies: [
				{ content_type: 'text', title: 'Yes', payload: 'YES' },
				{ content_type: 'user_email' },
			],
			metadata: 'bot:1',
		});
		assert.equal(sent.messagingType, 'RESPONSE');
		assert.equal(sent.notificationType, 'SILENT_PUSH');
		assert.equal(graph.requests[0].path, `/v27.0/${GRAPH.pageId}/messages`);
		assertCleanRequests();
	});

	it('sendText with a HUMAN_AGENT tag reaches a person outside the 24-hour window', async () => {
		const [row] = json(
			await run(
				send({
					recipientId: SPECIAL_PSIDS.outsideWindow,
					messagingType: 'MESSAGE_TAG',
					tag: 'HUMAN_AGENT',
				}),
			),
		);
		assert.match(row.messageId, /^m_/);
		assert.equal(graph.state.sent[0].tag, 'HUMAN_AGENT');
	});

	it('sendText to a user_ref', async () => {
		const [row] = json(
			await run(send({ recipientType: 'user_ref', recipientId: 'checkbox-ref-1' })),
		);
		assert.equal(row.recipientId, 'checkbox-ref-1');
		assert.deepEqual(graph.requests[0].body.recipient, { user_ref: 'checkbox-ref-1' });
	});

	const invalid = [
		[
			'text over 2000 characters',
			send({ text: 'x'.repeat(2001) }),
			/2001 characters; Messenger accepts at most 2000/,
		],
		['empty text', send({ text: '  ' }), /Text is empty/],
		[
			'14 quick replies',
			send({
				quickReplies: {
					quickReply: Array.from({ length: 14 }, (_, i) => ({
						contentType: 'text',
						title: `Q${i}`,
						payload: `P${i}`,
					})),
				},
			}),
			/14 quick replies.*at most 13\. Remove 1/,
		],
		[
			'quick reply title over 20',
			send({
				quickReplies: {
					quickReply: [{ contentType: 'text', title: 'This title is far too long', payload: 'P' }],
				},
			}),
			/at most 20/,
		],
		[
			'quick reply payload over 1000',
			send({
				quickReplies: {
					quickReply: [{ contentType: 'text', title: 'T', payload: 'p'.repeat(1001) }],
				},
			}),
			/payload is 1001 characters; at most 1000/,
		],
		['metadata over 1000', send({ options: { metadata: 'm'.repeat(1001) } }), /Metadata is 1001/],
		[
			'retired tag',
			send({ messagingType: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' }),
			/ACCOUNT_UPDATE was retired by Meta on 27 April 2026/,
		],
		['a name instead of a PSID', send({ recipientId: 'Ada Lovelace' }), /not a PSID/],
		[
			'11 generic elements',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'generic',
				inputMode: 'json',
				templateJson: JSON.stringify({
					template_type: 'generic',
					elements: Array.from({ length: 11 }, (_, i) => ({ title: `E${i}` })),
				}),
			},
			/11 elements; Messenger accepts at most 10/,
		],
		[
			'4 buttons',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'button',
				inputMode: 'fields',
				templateText: 'Pick',
				buttons: {
					button: Array.from({ length: 4 }, (_, i) => ({
						type: 'postback',
						title: `B${i}`,
						payload: `P${i}`,
					})),
				},
			},
			/4 buttons; Messenger accepts at most 3/,
		],
		[
			'button text over 640',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'button',
				inputMode: 'fields',
				templateText: 't'.repeat(641),
				buttons: { button: [{ type: 'postback', title: 'B', payload: 'P' }] },
			},
			/641 characters; at most 640/,
		],
		[
			'button title over 20',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'button',
				inputMode: 'fields',
				templateText: 'Pick',
				buttons: { button: [{ type: 'postback', title: 'A button title too long', payload: 'P' }] },
			},
			/at most 20/,
		],
		[
			'postback payload over 1000',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'generic',
				inputMode: 'fields',
				elements: {
					element: [
						{
							title: 'Card',
							buttonsJson: JSON.stringify([
								{ type: 'postback', title: 'Go', payload: 'p'.repeat(1001) },
							]),
						},
					],
				},
			},
			/payload is 1001 characters/,
		],
		[
			'template JSON that does not parse',
			{
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'generic',
				inputMode: 'json',
				templateJson: '{ template_type: generic',
			},
			/not valid JSON/,
		],
		[
			'attachment URL that is not http(s)',
			{
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: GRAPH.psid,
				source: 'url',
				url: 'file:///etc/passwd',
			},
			/not an http\(s\) URL/,
		],
	];
	for (const [name, parameters, message] of invalid) {
		it(`refuses ${name} before any request`, async () => {
			const { error } = await run(parameters);
			assert.ok(error instanceof NodeOperationError, `expected NodeOperationError, got ${error}`);
			assert.match(error.message, message);
			assert.equal(graph.requests.length, 0);
		});
	}

	it('a mistake in one item stops the run before any item is sent', async () => {
		const items = [{ json: { text: 'fine' } }, { json: { text: 'x'.repeat(2001) } }];
		await assert.rejects(
			perItem(items, (item) => send({ text: item.json.text })),
			(error) =>
				error instanceof NodeOperationError &&
				error.context.itemIndex === 1 &&
				/at most 2000/.test(error.message),
		);
		assert.equal(graph.requests.length, 0);
	});

	it('continueOnFail: one error item per failure, pairedItem on every item', async () => {
		const result = await runExecute(node, {
			parameters: send({ recipientId: SPECIAL_PSIDS.unavailable }),
			items: [{ json: {} }, { json: {} }],
			credentials: credentials(),
			continueOnFail: true,
		});
		const items = result.output[0];
		assert.equal(items.length, 2);
		assert.deepEqual(
			items.map((i) => i.pairedItem),
			[{ item: 0 }, { item: 1 }],
		);
		assert.equal(items[0].json.code, 551);
		assert.equal(items[0].json.subcode, 1545041);
		assert.match(items[0].json.hint, /not available/);
		assert.ok(items[0].json.fbtraceId);
	});

	it('sendAttachment by URL saved for reuse, then by the saved attachment id', async () => {
		const [first] = json(
			await run({
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: GRAPH.psid,
				attachmentType: 'image',
				source: 'url',
				url: 'https://cdn.example/cat.png',
				isReusable: true,
			}),
		);
		assert.match(first.attachmentId, /^\d+$/);
		const [second] = json(
			await run({
				resource: 'message',
				operation: 'sendAttachment',
				recipientId: GRAPH.psid,
				attachmentType: 'image',
				source: 'attachmentId',
				attachmentId: first.attachmentId,
			}),
		);
		assert.match(second.messageId, /^m_/);
		assert.deepEqual(graph.state.sent[1].message, {
			attachment: { type: 'image', payload: { attachment_id: first.attachmentId } },
		});
	});

	it('sendAttachment from binary data is a multipart upload with the file', async () => {
		const bytes = Buffer.from('%PDF-1.4 test file');
		const [row] = json(
			await run(
				{
					resource: 'message',
					operation: 'sendAttachment',
					recipientId: GRAPH.psid,
					attachmentType: 'file',
					source: 'binary',
					binaryPropertyName: 'data',
				},
				{
					items: [
						{
							json: {},
							binary: {
								data: {
									data: bytes.toString('base64'),
									fileName: 'invoice.pdf',
									mimeType: 'application/pdf',
								},
							},
						},
					],
				},
			),
		);
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(graph.state.sent[0].file, {
			filename: 'invoice.pdf',
			contentType: 'application/pdf',
			bytes: bytes.length,
		});
		assert.match(graph.requests[0].headers['content-type'], /^multipart\/form-data; boundary=/);
		assertCleanRequests();
	});

	it('sendAttachment from binary data refuses a missing binary field', async () => {
		const { error } = await run({
			resource: 'message',
			operation: 'sendAttachment',
			recipientId: GRAPH.psid,
			source: 'binary',
			binaryPropertyName: 'data',
		});
		assert.ok(error instanceof NodeOperationError);
		assert.equal(graph.requests.length, 0);
	});

	it('sendTemplate: generic from fields, button from fields, generic from JSON', async () => {
		json(
			await run({
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'generic',
				inputMode: 'fields',
				elements: {
					element: [
						{
							title: 'Card',
							subtitle: 'Sub',
							imageUrl: 'https://cdn.example/c.png',
							defaultActionUrl: 'https://shop.example',
							buttonsJson: '[{"type":"postback","title":"Buy","payload":"BUY"}]',
						},
					],
				},
			}),
		);
		json(
			await run({
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'button',
				inputMode: 'fields',
				templateText: 'Pick one',
				buttons: {
					button: [
						{ type: 'web_url', title: 'Site', url: 'https://shop.example' },
						{ type: 'postback', title: 'Help', payload: 'HELP' },
					],
				},
			}),
		);
		json(
			await run({
				resource: 'message',
				operation: 'sendTemplate',
				recipientId: GRAPH.psid,
				templateType: 'generic',
				inputMode: 'json',
				templateJson: JSON.stringify({
					attachment: {
						type: 'template',
						payload: { template_type: 'generic', elements: [{ title: 'From JSON' }] },
					},
				}),
			}),
		);
		const payloads = graph.state.sent.map((s) => s.message.attachment.payload);
		assert.deepEqual(payloads[0], {
			template_type: 'generic',
			elements: [
				{
					title: 'Card',
					subtitle: 'Sub',
					image_url: 'https://cdn.example/c.png',
					default_action: { type: 'web_url', url: 'https://shop.example' },
					buttons: [{ type: 'postback', title: 'Buy', payload: 'BUY' }],
				},
			],
		});
		assert.deepEqual(payloads[1], {
			template_type: 'button',
			text: 'Pick one',
			buttons: [
				{ type: 'web_url', title: 'Site', url: 'https://shop.example' },
				{ type: 'postback', title: 'Help', payload: 'HELP' },
			],
		});
		assert.deepEqual(payloads[2], { template_type: 'generic', elements: [{ title: 'From JSON' }] });
	});

	it('sendAction is sent alone: recipient and sender_action only', async () => {
		const [row] = json(
			await run({
				resource: 'message',
				operation: 'sendAction',
				recipientId: GRAPH.psid,
				senderAction: 'mark_seen',
			}),
		);
		assert.equal(row.recipientId, GRAPH.psid);
		assert.deepEqual(graph.requests[0].body, {
			recipient: { id: GRAPH.psid },
			sender_action: 'mark_seen',
		});
	});
});

describe('Graph errors become NodeApiErrors with hints', () => {
	const cases = [
		[
			'outside the 24-hour window',
			send({ recipientId: SPECIAL_PSIDS.outsideWindow }),
			{},
			10,
			2018278,
			/24 hours/,
		],
		[
			'user unavailable',
			send({ recipientId: SPECIAL_PSIDS.unavailable }),
			{},
			551,
			1545041,
			/not available/,
		],
		[
			'no matching user',
			send({ recipientId: '24999999999999999' }),
			{},
			100,
			2018001,
			/not a PSID of this Page/,
		],
		[
			'invalid token',
			send({}),
			{ page: { pageAccessToken: 'EAAwrongToken' } },
			190,
			undefined,
			/invalid or expired/,
		],
		[
			'missing permission',
			{ resource: 'page', operation: 'explore' },
			{ app: { userAccessToken: GRAPH.pageAccessToken } },
			190,
			undefined,
			/invalid or expired/,
		],
	];
	for (const [name, parameters, creds, code, subcode, hint] of cases) {
		it(name, async () => {
			const { error } = await run(parameters, { credentials: creds });
			assert.ok(error instanceof NodeApiError, String(error));
			assert.match(error.description, hint);
			assert.match(error.description, new RegExp(`code ${code}`));
			if (subcode) assert.match(error.description, new RegExp(`subcode ${subcode}`));
			assert.match(error.description, /fbtrace_id A/);
			assert.equal(error.errorResponse.code, code);
			for (const secret of SECRETS)
				assert.ok(
					!JSON.stringify({
						m: error.message,
						d: error.description,
						r: error.errorResponse,
					}).includes(secret),
				);
			assert.equal(graph.requests.length, 1, 'an error that is not throttling is never retried');
		});
	}

	it('missing pages_show_list permission', async () => {
		graph.injectFault((ctx) => ctx.path.endsWith('/me/accounts'), {
			status: 403,
			body: {
				error: {
					message: '(#200) Requires pages_show_list permission to manage the object',
					type: 'OAuthException',
					code: 200,
					fbtrace_id: 'Atrace1',
				},
			},
		});
		const { error } = await run({ resource: 'page', operation: 'explore' });
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, '(#200) Requires pages_show_list permission to manage the object');
		assert.match(error.description, /Missing permission.*pages_show_list/);
		assert.match(error.description, /fbtrace_id Atrace1/);
		assert.equal(error.httpCode, '403');
	});
});

describe('retries', () => {
	const throttled = (code, regainMinutes = 0) => ({
		status: 400,
		headers: {
			'x-business-use-case-usage': JSON.stringify({
				[GRAPH.pageId]: [
					{
						type: 'messenger',
						call_count: 100,
						total_cputime: 1,
						total_time: 1,
						estimated_time_to_regain_access: regainMinutes,
					},
				],
			}),
		},
		body: {
			error: {
				message:
					'There have been too many messenger api calls to this Page account. Wait a bit and try again.',
				type: 'OAuthException',
				code,
				fbtrace_id: 'Athrottle',
			},
		},
	});
	const isSend = (ctx) => ctx.path.endsWith('/messages');

	it('a throttled send (80006) is retried with backoff and delivered exactly once', async () => {
		graph.injectFault(isSend, throttled(80006), 2);
		const started = Date.now();
		const [row] = json(await run(send({})));
		assert.match(row.messageId, /^m_/);
		assert.equal(graph.requestsTo('POST', '/messages').length, 3);
		assert.equal(graph.state.sent.length, 1);
		const gaps = [1, 2].map((i) => graph.requests[i].at - graph.requests[i - 1].at);
		assert.ok(gaps[0] >= 240 && gaps[1] >= gaps[0] * 0.9, `backoff gaps ${gaps}`);
		assert.ok(Date.now() - started < 5000);
	});

	it('613 and 4 are retried; a send stops after the configured retries', async () => {
		graph.injectFault(isSend, throttled(613), 1);
		graph.injectFault(isSend, throttled(4), 1);
		json(await run(send({})));
		assert.equal(graph.state.sent.length, 1);
		graph.clearRequests();
		graph.injectFault(isSend, throttled(613), 5);
		const { error } = await run(send({ options: { retries: 1 } }));
		assert.ok(error instanceof NodeApiError);
		assert.match(error.description, /throttling/);
		assert.equal(graph.requests.length, 2);
	});

	it('a wait longer than a minute (estimated_time_to_regain_access) fails at once with the hint', async () => {
		graph.injectFault(isSend, throttled(80006, 5), 1);
		const { error } = await run(send({}));
		assert.ok(error instanceof NodeApiError);
		assert.equal(graph.requests.length, 1);
	});

	it('without X-Business-Use-Case-Usage, the wait comes from X-App-Usage (over a minute: fails at once)', async () => {
		const appUsage = throttled(4, 5);
		appUsage.headers = {
			'x-app-usage': appUsage.headers['x-business-use-case-usage'].replace(
				`"${GRAPH.pageId}":`,
				'"app":',
			),
		};
		graph.injectFault(isSend, appUsage, 1);
		const { error } = await run(send({}));
		assert.ok(error instanceof NodeApiError, 'not retried: Meta asked for 5 minutes');
		assert.match(error.description, /throttling/);
		assert.equal(graph.requests.length, 1);
		assert.equal(graph.state.sent.length, 0);
	});

	it('HTTP 429 with Retry-After: waits exactly that long, then delivers once', async () => {
		graph.injectFault(
			isSend,
			{ status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' },
			1,
		);
		const [row] = json(await run(send({})));
		assert.match(row.messageId, /^m_/);
		assert.equal(graph.requests.length, 2);
		assert.ok(graph.requests[1].at - graph.requests[0].at >= 990, 'waited for Retry-After');
		assert.equal(graph.state.sent.length, 1);
	});

	it('a send that may have been accepted (5xx, no Graph error) is never repeated', async () => {
		graph.injectFault(isSend, { status: 502, body: 'Bad gateway' }, 1);
		const { error } = await run(send({}));
		assert.ok(error instanceof NodeApiError);
		assert.equal(graph.requests.length, 1);
	});

	it('a read is repeated after a temporary failure', async () => {
		graph.injectFault(
			(ctx) => ctx.path.endsWith('/me/accounts'),
			{
				status: 500,
				body: {
					error: {
						message: 'An unexpected error has occurred. Please retry your request later.',
						type: 'OAuthException',
						code: 2,
						fbtrace_id: 'Atemp',
					},
				},
			},
			1,
		);
		const rows = json(
			await run({ resource: 'page', operation: 'explore', options: { checkConnection: false } }),
		);
		assert.equal(rows.length, 120);
		assert.equal(graph.requestsTo('GET', '/me/accounts').length, 3);
	});
});

describe('throughput', () => {
	it('sends concurrently across recipients and in order per recipient', async () => {
		graph.latencyMs = 30;
		const items = [];
		for (let n = 0; n < 60; n++) items.push({ json: { to: bulkPsid(n % 6), n } });
		const started = Date.now();
		const output = await perItem(
			items,
			(item) => send({ recipientId: item.json.to, text: `#${item.json.n}` }),
			{ concurrency: 6 },
		);
		const elapsed = Date.now() - started;
		assert.equal(output[0].length, 60);
		assert.deepEqual(
			output[0].map((i) => i.pairedItem.item),
			items.map((_, i) => i),
		);
		assert.deepEqual(
			output[0].map((i) => i.json.recipientId),
			items.map((i) => i.json.to),
		);
		assert.equal(graph.state.sent.length, 60);
		for (let r = 0; r < 6; r++) {
			const texts = graph.state.sent
				.filter((s) => s.recipientId === bulkPsid(r))
				.map((s) => Number(s.message.text.slice(1)));
			assert.deepEqual(
				texts,
				items.filter((i) => i.json.to === bulkPsid(r)).map((i) => i.json.n),
			);
		}
		// Concurrency, read from the emulator rather than the wall clock (which a busy machine
		// stretches): each send is answered 30 ms after it arrives, so sends arriving within 30 ms
		// of each other were in flight together. One by one, that number would be 1.
		const arrivals = graph
			.requestsTo('POST', '/messages')
			.map((r) => r.at)
			.sort((a, b) => a - b);
		let overlap = 0;
		for (let i = 0, j = 0; i < arrivals.length; i++) {
			while (arrivals[i] - arrivals[j] >= 30) j++;
			overlap = Math.max(overlap, i - j + 1);
		}
		assert.ok(
			overlap >= 3 && overlap <= 6,
			`${overlap} sends in flight together (bounded by concurrency 6)`,
		);
		assert.ok(elapsed < 60 * 30 * 2, `took ${elapsed} ms`);
	});
});

describe('the Concurrency option', () => {
	// Ten recipients, one message each: nothing but the option limits how many sends are open.
	// The emulator holds each send 50 ms and records the most it had open at once.
	const maxInFlight = async (concurrency) => {
		graph.state.sendHoldMs = 50;
		graph.state.maxSendsInFlight = 0;
		const items = Array.from({ length: 10 }, (_, n) => ({ json: { to: bulkPsid(n), n } }));
		const [output] = await perItem(
			items,
			(item) => send({ recipientId: item.json.to, text: `#${item.json.n}` }),
			{ concurrency },
		);
		assert.equal(output.length, 10);
		return graph.state.maxSendsInFlight;
	};

	it('Concurrency 1 sends one at a time; Concurrency 5 keeps five open', async () => {
		assert.equal(await maxInFlight(1), 1);
		assert.equal(await maxInFlight(5), 5);
		assert.equal(graph.state.sent.length, 20);
	});
});

describe('a failed send', () => {
	const refused = {
		status: 400,
		body: {
			error: {
				message: '(#100) No matching user found',
				type: 'OAuthException',
				code: 100,
				error_subcode: 2018001,
				fbtrace_id: 'Afailed',
			},
		},
	};
	const sendOf = (n) => (ctx) =>
		ctx.path.endsWith('/messages') && ctx.body?.message?.text === `#${n}`;
	const sentNumbers = () => graph.state.sent.map((s) => Number(s.message.text.slice(1)));

	it('Continue On Fail off: no send starts after the failure, none to that recipient, and the error says what was sent', async () => {
		graph.latencyMs = 25;
		// Three recipients, item n to bulkPsid(n % 3); item 4 (recipient 1) fails.
		const items = [];
		for (let n = 0; n < 12; n++) items.push({ json: { to: bulkPsid(n % 3), n } });
		// Item 4's failure is answered as soon as another send has arrived: that one is in flight
		// (answered 25 ms later) and must finish; nothing may arrive after the failure's answer.
		let answeredAt;
		graph.injectFault(sendOf(4), async () => {
			const seen = graph.requests.length;
			for (let t = 0; t < 200 && graph.requests.length === seen; t++)
				await new Promise((r) => setTimeout(r, 1));
			answeredAt = Date.now();
			return refused;
		});
		const error = await perItem(
			items,
			(item) => send({ recipientId: item.json.to, text: `#${item.json.n}` }),
			{ concurrency: 2 },
		).then(
			() => assert.fail('the node did not throw'),
			(e) => e,
		);
		assert.ok(error instanceof NodeApiError, String(error));
		assert.equal(error.context.itemIndex, 4);
		const posts = graph.requestsTo('POST', '/messages');
		const failed = posts.find((r) => r.body.message.text === '#4');
		// Arrived after the failed send was answered: nothing; the send in flight then finished.
		const late = posts.filter((r) => r.at > answeredAt).map((r) => r.body.message.text);
		assert.deepEqual(late, [], `sends started after the failure: ${late}`);
		assert.equal(posts.length, graph.state.sent.length + 1);
		assert.ok(failed);
		const sent = sentNumbers();
		for (const n of [7, 10]) assert.ok(!sent.includes(n), `item ${n} (same recipient) was sent`);
		assert.ok(sent.length < 11, `${sent.length} sent`);
		// The error names what was sent (with message ids) and what was not.
		const sentItems = [...sent].sort((a, b) => a - b);
		assert.match(error.description, /No matching user found|100/);
		const listed = error.description.match(/Sent before the failure: items? ([\d, –]+)/);
		assert.ok(listed, error.description);
		const expand = (text) =>
			text.split(', ').flatMap((part) => {
				const [a, b = a] = part.split('–').map(Number);
				return Array.from({ length: b - a + 1 }, (_, k) => a + k);
			});
		assert.deepEqual(expand(listed[1].trim()), sentItems);
		for (const s of graph.state.sent) assert.ok(error.description.includes(s.messageId));
		const notSent = error.description.match(/Not sent: items? ([\d, –]+)/);
		assert.ok(notSent, error.description);
		assert.deepEqual(
			expand(notSent[1].trim()),
			items.map((_, i) => i).filter((i) => i !== 4 && !sentItems.includes(i)),
		);
		assert.ok(!error.description.includes(GRAPH.pageAccessToken));
	});

	it("Continue On Fail on: a failed recipient's later messages are skipped, the others go through", async () => {
		graph.latencyMs = 5;
		const items = [];
		for (let n = 0; n < 8; n++) items.push({ json: { to: bulkPsid(n % 2), n } });
		graph.injectFault(sendOf(2), refused);
		const [output] = await perItem(
			items,
			(item) => send({ recipientId: item.json.to, text: `#${item.json.n}` }),
			{ concurrency: 2 },
			{ continueOnFail: true },
		);
		assert.deepEqual(
			output.map((i) => i.pairedItem.item),
			items.map((_, i) => i),
		);
		assert.deepEqual(
			sentNumbers().sort((a, b) => a - b),
			[0, 1, 3, 5, 7],
		);
		for (const n of [0, 1, 3, 5, 7]) assert.match(output[n].json.messageId, /^m_/);
		assert.equal(output[2].json.code, 100);
		for (const n of [4, 6]) {
			assert.equal(output[n].json.messageId, undefined);
			assert.match(output[n].json.error, /not sent/i);
			assert.match(output[n].json.error, /earlier message to the same recipient \(item 2\) failed/);
		}
		assert.equal(graph.requestsTo('POST', '/messages').length, 6);
	});
});

/**
 * Runs the node with per-item parameter values, as n8n resolves expressions per item (the
 * harness has no expression engine): a context from the harness, with getNodeParameter
 * answering from each item's own parameters.
 */
async function perItem(items, parametersOf, options = {}, runOptions = {}) {
	const { context } = await runExecute(node, {
		parameters: { ...parametersOf(items[0]), options },
		items: [],
		credentials: credentials(),
		...runOptions,
	});
	const original = context.getNodeParameter;
	const perItemContext = Object.create(context);
	perItemContext.getNodeParameter = (name, itemIndex, fallback, opts) => {
		const own = { ...parametersOf(items[itemIndex]), options };
		const [head, ...rest] = name.split('.');
		if (head in own) {
			let value = own[head];
			for (const key of rest) value = value?.[key];
			return value ?? fallback;
		}
		return original(name, itemIndex, fallback, opts);
	};
	perItemContext.getInputData = () => items;
	return await node.execute.call(perItemContext);
}

describe('attachment, user, token', () => {
	it('attachment upload by URL and from binary data returns reusable ids', async () => {
		const [byUrl] = json(
			await run({
				resource: 'attachment',
				operation: 'upload',
				attachmentType: 'video',
				source: 'url',
				url: 'https://cdn.example/clip.mp4',
			}),
		);
		assert.match(byUrl.attachmentId, /^\d+$/);
		assert.equal(byUrl.type, 'video');
		const [byFile] = json(
			await run(
				{
					resource: 'attachment',
					operation: 'upload',
					attachmentType: 'image',
					source: 'binary',
					binaryPropertyName: 'photo',
				},
				{
					items: [
						{
							json: {},
							binary: {
								photo: {
									data: Buffer.from('PNGDATA').toString('base64'),
									fileName: 'p.png',
									mimeType: 'image/png',
								},
							},
						},
					],
				},
			),
		);
		assert.notEqual(byFile.attachmentId, byUrl.attachmentId);
		assert.equal(graph.state.attachments.get(byFile.attachmentId).bytes, 7);
		assert.ok(graph.requests.every((r) => r.path === `/v27.0/${GRAPH.pageId}/message_attachments`));
		assertCleanRequests();
	});

	it('user getProfile reads the chosen fields', async () => {
		const [profile] = json(
			await run({
				resource: 'user',
				operation: 'getProfile',
				userId: GRAPH.psid,
				fields: ['first_name', 'last_name', 'locale'],
			}),
		);
		assert.deepEqual(profile, {
			id: GRAPH.psid,
			first_name: 'Ada',
			last_name: 'Lovelace',
			locale: 'en_GB',
		});
		assert.equal(graph.requests[0].query.fields, 'first_name,last_name,locale');
		assertCleanRequests();
	});

	it('token exchange: short-lived → long-lived, secrets only in the POST body', async () => {
		const [row] = json(
			await run({
				resource: 'token',
				operation: 'exchange',
				tokenSource: 'parameter',
				shortLivedToken: GRAPH.shortLivedUserToken,
			}),
		);
		assert.match(row.accessToken, /^EAAemulatorLongLived/);
		assert.equal(row.tokenType, 'bearer');
		assert.ok(row.expiresIn > 50 * 86400);
		assert.equal(graph.state.tokens.get(row.accessToken).kind, 'user');
		const request = graph.requests[0];
		assert.equal(request.method, 'POST');
		assert.equal(request.body.client_secret, GRAPH.appSecret);
		assert.equal(request.body.fb_exchange_token, GRAPH.shortLivedUserToken);
		assertCleanRequests();
	});

	it("token exchange refuses a wrong app secret with Meta's message", async () => {
		const { error } = await run(
			{ resource: 'token', operation: 'exchange' },
			{ credentials: { app: { appSecret: 'wrong-secret' } } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(graph.requests.length, 1);
	});

	it('token debug describes the user token, asked with the app token', async () => {
		const [data] = json(await run({ resource: 'token', operation: 'debug' }));
		assert.equal(data.type, 'USER');
		assert.equal(data.is_valid, true);
		assert.equal(data.expiresAtIso, 'never');
		assert.ok(data.scopes.includes('pages_show_list'));
		assert.equal(
			graph.requests[0].headers.authorization,
			`Bearer ${GRAPH.appId}|${GRAPH.appSecret}`,
		);
		// One batch request: the inspected token in its POST body, never in a URL.
		assert.equal(graph.requests.length, 1);
		assert.match(graph.requests[0].path, /^\/v\d+\.\d+\/$/);
		assert.deepEqual(JSON.parse(graph.requests[0].body.batch), [
			{ method: 'GET', relative_url: `debug_token?input_token=${GRAPH.userAccessToken}` },
		]);
		assert.ok(!graph.requests[0].url.includes(GRAPH.userAccessToken));
		assertCleanRequests();
	});

	it("token debug: a refusal inside the batch is the node error, with Graph's message and code", async () => {
		const { error } = await run(
			{ resource: 'token', operation: 'debug' },
			{ credentials: { app: { appSecret: 'wrong-secret' } } },
		);
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /Invalid OAuth access token/);
		assert.equal(error.httpCode, '400');
	});

	it('token getPageTokens is the one output with Page tokens', async () => {
		const rows = json(await run({ resource: 'token', operation: 'getPageTokens' }));
		assert.equal(rows.length, 120);
		assert.equal(rows[0].pageAccessToken, GRAPH.pageAccessToken);
		const limited = json(
			await run({ resource: 'token', operation: 'getPageTokens', returnAll: false, limit: 5 }),
		);
		assert.equal(limited.length, 5);
	});
});

describe('credentials', () => {
	it('a wrong app secret makes every signed call fail', async () => {
		const { error } = await run(send({}), {
			credentials: { page: { appSecret: 'not-the-secret' } },
		});
		assert.ok(error instanceof NodeApiError);
		assert.match(error.message, /appsecret_proof/);
	});

	it('with "Require App Secret", a Page credential without the secret fails and one with it works', async () => {
		graph.state.requireAppSecretProof = true;
		try {
			const { error } = await run(send({}), { credentials: { page: { appSecret: '' } } });
			assert.match(error.message, /require an appsecret_proof/);
			json(await run(send({})));
		} finally {
			graph.state.requireAppSecretProof = false;
		}
	});
});

describe('example workflow', () => {
	it('examples/messenger-echo-reply.json: Messenger Trigger → sendText with parameters the node declares', async () => {
		const { readFileSync } = await import('node:fs');
		const example = JSON.parse(
			readFileSync(new URL('../../examples/messenger-echo-reply.json', import.meta.url), 'utf8'),
		);
		const trigger = example.nodes.find(
			(n) => n.type === 'n8n-nodes-messenger-bridge.messengerTrigger',
		);
		const reply = example.nodes.find(
			(n) => n.type === 'n8n-nodes-messenger-bridge.facebookMessenger',
		);
		assert.ok(trigger && reply);
		assert.equal(example.connections[trigger.name].main[0][0].node, reply.name);
		const declared = new Set(node.description.properties.map((p) => p.name));
		for (const name of Object.keys(reply.parameters))
			assert.ok(declared.has(name), `unknown parameter ${name}`);
		const triggerNode = loadNode('MessengerTrigger');
		const triggerParams = new Set(triggerNode.description.properties.map((p) => p.name));
		for (const name of Object.keys(trigger.parameters))
			assert.ok(triggerParams.has(name), `unknown trigger parameter ${name}`);
		// The reply the example sends for a trigger item, through the real node.
		const item = { senderId: GRAPH.psid, text: 'ping' };
		const parameters = {
			...reply.parameters,
			recipientId: item.senderId,
			text: `You said: ${item.text}`,
		};
		const [row] = json(await run(parameters));
		assert.match(row.messageId, /^m_/);
		assert.equal(graph.state.sent[0].message.metadata, 'echo-bot');
	});
});
