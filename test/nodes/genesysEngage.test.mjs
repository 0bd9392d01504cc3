// The Genesys Engage node's real execute() against the GWS emulator over loopback: exact request
// bodies, the JSESSIONID cookie and CSRF token of one execution (with the refresh after a 403),
// every non-zero statusCode, and input checks that stop before any request.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { CredentialStore, loadNode, runExecute } from '../helpers/harness.mjs';
import { ENGAGE, HTTP_FOR_STATUS, start } from '../emulators/genesys-engage/index.mjs';
import { GENESYS_ENGAGE } from '../emulators/fixtures.mjs';

const node = loadNode('GenesysEngage');
let gws;
const credentials = () =>
	new CredentialStore({
		genesysEngageApi: {
			baseUrl: gws.url,
			username: GENESYS_ENGAGE.username,
			password: GENESYS_ENGAGE.password,
		},
	});
const run = (parameters, options = {}) =>
	runExecute(node, { credentials: credentials(), parameters, ...options });
const posts = () => gws.requests.filter((r) => r.method === 'POST');
const SEND = {
	resource: 'facebook',
	operation: 'send',
	interactionId: ENGAGE.outboundId,
	queuePath: ENGAGE.queuePath,
	from: 'vitaliy_onv',
	message: 'Hello Facebook!',
};

beforeAll(async () => {
	gws = await start({ ports: { genesysEngage: 0 } });
});
afterAll(async () => {
	await gws.close();
});
beforeEach(() => gws.reset());

describe('genesysEngage: facebook operations', () => {
	it("send posts the Facebook Send page's body to /api/v2/me/facebook/{id} and outputs statusCode and referenceId", async () => {
		const { output, error } = await run(SEND);
		assert.ifError(error);
		assert.deepEqual(output, [
			[
				{
					json: {
						statusCode: 0,
						referenceId: 57,
						operationName: 'Send',
						interactionId: ENGAGE.outboundId,
					},
					pairedItem: { item: 0 },
				},
			],
		]);
		const [post] = posts();
		assert.equal(post.path, `/api/v2/me/facebook/${ENGAGE.outboundId}`);
		assert.deepEqual(JSON.parse(post.rawBody), {
			operationName: 'Send',
			queuePath: '/contacts/60ebbb94-3cef-4b14-95f8-5c49dbeb355d',
			facebook: { from: 'vitaliy_onv', message: 'Hello Facebook!' },
		});
		assert.match(post.headers['content-type'], /application\/json/);
		assert.equal(gws.interaction(ENGAGE.outboundId).state, 'Sent');
		assert.equal(gws.state.notifications.at(-1).facebook.message, 'Hello Facebook!');
	});

	it('send with Save Last Agent adds saveLAR: true; the message is sent as typed', async () => {
		const { error } = await run({ ...SEND, saveLar: true, message: '  Hi,\nsecond line ' });
		assert.ifError(error);
		assert.deepEqual(posts()[0].body, {
			...posts()[0].body,
			saveLAR: true,
			facebook: { from: 'vitaliy_onv', message: '  Hi,\nsecond line ' },
		});
		assert.equal(gws.interaction(ENGAGE.outboundId).sent[0].saveLAR, true);
	});

	it('create posts queuePath and userData to /api/v2/me/facebook; the emulator holds a Composing interaction', async () => {
		const { output, error } = await run({
			resource: 'facebook',
			operation: 'create',
			queuePath: ENGAGE.queuePath,
			userData: '{"Subject":"Refund","Priority":2}',
		});
		assert.ifError(error);
		assert.equal(output[0][0].json.statusCode, 0);
		assert.equal(output[0][0].json.referenceId, 57);
		const [post] = posts();
		assert.equal(post.path, '/api/v2/me/facebook');
		assert.deepEqual(JSON.parse(post.rawBody), {
			operationName: 'Create',
			queuePath: ENGAGE.queuePath,
			userData: { Subject: 'Refund', Priority: 2 },
		});
		const created = [...gws.state.interactions.values()].find(
			(i) => i.userData.Subject === 'Refund',
		);
		assert.equal(created.state, 'Composing');
	});

	it('create without user data sends no userData', async () => {
		const { error } = await run({
			resource: 'facebook',
			operation: 'create',
			queuePath: ENGAGE.queuePath,
		});
		assert.ifError(error);
		assert.deepEqual(JSON.parse(posts()[0].rawBody), {
			operationName: 'Create',
			queuePath: ENGAGE.queuePath,
		});
	});

	it('reply posts queuePath, commentId and userData to the inbound interaction', async () => {
		const { output, error } = await run({
			resource: 'facebook',
			operation: 'reply',
			interactionId: ENGAGE.inboundId,
			queuePath: ENGAGE.queuePath,
			commentId: ENGAGE.commentId,
			userData: { Topic: 'help' },
		});
		assert.ifError(error);
		assert.deepEqual(output[0][0].json, {
			statusCode: 0,
			referenceId: 57,
			operationName: 'Reply',
			interactionId: ENGAGE.inboundId,
		});
		assert.equal(posts()[0].path, `/api/v2/me/facebook/${ENGAGE.inboundId}`);
		assert.deepEqual(JSON.parse(posts()[0].rawBody), {
			operationName: 'Reply',
			queuePath: ENGAGE.queuePath,
			commentId: ENGAGE.commentId,
			userData: { Topic: 'help' },
		});
		assert.ok(
			[...gws.state.interactions.values()].some(
				(i) => i.parentId === ENGAGE.inboundId && i.commentId === ENGAGE.commentId,
			),
		);
	});

	it('cancel posts {operationName: Cancel}; the interaction becomes Canceled', async () => {
		const { output, error } = await run({
			resource: 'facebook',
			operation: 'cancel',
			interactionId: ENGAGE.outboundId,
		});
		assert.ifError(error);
		assert.equal(output[0][0].json.operationName, 'Cancel');
		assert.deepEqual(JSON.parse(posts()[0].rawBody), { operationName: 'Cancel' });
		assert.equal(gws.interaction(ENGAGE.outboundId).state, 'Canceled');
	});
});

describe('genesysEngage: facebookSession operations', () => {
	const S = (operation, extra = {}, sessionId = ENGAGE.chattingSessionId) => ({
		resource: 'facebookSession',
		operation,
		sessionId,
		...extra,
	});
	const cases = [
		[
			'accept',
			S('accept', { nickname: 'Kristi S.' }, ENGAGE.invitedSessionId),
			{ operationName: 'Accept', nickname: 'Kristi S.' },
			(s) => s.state === 'Chatting' && s.participants.at(-1).nickname === 'Kristi S.',
		],
		[
			'accept (no nickname)',
			S('accept', {}, ENGAGE.invitedSessionId),
			{ operationName: 'Accept' },
			(s) => s.state === 'Chatting',
		],
		[
			'reject',
			S('reject', {}, ENGAGE.invitedSessionId),
			{ operationName: 'Reject' },
			(s) => s.state === 'Rejected',
		],
		[
			'sendMessage',
			S('sendMessage', { text: 'How can I help?' }),
			{ operationName: 'SendMessage', text: 'How can I help?' },
			(s) => s.transcript[0].text === 'How can I help?',
		],
		[
			'sendUrl',
			S('sendUrl', { url: 'https://example.com/help' }),
			{ operationName: 'SendUrl', url: 'https://example.com/help' },
			(s) => s.transcript[0].url === 'https://example.com/help',
		],
		[
			'addComment',
			S('addComment', { comment: 'VIP customer' }),
			{ operationName: 'AddComment', comment: 'VIP customer' },
			(s) => s.comment === 'VIP customer',
		],
		[
			'transfer (path)',
			S('transfer', { targetPath: ENGAGE.otherAgentPath }),
			{ operationName: 'Transfer', targetPath: ENGAGE.otherAgentPath },
			(s) => s.state === 'Transferred',
		],
		[
			'transfer (URI)',
			S('transfer', {
				targetType: 'targetUri',
				targetUri: `https://gws.example.com/api/v2${ENGAGE.otherAgentPath}`,
			}),
			{
				operationName: 'Transfer',
				targetUri: `https://gws.example.com/api/v2${ENGAGE.otherAgentPath}`,
			},
			(s) => s.transferredTo === ENGAGE.otherAgentPath,
		],
		[
			'complete',
			S('complete', { queueName: ENGAGE.queueName }),
			{ operationName: 'Complete', queueName: ENGAGE.queueName },
			(s) => s.state === 'Completed' && s.placedIn === ENGAGE.queueName,
		],
		[
			'complete (no queue)',
			S('complete'),
			{ operationName: 'Complete' },
			(s) => s.state === 'Completed' && s.placedIn === null,
		],
	];
	for (const [name, parameters, body, check] of cases) {
		it(`${name} posts exactly ${JSON.stringify(body)}`, async () => {
			const { output, error } = await run(parameters);
			assert.ifError(error);
			assert.deepEqual(output[0][0].json, {
				statusCode: 0,
				referenceId: null,
				operationName: body.operationName,
				sessionId: parameters.sessionId,
			});
			assert.equal(posts().length, 1);
			assert.equal(posts()[0].path, `/api/v2/me/facebooksessions/${parameters.sessionId}`);
			assert.deepEqual(JSON.parse(posts()[0].rawBody), body);
			assert.ok(check(gws.facebookSession(parameters.sessionId)), 'emulator state after the call');
		});
	}
});

describe('genesysEngage: session cookie and CSRF token', () => {
	it('opens one session per execution: GET /api/v2/me, then every POST carries its cookie and token', async () => {
		const items = [
			{ json: { text: 'one' } },
			{ json: { text: 'two' } },
			{ json: { text: 'three' } },
		];
		const { output, error } = await runExecute(node, {
			credentials: credentials(),
			items,
			// Expressions are resolved by n8n; the harness takes the resolved value, same for each item here.
			parameters: {
				resource: 'facebookSession',
				operation: 'sendMessage',
				sessionId: ENGAGE.chattingSessionId,
				text: 'Hello',
			},
		});
		assert.ifError(error);
		assert.equal(output[0].length, 3);
		assert.deepEqual(
			output[0].map((i) => i.pairedItem.item),
			[0, 1, 2],
		);
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 200', 'POST 200', 'POST 200', 'POST 200'],
		);
		const [get, ...writes] = gws.requests;
		assert.equal(get.path, '/api/v2/me');
		assert.equal(get.headers.cookie, undefined);
		const httpSession = [...gws.state.httpSessions.values()][0];
		assert.equal(gws.state.httpSessions.size, 1, 'one HTTP session for the whole execution');
		for (const write of writes) {
			assert.equal(write.headers.cookie, `JSESSIONID=${httpSession.id}`);
			assert.equal(write.headers['x-csrf-token'], httpSession.csrfToken);
			assert.match(write.headers.authorization, /^Basic /);
		}
		assert.equal(gws.facebookSession(ENGAGE.chattingSessionId).transcript.length, 3);
	});

	it('sends the token under the header name the server announces in X-CSRF-HEADER', async () => {
		gws.state.csrfHeader = 'X-XSRF-TOKEN';
		const { error } = await run(SEND);
		assert.ifError(error);
		const post = posts()[0];
		assert.equal(post.status, 200);
		assert.ok(post.headers['x-xsrf-token']);
		assert.equal(post.headers['x-csrf-token'], undefined);
	});

	it('without CSRF protection sends no token header, still keeps the cookie', async () => {
		gws.state.csrf = false;
		const { error } = await run({ ...SEND, message: 'no csrf' });
		assert.ifError(error);
		const post = posts()[0];
		assert.equal(
			Object.keys(post.headers).some((h) => h.includes('csrf')),
			false,
		);
		assert.match(post.headers.cookie, /^JSESSIONID=/);
	});

	it('after a 403 for the token, reads a fresh one with GET /api/v2/me and repeats the POST once', async () => {
		gws.state.rotateCsrfEvery = 1; // the token changes after every accepted write
		const { output, error } = await runExecute(node, {
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			parameters: {
				resource: 'facebookSession',
				operation: 'addComment',
				sessionId: ENGAGE.chattingSessionId,
				comment: 'noted',
			},
		});
		assert.ifError(error);
		assert.equal(output[0].length, 2);
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 200', 'POST 200', 'POST 403', 'GET 200', 'POST 200'],
		);
		const [, first, rejected, refresh, repeated] = gws.requests;
		assert.equal(
			rejected.headers['x-csrf-token'],
			first.headers['x-csrf-token'],
			'the stale token was sent',
		);
		assert.notEqual(
			repeated.headers['x-csrf-token'],
			rejected.headers['x-csrf-token'],
			'the repeat carries the new token',
		);
		assert.equal(
			refresh.headers.cookie,
			first.headers.cookie,
			'the refresh stays in the same session',
		);
		assert.equal(repeated.rawBody, rejected.rawBody);
	});

	it('after the server forgot the session, takes the new cookie and token and repeats once', async () => {
		const first = await run({
			resource: 'facebookSession',
			operation: 'addComment',
			sessionId: ENGAGE.chattingSessionId,
			comment: 'one',
		});
		assert.ifError(first.error);
		gws.clearRequests();
		// A new execution opens its own session; expire it between its GET and its POST.
		gws.injectFault(
			(ctx) => ctx.method === 'POST' && !gws.requests.some((r) => r.status === 403),
			(ctx) => {
				ctx.emulator.expireSessions();
				return {
					status: 403,
					body: 'Missing or invalid Csrf token',
					headers: { 'content-type': 'text/plain' },
				};
			},
		);
		const { error } = await run({
			resource: 'facebookSession',
			operation: 'addComment',
			sessionId: ENGAGE.chattingSessionId,
			comment: 'two',
		});
		assert.ifError(error);
		const [, , refresh, repeated] = gws.requests;
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 200', 'POST 403', 'GET 200', 'POST 200'],
		);
		assert.notEqual(
			repeated.headers.cookie,
			gws.requests[1].headers.cookie,
			'a new JSESSIONID after the refresh',
		);
		assert.ok(refresh.headers.cookie, 'the refresh GET still sends the old cookie');
		assert.equal(gws.facebookSession(ENGAGE.chattingSessionId).comment, 'two');
	});

	it('stops after one refresh: a second 403 becomes an error that names the CSRF token', async () => {
		gws.injectFault(
			(ctx) => ctx.method === 'POST',
			{ status: 403, body: 'Missing or invalid Csrf token' },
			2,
		);
		const { error } = await run(SEND);
		assert.ok(error);
		assert.equal(error.constructor.name, 'NodeApiError');
		assert.match(error.message, /rejected the CSRF token twice/);
		assert.match(error.description, /answered 403 \(Missing or invalid Csrf token\)/);
		assert.equal(error.httpCode, '403');
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 200', 'POST 403', 'GET 200', 'POST 403'],
		);
		assert.equal(gws.interaction(ENGAGE.outboundId).state, 'Composing', 'nothing was sent');
	});

	it('a 403 that carries a Web Services result (statusCode 3) is not repeated', async () => {
		gws.state.features.delete('api-multimedia');
		const { error } = await run(SEND);
		assert.match(error.message, /The operation is forbidden \(statusCode 3\)/);
		assert.match(error.description, /api-multimedia/);
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 200', 'POST 403'],
		);
	});
});

describe('genesysEngage: Web Services errors', () => {
	for (let code = 1; code <= 20; code++) {
		it(`statusCode ${code} becomes a NodeApiError with its meaning and the statusMessage`, async () => {
			const statusMessage = `emulated failure ${code}`;
			gws.injectFault((ctx) => ctx.method === 'POST', {
				status: HTTP_FOR_STATUS[code],
				body: { statusCode: code, statusMessage },
			});
			const { error, output } = await run(SEND);
			assert.equal(output, undefined);
			assert.equal(error.constructor.name, 'NodeApiError');
			assert.ok(error.message.includes(`(statusCode ${code})`), error.message);
			assert.ok(
				error.message.length > `Genesys Engage: (statusCode ${code})`.length + 10,
				'the meaning is in the message',
			);
			assert.equal(error.description, statusMessage);
			assert.equal(error.httpCode, String(HTTP_FOR_STATUS[code]));
			assert.equal(error.context.itemIndex, 0);
			assert.equal(posts().length, 1, 'no blind repeat of a POST');
		});
	}

	it('a non-zero statusCode in an HTTP 200 answer is an error too', async () => {
		gws.injectFault((ctx) => ctx.method === 'POST', {
			status: 200,
			body: { statusCode: 9, statusMessage: 'still processing' },
		});
		const { error } = await run(SEND);
		assert.match(error.message, /Processing is incomplete \(statusCode 9\)/);
		assert.equal(error.description, 'still processing');
	});

	it('an unknown interaction (real emulator path) is statusCode 6 with the server message', async () => {
		const { error } = await run({ ...SEND, interactionId: '01ZZZZUNKNOWN000' });
		assert.match(error.message, /could not be found \(statusCode 6\)/);
		assert.equal(error.description, 'Facebook interaction 01ZZZZUNKNOWN000 was not found');
		assert.equal(error.httpCode, '404');
	});

	it('sending twice is statusCode 2 (not valid in the current state)', async () => {
		assert.ifError((await run(SEND)).error);
		const { error } = await run(SEND);
		assert.match(error.message, /not valid for the current state \(statusCode 2\)/);
		assert.match(error.description, /state Sent/);
	});

	it('without an agent contact-center session the server answers statusCode 2', async () => {
		gws.state.agentSessions.clear();
		const { error } = await run({
			resource: 'facebookSession',
			operation: 'sendMessage',
			sessionId: ENGAGE.chattingSessionId,
			text: 'hi',
		});
		assert.match(error.message, /statusCode 2/);
		assert.match(error.description, /contact center session/);
	});

	it('a wrong password fails at GET /api/v2/me with statusCode 20, before any POST', async () => {
		const store = new CredentialStore({
			genesysEngageApi: {
				baseUrl: gws.url,
				username: GENESYS_ENGAGE.username,
				password: 'wrong-password',
			},
		});
		const { error } = await runExecute(node, { credentials: store, parameters: SEND });
		assert.match(error.message, /not authenticated.*\(statusCode 20\)/);
		assert.equal(error.httpCode, '401');
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 401'],
		);
	});

	it('an HTTP error without a result body is reported with its status', async () => {
		gws.injectFault((ctx) => ctx.method === 'POST', {
			status: 502,
			body: '<html><body>Bad gateway from proxy</body></html>',
		});
		const { error } = await run(SEND);
		assert.match(error.message, /answered HTTP 502 without a result/);
		assert.equal(error.description, 'Bad gateway from proxy');
	});

	it('an unreachable server is a NodeApiError naming the call, not the credential', async () => {
		const store = new CredentialStore({
			genesysEngageApi: {
				baseUrl: 'http://127.0.0.1:9',
				username: 'agent1',
				password: GENESYS_ENGAGE.password,
			},
		});
		const { error } = await runExecute(node, { credentials: store, parameters: SEND });
		assert.equal(error.constructor.name, 'NodeApiError');
		assert.match(
			error.message,
			/Could not reach Genesys Engage Web Services \(GET \/api\/v2\/me\)/,
		);
		assert.doesNotMatch(JSON.stringify(error), new RegExp(GENESYS_ENGAGE.password));
	});

	it('the session GET is retried after a 503 (honouring Retry-After); the operation then runs once', async () => {
		gws.injectFault((ctx) => ctx.method === 'GET', {
			status: 503,
			body: 'Service Unavailable',
			headers: { 'retry-after': '0' },
		});
		const { error, output } = await run(SEND);
		assert.ifError(error);
		assert.equal(output[0][0].json.statusCode, 0);
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 503', 'GET 200', 'POST 200'],
		);
	});

	it('the session GET gives up after two retries with the last HTTP status', async () => {
		gws.injectFault(
			(ctx) => ctx.method === 'GET',
			{ status: 502, body: 'Bad Gateway', headers: { 'retry-after': '0' } },
			3,
		);
		const { error } = await run(SEND);
		assert.match(error.message, /answered HTTP 502 without a result/);
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.status}`),
			['GET 502', 'GET 502', 'GET 502'],
		);
	});

	it('a POST answered 503 is not repeated (it may have been applied)', async () => {
		gws.injectFault((ctx) => ctx.method === 'POST', {
			status: 503,
			body: 'Service Unavailable',
			headers: { 'retry-after': '0' },
		});
		const { error } = await run(SEND);
		assert.match(error.message, /answered HTTP 503/);
		assert.equal(posts().length, 1);
	});

	it('continueOnFail gives an error item per failed input, paired, and carries on', async () => {
		const { output, error } = await runExecute(node, {
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			parameters: SEND,
		});
		assert.ifError(error);
		assert.deepEqual(output[0][0].json, {
			statusCode: 0,
			referenceId: 57,
			operationName: 'Send',
			interactionId: ENGAGE.outboundId,
		});
		// The package's one error item: the message, the next step (the server's statusMessage),
		// the HTTP status and the Web Services statusCode.
		assert.deepEqual(output[0][1], {
			json: {
				error:
					'Genesys Engage: A specified parameter is not valid for the current state (statusCode 2)',
				description: 'Send is not valid for an Outbound interaction in state Sent',
				httpCode: '400',
				statusCode: 2,
			},
			pairedItem: { item: 1 },
		});
	});

	it('continueOnFail keeps the next step of an input check in the error item', async () => {
		const { output, error } = await runExecute(node, {
			credentials: credentials(),
			continueOnFail: true,
			parameters: { ...SEND, interactionId: ' ' },
		});
		assert.ifError(error);
		assert.deepEqual(output[0], [
			{
				json: {
					error: "'Interaction ID' is required",
					description:
						"Enter a value for 'Interaction ID' (or an expression that resolves to one).",
				},
				pairedItem: { item: 0 },
			},
		]);
		assert.equal(gws.requests.length, 0);
	});

	it('no password, cookie or CSRF token in outputs or errors', async () => {
		const ok = await run(SEND);
		const failed = await run(SEND);
		const httpSession = [...gws.state.httpSessions.values()];
		const text = JSON.stringify({
			ok: ok.output,
			error: failed.error,
			message: failed.error.message,
			description: failed.error.description,
		});
		assert.doesNotMatch(text, new RegExp(GENESYS_ENGAGE.password));
		for (const s of httpSession) {
			assert.ok(!text.includes(s.id), 'JSESSIONID leaked');
			assert.ok(!text.includes(s.csrfToken), 'CSRF token leaked');
		}
		for (const request of gws.requests)
			assert.doesNotMatch(request.url, new RegExp(GENESYS_ENGAGE.password));
	});
});

describe('genesysEngage: required fields are checked before any request', () => {
	const missing = [
		[
			'facebook send without Interaction ID',
			{ ...SEND, interactionId: '' },
			/'Interaction ID' is required/,
		],
		['facebook send without Queue Path', { ...SEND, queuePath: '  ' }, /'Queue Path' is required/],
		['facebook send without From', { ...SEND, from: '' }, /'From' is required/],
		['facebook send without Message', { ...SEND, message: ' \n ' }, /'Message' is required/],
		[
			'facebook create without Queue Path',
			{ resource: 'facebook', operation: 'create' },
			/'Queue Path' is required/,
		],
		[
			'facebook create with bad User Data',
			{ resource: 'facebook', operation: 'create', queuePath: '/queues/1', userData: '{nope' },
			/User Data is not valid JSON/,
		],
		[
			'facebook create with a list as User Data',
			{ resource: 'facebook', operation: 'create', queuePath: '/queues/1', userData: '[1,2]' },
			/JSON object/,
		],
		[
			'facebook reply without Interaction ID',
			{ resource: 'facebook', operation: 'reply', queuePath: '/queues/1' },
			/'Interaction ID' is required/,
		],
		[
			'facebook reply without Queue Path',
			{ resource: 'facebook', operation: 'reply', interactionId: ENGAGE.inboundId },
			/'Queue Path' is required/,
		],
		[
			'facebook cancel without Interaction ID',
			{ resource: 'facebook', operation: 'cancel' },
			/'Interaction ID' is required/,
		],
		[
			'session accept without Session ID',
			{ resource: 'facebookSession', operation: 'accept' },
			/'Session ID' is required/,
		],
		[
			'session reject without Session ID',
			{ resource: 'facebookSession', operation: 'reject', sessionId: ' ' },
			/'Session ID' is required/,
		],
		[
			'session sendMessage without Text',
			{ resource: 'facebookSession', operation: 'sendMessage', sessionId: 'S1' },
			/'Text' is required/,
		],
		[
			'session sendUrl without URL',
			{ resource: 'facebookSession', operation: 'sendUrl', sessionId: 'S1' },
			/'URL' is required/,
		],
		[
			'session sendUrl with a non-web URL',
			{
				resource: 'facebookSession',
				operation: 'sendUrl',
				sessionId: 'S1',
				url: 'javascript:alert(1)',
			},
			/must be an http\(s\) URL/,
		],
		[
			'session addComment without Comment',
			{ resource: 'facebookSession', operation: 'addComment', sessionId: 'S1' },
			/'Comment' is required/,
		],
		[
			'session transfer without Target Path',
			{ resource: 'facebookSession', operation: 'transfer', sessionId: 'S1' },
			/'Target Path' is required/,
		],
		[
			'session transfer without Target URI',
			{
				resource: 'facebookSession',
				operation: 'transfer',
				sessionId: 'S1',
				targetType: 'targetUri',
			},
			/'Target URI' is required/,
		],
		[
			'session complete without Session ID',
			{ resource: 'facebookSession', operation: 'complete' },
			/'Session ID' is required/,
		],
	];
	for (const [name, parameters, pattern] of missing) {
		it(name, async () => {
			const { error } = await run(parameters);
			assert.ok(error, 'an error');
			assert.equal(error.constructor.name, 'NodeOperationError');
			assert.match(error.message, pattern);
			assert.equal(error.context.itemIndex, 0);
			assert.equal(gws.requests.length, 0, 'no request at all');
		});
	}

	it('a Base URL pasted with /api/v2/ reaches the same paths', async () => {
		const store = new CredentialStore({
			genesysEngageApi: {
				baseUrl: ` ${gws.url}/api/v2/ `,
				username: GENESYS_ENGAGE.username,
				password: GENESYS_ENGAGE.password,
			},
		});
		const { error } = await runExecute(node, { credentials: store, parameters: SEND });
		assert.ifError(error);
		assert.deepEqual(
			gws.requests.map((r) => `${r.method} ${r.path}`),
			['GET /api/v2/me', `POST /api/v2/me/facebook/${ENGAGE.outboundId}`],
		);
	});

	it('a bad base URL in the credential is reported before any request', async () => {
		const store = new CredentialStore({
			genesysEngageApi: { baseUrl: 'gws.example.com', username: 'agent1', password: 'x' },
		});
		const { error } = await runExecute(node, { credentials: store, parameters: SEND });
		assert.equal(error.constructor.name, 'NodeOperationError');
		assert.match(error.message, /Base URL .* not a valid http\(s\) URL/);
	});

	it('a bad second item stops before its own request; the first went through', async () => {
		const { error } = await runExecute(node, {
			credentials: credentials(),
			items: [{ json: {} }, { json: {} }],
			parameters: {
				resource: 'facebookSession',
				operation: 'sendMessage',
				sessionId: ENGAGE.chattingSessionId,
				text: 'hi',
			},
		});
		assert.ifError(error);
		assert.equal(posts().length, 2);
	});
});

describe('genesysEngage: description', () => {
	it('is usable as a tool and uses the contract names', () => {
		const d = node.description;
		assert.equal(d.name, 'genesysEngage');
		assert.equal(d.usableAsTool, true);
		assert.deepEqual(d.credentials, [{ name: 'genesysEngageApi', required: true }]);
		const names = new Set(d.properties.map((p) => p.name));
		for (const name of [
			'resource',
			'operation',
			'interactionId',
			'queuePath',
			'from',
			'message',
			'saveLar',
			'sessionId',
			'nickname',
			'text',
			'url',
			'comment',
			'targetPath',
			'queueName',
		]) {
			assert.ok(names.has(name), name);
		}
		const ops = d.properties.filter((p) => p.name === 'operation');
		assert.deepEqual(
			ops.map((p) => p.options.map((o) => o.value).sort()),
			[
				['cancel', 'create', 'reply', 'send'],
				['accept', 'addComment', 'complete', 'reject', 'sendMessage', 'sendUrl', 'transfer'],
			],
		);
	});
});
