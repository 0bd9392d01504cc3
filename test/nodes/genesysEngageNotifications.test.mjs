// Wait for Result in the Genesys Engage node: the real execute() subscribes to /v2/me/facebook on
// the GWS emulator's CometD endpoint before the operation, long-polls until the notification with
// the operation's referenceId, and reports the interaction. Also: several items in one execution,
// a result that never comes (timeout), an Error notification, a server that forgot the client.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { CredentialStore, loadNode, runExecute } from '../helpers/harness.mjs';
import { ENGAGE, start } from '../emulators/genesys-engage/index.mjs';
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
const cometd = () =>
	gws.requests
		.filter((r) => r.path.startsWith('/api/v2/notifications'))
		.map((r) => r.body.map((m) => m.channel))
		.flat();
const CREATE = {
	resource: 'facebook',
	operation: 'create',
	queuePath: ENGAGE.queuePath,
	waitForResult: true,
	resultTimeout: 5,
};

beforeAll(async () => {
	gws = await start({ ports: { genesysEngage: 0 } });
});
afterAll(async () => {
	await gws.close();
});
beforeEach(() => {
	gws.reset();
	gws.state.cometTimeoutMs = 300;
});

describe('genesysEngage: Wait for Result (CometD)', () => {
	it("create reports the new interaction's ID and state; the client is subscribed first and disconnected at the end", async () => {
		const { output, error } = await run(CREATE);
		assert.ifError(error);
		const json = output[0][0].json;
		const created = [...gws.state.interactions.values()].find(
			(i) => i.id !== ENGAGE.outboundId && i.id !== ENGAGE.inboundId,
		);
		assert.equal(json.interactionId, created.id);
		assert.equal(json.state, 'Composing');
		assert.equal(json.notificationType, 'StatusChange');
		assert.equal(json.referenceId, 57);
		assert.equal(json.interaction.facebookType, 'Outbound');
		const channels = cometd();
		assert.deepEqual(channels.slice(0, 2), ['/meta/handshake', '/meta/subscribe']);
		assert.equal(channels.at(-1), '/meta/disconnect');
		assert.equal(gws.state.cometClients.size, 0);
		// The subscription went out before the operation's POST.
		const order = gws.requests.filter((r) => r.method === 'POST').map((r) => r.path);
		assert.ok(order.indexOf('/api/v2/notifications') < order.indexOf('/api/v2/me/facebook'));
	});

	it('three items in one execution, each matched by its own referenceId; then send to each created interaction', async () => {
		const created = await run(CREATE, { items: [{ json: {} }, { json: {} }, { json: {} }] });
		assert.ifError(created.error);
		assert.deepEqual(
			created.output[0].map((i) => i.json.referenceId),
			[57, 58, 59],
		);
		const ids = created.output[0].map((i) => i.json.interactionId);
		assert.equal(new Set(ids).size, 3);
		for (const [index, id] of ids.entries()) {
			assert.equal(
				gws.state.notifications.find((n) => n.referenceId === 57 + index).facebook.id,
				id,
			);
		}
		assert.equal(
			cometd().filter((c) => c === '/meta/handshake').length,
			1,
			'one client for the execution',
		);
		for (const id of ids) {
			const sent = await run({
				resource: 'facebook',
				operation: 'send',
				interactionId: id,
				queuePath: ENGAGE.queuePath,
				from: 'vitaliy_onv',
				message: 'Hi',
				waitForResult: true,
				resultTimeout: 5,
			});
			assert.ifError(sent.error);
			assert.deepEqual(
				[sent.output[0][0].json.interactionId, sent.output[0][0].json.state],
				[id, 'Sent'],
			);
		}
	});

	it('reply reports the new reply interaction and keeps the one replied to', async () => {
		const { output, error } = await run({
			resource: 'facebook',
			operation: 'reply',
			interactionId: ENGAGE.inboundId,
			queuePath: ENGAGE.queuePath,
			waitForResult: true,
			resultTimeout: 5,
		});
		assert.ifError(error);
		const json = output[0][0].json;
		assert.notEqual(json.interactionId, ENGAGE.inboundId);
		assert.equal(json.repliedToInteractionId, ENGAGE.inboundId);
		assert.equal(gws.interaction(json.interactionId).parentId, ENGAGE.inboundId);
	});

	it('no notification: fails after the timeout, says the request was accepted and not to repeat it blindly', async () => {
		gws.state.cometSilent = true;
		const started = Date.now();
		const { error } = await run({ ...CREATE, resultTimeout: 1 });
		const ms = Date.now() - started;
		assert.match(error?.message ?? '', /No notification for referenceId 57 within 1 s/);
		assert.match(error.description, /accepted the request/);
		assert.ok(ms >= 1000 && ms < 5000, `${ms} ms`);
		assert.equal(gws.state.interactions.size, 3, 'created once, not repeated');
	});

	it('an Error notification becomes a NodeApiError with its message', async () => {
		gws.state.failNextAsync = 'Facebook rejected the message: the page token expired';
		const { error } = await run({
			resource: 'facebook',
			operation: 'send',
			interactionId: ENGAGE.outboundId,
			queuePath: ENGAGE.queuePath,
			from: 'a',
			message: 'b',
			waitForResult: true,
			resultTimeout: 5,
		});
		assert.match(error?.message ?? '', /reported that Send failed \(referenceId 57\)/);
		assert.match(error.description, /page token expired/);
	});

	it('a server that forgot the client (402::Unknown client): new handshake and subscription, result still found', async () => {
		// The server restarts while the node waits (its result not yet published): the node's next
		// connect is answered 402, it handshakes and subscribes again, and the result is then
		// published to the new client.
		gws.state.cometSilent = true;
		const pending = run({ ...CREATE, resultTimeout: 5 });
		await new Promise((r) => setTimeout(r, 150));
		gws.dropCometClients();
		await new Promise((r) => setTimeout(r, 400));
		const note = gws.state.notifications.find((n) => n.referenceId === 57);
		for (const client of gws.state.cometClients.values()) {
			client.queue.push({ channel: '/v2/me/facebook', data: note });
			client.wake?.();
		}
		const { output, error } = await pending;
		assert.ifError(error);
		assert.equal(output[0][0].json.referenceId, 57);
		assert.equal(cometd().filter((c) => c === '/meta/handshake').length, 2);
	});

	it('a proxy answering the connect with an HTML page: a clear error at once, no busy polling', async () => {
		gws.injectFault(
			(ctx) =>
				ctx.path === '/api/v2/notifications' &&
				JSON.stringify(ctx.body ?? '').includes('/meta/connect'),
			{
				status: 200,
				body: '<html><body>Maintenance</body></html>',
				headers: { 'content-type': 'text/html' },
			},
			100,
		);
		const started = Date.now();
		const { error } = await run(CREATE);
		assert.match(error?.message ?? '', /not answered with a Bayeux \/meta\/connect reply/);
		assert.ok(Date.now() - started < 3000);
		assert.equal(cometd().filter((c) => c === '/meta/connect').length, 1);
	});

	it('without Wait for Result nothing is opened on the notification channel', async () => {
		const { error } = await run({ ...CREATE, waitForResult: false });
		assert.ifError(error);
		assert.deepEqual(cometd(), []);
	});
});
