// The Genesys Cloud Open Messaging Trigger: the real webhook() behind a loopback server that the
// Genesys Cloud emulator's "agent" sends signed notifications to (retried like Genesys), and
// Automatic Setup's checkExists/create/delete against the emulator's Open integrations.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { CredentialStore, hookContext, loadNode, runWebhook } from '../helpers/harness.mjs';
import { start } from '../emulators/genesys-cloud/index.mjs';
import { createIntegration } from '../emulators/genesys-cloud/model.mjs';
import {
	genesysSignature,
	outboundState,
} from '../emulators/genesys-cloud/openMessagingOutbound.mjs';
import { GENESYS_CLOUD, GENESYS_OPEN_MESSAGING } from '../emulators/fixtures.mjs';

const node = loadNode('GenesysCloudOpenMessagingTrigger');
const SECRET = GENESYS_OPEN_MESSAGING.secretToken;
const WEBHOOK_ID = 'f2b6a1de-0c1e-4a57-9d8b-0c5f1d7b2a11';
let gc;
let server;
let webhookUrl;
/** The trigger's parameters for the next notifications (tests change them). */
let parameters;
/** What each webhook() call emitted (items) and answered (status). */
let runs = [];
/** Answers the loopback server gives instead of running the trigger, first to last. */
let overrides = [];

const credentials = (secretToken = SECRET) =>
	new CredentialStore({
		genesysCloudOpenMessagingApi: { secretToken },
		genesysCloudOAuth2Api: {
			region: 'custom',
			customApiUrl: gc.api.url,
			customLoginUrl: gc.login.url,
			clientId: GENESYS_CLOUD.clientId,
			clientSecret: GENESYS_CLOUD.clientSecret,
		},
	});

const openIntegration = (url = 'https://example.com/genesys', name = 'Bridge') => {
	const entity = createIntegration(gc.api.state, 'current', 'open', {
		name,
		outboundNotificationWebhookUrl: 'https://example.com/genesys',
		outboundNotificationWebhookSignatureSecretToken: SECRET,
	});
	// Loopback is http: set after the create (which, like Genesys, wants https).
	entity.outboundNotificationWebhookUrl = url;
	return entity;
};

/** The agent replies: the emulator delivers the notification; returns its answer. */
async function agent(integration, body = {}) {
	const response = await fetch(`${gc.api.url}/__emulator/open/${integration.id}/agent`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert.equal(response.status, 200);
	return JSON.parse(await response.text());
}

const emitted = () => runs.flatMap((r) => r.items);

beforeAll(async () => {
	gc = await start({ ports: { genesysApi: 0, genesysLogin: 0 } });
	server = createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const override = overrides.shift();
		if (override) {
			if (override.delayMs) await new Promise((r) => setTimeout(r, override.delayMs));
			res.writeHead(override.status);
			return res.end();
		}
		const run = await runWebhook(node, {
			parameters,
			credentials: { genesysCloudOpenMessagingApi: { secretToken: SECRET } },
			headers: req.headers,
			rawBody: Buffer.concat(chunks),
		});
		if (run.error) throw run.error;
		const items = run.result?.workflowData?.[0]?.map((i) => i.json) ?? [];
		runs.push({ status: run.res.statusCode, items });
		res.writeHead(run.res.statusCode, run.res.headers);
		res.end(run.res.body);
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	webhookUrl = `http://127.0.0.1:${server.address().port}/webhook/${WEBHOOK_ID}/webhook`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((r) => server.close(r));
	await gc.close();
});

beforeEach(() => {
	parameters = { types: [], options: {} };
	runs = [];
	overrides = [];
	Object.assign(outboundState(gc.api.state), { retryDelayMs: 20, timeoutMs: 1_000 });
});

describe('signature (X-Hub-Signature-256, base64)', () => {
	const raw = Buffer.from(
		JSON.stringify({ id: 'sig1', type: 'Text', text: 'Hi', channel: { id: 'i', to: { id: 'c' } } }),
	);
	const post = (headers, rawBody = raw) =>
		runWebhook(node, {
			parameters: { types: [], options: {} },
			credentials: { genesysCloudOpenMessagingApi: { secretToken: SECRET } },
			headers: { 'content-type': 'application/json', ...headers },
			rawBody,
		});

	it('accepts the base64 HMAC of the raw bytes', async () => {
		const bytes = Buffer.from(
			JSON.stringify({ id: `sig-${Date.now()}`, type: 'Text', text: 'Hi', channel: { id: 'i' } }),
		);
		const run = await post({ 'x-hub-signature-256': genesysSignature(bytes, SECRET) }, bytes);
		assert.equal(run.res.statusCode, 200);
		assert.equal(run.result.workflowData[0].length, 1);
	});

	it("refuses the same HMAC in hex (Meta's encoding) with 401 and starts nothing", async () => {
		const hex = `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;
		const run = await post({ 'x-hub-signature-256': hex });
		assert.equal(run.res.statusCode, 401);
		assert.equal(run.result.workflowData, undefined);
		assert.equal(run.result.noWebhookResponse, true);
	});

	it('refuses a signature made with another secret, and a missing one, with 401', async () => {
		for (const headers of [
			{ 'x-hub-signature-256': genesysSignature(raw, `${SECRET}x`) },
			{},
			{ 'x-hub-signature-256': 'sha256=' },
		]) {
			const run = await post(headers);
			assert.equal(run.res.statusCode, 401, JSON.stringify(headers));
			assert.equal(run.res.body, 'Invalid signature');
			assert.equal(run.result.workflowData, undefined);
		}
	});

	it('checks the raw bytes: the same JSON re-serialised with other spacing is refused', async () => {
		const spaced = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 2));
		const run = await post({ 'x-hub-signature-256': genesysSignature(raw, SECRET) }, spaced);
		assert.equal(run.res.statusCode, 401);
	});

	it('answers 400 to a signed body that is not a notification', async () => {
		for (const body of ['not json', '[]', '{"type":"Text"}', '{"id":"x","type":"Text"}']) {
			const bytes = Buffer.from(body);
			const run = await post({ 'x-hub-signature-256': genesysSignature(bytes, SECRET) }, bytes);
			assert.equal(run.res.statusCode, 400, body);
			assert.equal(run.res.body, 'Not an Open Messaging notification');
		}
	});
});

describe('notifications from the agent, normalised', () => {
	let integration;
	beforeAll(() => {
		integration = openIntegration(webhookUrl);
	});

	it('Text: one item with the ids, the text and the original', async () => {
		const sent = await agent(integration, {
			text: 'Hello from the agent',
			to: { id: 'psid-42', idType: 'Opaque' },
		});
		assert.equal(sent.deliveries[0].delivered, true);
		assert.deepEqual(
			sent.deliveries[0].attempts.map((a) => a.status),
			[200],
		);
		const [item] = emitted();
		assert.equal(emitted().length, 1);
		assert.equal(item.type, 'Text');
		assert.equal(item.text, 'Hello from the agent');
		assert.equal(item.messageId, sent.message.id);
		assert.equal(item.recipientId, 'psid-42');
		assert.equal(item.recipientIdType, 'Opaque');
		assert.equal(item.integrationId, integration.id);
		assert.equal(item.conversationId, sent.message.conversationId);
		assert.equal(item.originatingEntity, 'Human');
		assert.equal(item.timestamp, sent.message.channel.time);
		assert.deepEqual(item.attachments, []);
		assert.deepEqual(item.message, sent.message);
	});

	it('Text with an attachment: mediaType, url, mime, filename', async () => {
		const attachment = {
			id: '8b36304e-ad42-4e7d-ac35-978a019514eb',
			mediaType: 'Image',
			url: 'https://api-downloads.mypurecloud.com/api/v2/downloads/abc',
			mime: 'image/jpeg',
			filename: 'photo.jpg',
		};
		await agent(integration, { content: [{ contentType: 'Attachment', attachment }] });
		const [item] = emitted();
		assert.equal(item.text, null);
		assert.deepEqual(item.attachments, [
			{ mediaType: 'Image', url: attachment.url, mime: 'image/jpeg', filename: 'photo.jpg' },
		]);
	});

	it('Structured: quick replies and card buttons', async () => {
		await agent(integration, {
			type: 'Structured',
			text: 'Proceed?',
			content: [
				{
					contentType: 'QuickReply',
					quickReply: { text: 'Yes', payload: 'YES', action: 'Message' },
				},
				{ contentType: 'QuickReply', quickReply: { text: 'No', payload: 'NO', action: 'Message' } },
				{
					contentType: 'Card',
					card: {
						title: 'Plan',
						actions: [
							{ type: 'Postback', text: 'Pick', payload: 'PICK' },
							{ type: 'Link', text: 'Read', url: 'https://example.com/plan' },
						],
					},
				},
			],
		});
		const [item] = emitted();
		assert.equal(item.type, 'Structured');
		assert.deepEqual(item.quickReplies, [
			{ text: 'Yes', payload: 'YES' },
			{ text: 'No', payload: 'NO' },
		]);
		assert.deepEqual(item.buttons, [
			{ text: 'Pick', payload: 'PICK', type: 'Postback' },
			{ text: 'Read', payload: null, type: 'Link', url: 'https://example.com/plan' },
		]);
	});

	it('Event: one item per event (typing on)', async () => {
		await agent(integration, {
			type: 'Event',
			events: [
				{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } },
				{ eventType: 'Typing', typing: { type: 'Off' } },
			],
		});
		const items = emitted();
		assert.equal(items.length, 2);
		assert.deepEqual(
			items.map((i) => [i.type, i.eventType, i.event.typing.type]),
			[
				['Event', 'Typing', 'On'],
				['Event', 'Typing', 'Off'],
			],
		);
	});

	it('Receipt: status and reasons', async () => {
		await agent(integration, {
			type: 'Receipt',
			status: 'Failed',
			reasons: [{ code: 'RateLimited', message: 'Too many messages' }],
		});
		const [item] = emitted();
		assert.equal(item.type, 'Receipt');
		assert.equal(item.status, 'Failed');
		assert.deepEqual(item.reasons, [{ code: 'RateLimited', message: 'Too many messages' }]);
	});

	it('the Types filter acknowledges and drops the others', async () => {
		parameters = { types: ['Text'], options: {} };
		const sent = await agent(integration, { type: 'Event' });
		assert.equal(sent.deliveries[0].delivered, true);
		assert.equal(emitted().length, 0);
		await agent(integration, { text: 'kept' });
		assert.deepEqual(
			emitted().map((i) => i.text),
			['kept'],
		);
	});
});

describe("Genesys' retries", () => {
	let integration;
	beforeAll(() => {
		integration = openIntegration(webhookUrl, 'Retries');
	});

	it('a notification sent again after an acknowledged delivery starts one workflow', async () => {
		const sent = await agent(integration, { text: 'once', times: 3 });
		assert.deepEqual(
			sent.deliveries.map((d) => d.attempts.map((a) => a.status)),
			[[200], [200], [200]],
		);
		assert.equal(emitted().length, 1);
		assert.equal(runs.length, 3);
	});

	it('retried after a 503 and a timeout: delivered on the third attempt, emitted once', async () => {
		Object.assign(outboundState(gc.api.state), { timeoutMs: 300 });
		overrides = [{ status: 503 }, { status: 200, delayMs: 600 }];
		const sent = await agent(integration, { text: 'after retries' });
		const attempts = sent.deliveries[0].attempts;
		assert.deepEqual(
			attempts.map((a) => a.status ?? a.error),
			[503, 'timeout', 200],
		);
		assert.deepEqual(
			emitted().map((i) => i.text),
			['after retries'],
		);
	});

	it('a notification n8n could not register (5xx) is emitted again on the retry', async () => {
		const raw = Buffer.from(
			JSON.stringify({ id: `reg-${Date.now()}`, type: 'Text', text: 'x', channel: { id: 'i' } }),
		);
		const headers = {
			'content-type': 'application/json',
			'x-hub-signature-256': genesysSignature(raw, SECRET),
		};
		const first = await runWebhook(node, {
			parameters: { types: [], options: {} },
			credentials: { genesysCloudOpenMessagingApi: { secretToken: SECRET } },
			headers,
			rawBody: raw,
			registrationFails: true,
		});
		assert.equal(first.res.statusCode, 500);
		const second = await runWebhook(node, {
			parameters: { types: [], options: {} },
			credentials: { genesysCloudOpenMessagingApi: { secretToken: SECRET } },
			headers,
			rawBody: raw,
		});
		assert.equal(second.result.workflowData[0].length, 1);
	});

	it('with Deduplicate off, every delivery is emitted', async () => {
		parameters = { types: [], options: { deduplicate: false } };
		await agent(integration, { text: 'twice', times: 2 });
		assert.equal(emitted().length, 2);
	});

	it('a badly signed notification gets 401, which Genesys does not retry; nothing emitted', async () => {
		for (const signature of ['hex', 'wrong', 'none']) {
			const sent = await agent(integration, { text: 'forged', signature });
			assert.deepEqual(
				sent.deliveries[0].attempts.map((a) => a.status),
				[401],
				signature,
			);
		}
		assert.equal(emitted().length, 0);
	});
});

describe('Automatic Setup', () => {
	const m = node.webhookMethods.default;
	const TRIGGER_URL =
		'https://n8n.example.com/webhook/f2b6a1de-0c1e-4a57-9d8b-0c5f1d7b2a11/webhook';
	function hooks(integrationId, { options = {}, staticData = {}, secretToken } = {}) {
		const context = hookContext(node, {
			parameters: {
				types: [],
				autoConfigure: true,
				integrationId: { __rl: true, mode: 'id', value: integrationId },
				options,
			},
			credentials: credentials(secretToken),
			staticData,
			webhookUrl: TRIGGER_URL,
		});
		return {
			staticData,
			checkExists: () => m.checkExists.call(context),
			create: () => m.create.call(context),
			delete: () => m.delete.call(context),
		};
	}
	const patches = () => gc.api.requestsTo('PATCH', '/integrations/open/');

	beforeEach(() => gc.api.clearRequests());

	it('points the integration at the trigger with the secret, then puts the URL back', async () => {
		const integration = openIntegration('https://example.com/genesys', 'Auto');
		integration.outboundNotificationWebhookSignatureSecretToken = 'the-old-secret';
		const h = hooks(integration.id, { options: { replaceWebhookUrl: true } });
		assert.equal(await h.checkExists(), false);
		assert.equal(await h.create(), true);
		assert.equal(integration.outboundNotificationWebhookUrl, TRIGGER_URL);
		assert.equal(integration.outboundNotificationWebhookSignatureSecretToken, SECRET);
		assert.equal(patches().length, 1);
		assert.equal(patches()[0].body.name, 'Auto');
		assert.equal(await h.checkExists(), true);
		// What was recorded names no secret.
		assert.ok(!JSON.stringify(h.staticData).includes(SECRET));
		assert.ok(!JSON.stringify(h.staticData).includes('the-old-secret'));
		assert.equal(await h.delete(), true);
		assert.equal(integration.outboundNotificationWebhookUrl, 'https://example.com/genesys');
		assert.deepEqual(patches()[1].body, {
			name: 'Auto',
			outboundNotificationWebhookUrl: 'https://example.com/genesys',
		});
		assert.deepEqual(h.staticData['node:Genesys Cloud Open Messaging Trigger'], {});
	});

	it('refuses another URL unless Replace Webhook URL is on, and changes nothing', async () => {
		const integration = openIntegration('https://other-receiver.example.com/hook', 'Taken');
		const h = hooks(integration.id);
		await assert.rejects(h.create(), (error) => {
			assert.match(error.message, /already sends to another URL/);
			assert.match(error.description, /other-receiver\.example\.com/);
			assert.match(error.description, /Replace Webhook URL/);
			return true;
		});
		assert.equal(patches().length, 0);
		assert.equal(
			integration.outboundNotificationWebhookUrl,
			'https://other-receiver.example.com/hook',
		);
	});

	it('an integration already pointing at the trigger is set up without replacing anything', async () => {
		const integration = openIntegration(TRIGGER_URL, 'Ours');
		const h = hooks(integration.id);
		await h.create();
		assert.equal(integration.outboundNotificationWebhookSignatureSecretToken, SECRET);
		await h.delete();
		// Nothing else was there before: the URL stays.
		assert.equal(integration.outboundNotificationWebhookUrl, TRIGGER_URL);
	});

	it('leaves a URL someone set after activation alone on deactivation', async () => {
		const integration = openIntegration('https://example.com/genesys', 'Moved');
		const h = hooks(integration.id, { options: { replaceWebhookUrl: true } });
		await h.create();
		integration.outboundNotificationWebhookUrl = 'https://newer-receiver.example.com/hook';
		await h.delete();
		assert.equal(
			integration.outboundNotificationWebhookUrl,
			'https://newer-receiver.example.com/hook',
		);
		assert.equal(patches().length, 1);
	});

	it('a deleted integration: deactivation succeeds and forgets the record', async () => {
		const integration = openIntegration('https://example.com/genesys', 'Deleted');
		const h = hooks(integration.id, { options: { replaceWebhookUrl: true } });
		await h.create();
		gc.api.state.integrations.get('open').delete(integration.id);
		assert.equal(await h.delete(), true);
		assert.deepEqual(h.staticData['node:Genesys Cloud Open Messaging Trigger'], {});
	});

	it("Genesys' permission error names the permission", async () => {
		const integration = openIntegration('https://example.com/genesys', 'NoEdit');
		gc.api.state.permissions.delete('messaging:integration:edit');
		try {
			const h = hooks(integration.id, { options: { replaceWebhookUrl: true } });
			await assert.rejects(h.create(), (error) => {
				assert.match(`${error.message} ${error.description}`, /messaging:integration:edit/);
				return true;
			});
		} finally {
			gc.api.state.permissions.add('messaging:integration:edit');
		}
	});

	it('without Automatic Setup, activation touches nothing', async () => {
		const context = hookContext(node, {
			parameters: { types: [], autoConfigure: false, options: {} },
			credentials: credentials(),
			webhookUrl: TRIGGER_URL,
		});
		assert.equal(await m.checkExists.call(context), true);
		assert.equal(await m.create.call(context), true);
		assert.equal(await m.delete.call(context), true);
		assert.equal(gc.api.requests.length, 0);
	});
});

describe('credential Test', () => {
	it('checks the form of the secret only', async () => {
		const test = node.methods.credentialTest.secretTokenTest;
		const result = (secretToken) => test.call({}, { data: { secretToken } });
		assert.equal((await result(SECRET)).status, 'OK');
		assert.equal((await result('')).status, 'Error');
		assert.match((await result(` ${SECRET}`)).message, /space/);
		assert.match((await result('short')).message, /at least 16/);
	});
});
