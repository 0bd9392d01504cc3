// Genesys Cloud node, resource Open Messaging, in the real n8n against the Genesys Cloud
// emulator: the customer's message (text and attachments) arrives at the Open integration with
// its identity and message ID, a repeated delivery of one message ID arrives once, typing and
// receipts arrive, and a refused body fails the execution with Genesys' error. Then the two
// bridge examples as shipped, and the full round trip: a signed Messenger delivery → the
// customer's message at Genesys → the emulator's agent replies → the Open Messaging Trigger →
// the Graph emulator receives the Messenger sends (typing, the agent's quick replies as postback
// buttons, an attachment),
// and the customer's tap on a choice goes back as a button response to that agent message.
// Send Inbound Message's "Message From: Messenger Trigger Event" reads the trigger's items
// directly (one workflow here) and, in the examples, through the profile lookup's item pairing.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CREDENTIAL_REFS, env, N8N_PORT, webhookWorkflow } from '../env.mjs';
import { GENESYS_OPEN_MESSAGING, GRAPH } from '../../emulators/fixtures.mjs';
import { createIntegration } from '../../emulators/genesys-cloud/model.mjs';
import {
	envelope,
	entry,
	metaJson,
	PAGE_ID,
	signatureHeaders,
} from '../../unit/trigger-payloads.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.genesysCloud';
const credentials = { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api };
const common = {
	resource: 'openMessaging',
	integrationId: { __rl: true, mode: 'id', value: '={{ $json.body.integrationId }}' },
	customerId: '={{ $json.body.psid }}',
	customerIdType: 'Opaque',
	customer: { firstName: '={{ $json.body.firstName }}', lastName: 'Customer' },
};
const flows = {
	message: {
		...common,
		operation: 'sendInboundMessage',
		messageId: '={{ $json.body.mid }}',
		text: '={{ $json.body.text }}',
		attachmentsJson: '={{ $json.body.attachments ?? [] }}',
		options: { time: '={{ $json.body.timestamp }}' },
	},
	typing: { ...common, operation: 'sendInboundEvent', eventType: 'Typing' },
	receipt: {
		...common,
		operation: 'sendInboundReceipt',
		agentMessageId: '={{ $json.body.agentMessageId }}',
		status: '={{ $json.body.status }}',
	},
};
for (const [key, parameters] of Object.entries(flows)) {
	env.addWorkflows(
		webhookWorkflow({
			id: `mbOpenMessaging${key.padEnd(7, '0').slice(0, 7)}`,
			name: `e2e genesys open messaging ${key}`,
			path: `genesys-open-${key}`,
			node: { type: TYPE, name: 'Genesys Cloud', parameters },
			credentials,
		}),
	);
}

const call = (key, body) => env.webhook(`genesys-open-${key}`, { body });

/** The examples as shipped, pointed at the emulators (as 10-trigger.mjs does for its examples). */
const BRIDGE_INTEGRATION = '0be1d9e2-5a3c-4f7e-9b21-0000000b41d9';
const IN = { id: 'mbOpenBridgeIn01', hook: '7b2e4c10-1a00-4a51-9b10-0000000e2e01' };
const OUT = { id: 'mbOpenBridgeOut1', hook: '7b2e4c10-1a00-4a51-9b10-0000000e2e02' };
function example(file, { id, hook }) {
	const wf = JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url)));
	for (const n of wf.nodes) {
		if (n.webhookId) n.webhookId = hook;
		if (n.type === 'n8n-nodes-messenger-bridge.messengerTrigger')
			n.parameters = { ...n.parameters, verifyToken: GRAPH.verifyToken };
		if (n.credentials)
			n.credentials = Object.fromEntries(
				Object.keys(n.credentials).map((type) => [type, CREDENTIAL_REFS[type]]),
			);
	}
	return { ...wf, id };
}
env.addWorkflows(
	example('messenger-to-genesys-open-messaging.json', IN),
	example('genesys-open-messaging-to-messenger.json', OUT),
);

/** Messenger Trigger → Send Inbound Message reading the trigger's event itself (no expression). */
const DIRECT = {
	id: 'mbOpenDirectIn01',
	hook: '7b2e4c10-1a00-4a51-9b10-0000000e2e03',
	integration: '0be1d9e2-5a3c-4f7e-9b21-0000000b41da',
};
env.addWorkflows({
	id: DIRECT.id,
	name: 'e2e genesys open messaging: from the Messenger Trigger event',
	nodes: [
		{
			id: 'd1',
			name: 'Messenger Trigger',
			type: 'n8n-nodes-messenger-bridge.messengerTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: DIRECT.hook,
			parameters: {
				object: 'page',
				verifyToken: GRAPH.verifyToken,
				events: ['message', 'postback'],
				options: {},
			},
			credentials: { facebookAppApi: CREDENTIAL_REFS.facebookAppApi },
		},
		{
			id: 'd2',
			name: 'Genesys Cloud',
			type: TYPE,
			typeVersion: 1.1,
			position: [240, 0],
			parameters: {
				resource: 'openMessaging',
				operation: 'sendInboundMessage',
				integrationId: { __rl: true, mode: 'id', value: DIRECT.integration },
				messageFrom: 'messengerTrigger',
				customer: { nickname: 'Messenger customer' },
				options: {},
			},
			credentials,
		},
	],
	connections: {
		'Messenger Trigger': { main: [[{ node: 'Genesys Cloud', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
});

/** A Messenger delivery of one event from the customer, signed with the app secret. */
function deliver(message, timestamp = Date.now(), hook = IN.hook) {
	return deliverEvents([{ message }], timestamp, hook);
}

/** A Messenger delivery of the customer's events (message, postback…), signed with the app secret. */
function deliverEvents(events, timestamp, hook) {
	const raw = metaJson(
		envelope('page', [
			entry(
				PAGE_ID,
				events.map((event) => ({
					sender: { id: GRAPH.psid },
					recipient: { id: PAGE_ID },
					timestamp,
					...event,
				})),
			),
		]),
	);
	return env.webhook(`${hook}/webhook`, {
		rawBody: raw,
		headers: {
			...signatureHeaders(Buffer.from(raw), GRAPH.appSecret),
			'content-type': 'application/json',
		},
	});
}

/** An Open integration with a fixed ID (the one a workflow names). */
function createIntegrationWithId(gc, id, name) {
	const entity = createIntegration(gc.api.state, 'current', 'open', {
		name,
		outboundNotificationWebhookUrl: 'https://bridge.example.com/e2e-direct',
		outboundNotificationWebhookSignatureSecretToken: 'e2e-direct-secret',
	});
	const open = gc.api.state.integrations.get('open');
	open.delete(entity.id);
	entity.id = id;
	open.set(id, entity);
}

describe('e2e: Genesys Cloud Open Messaging (inbound)', () => {
	let gc;
	let integration;
	const arrivals = (kind) => gc.api.state.openInbound.arrivalsOf(integration.id, kind);
	before(() => {
		gc = env.emulators.genesysCloud;
		integration = createIntegration(gc.api.state, 'current', 'open', {
			name: 'E2E bridge',
			outboundNotificationWebhookUrl: 'https://bridge.example.com/e2e',
			outboundNotificationWebhookSignatureSecretToken: 'e2e-open-secret',
		});
	});

	it('the customer’s message arrives with identity, message ID, time and attachments', async () => {
		const response = await call('message', {
			integrationId: integration.id,
			psid: '24000000000000777',
			firstName: 'Grace',
			mid: 'm_e2e_1',
			text: 'Hello from Messenger',
			timestamp: 1767225600000,
			attachments: [{ type: 'image', payload: { url: 'https://scontent.example.com/p.png' } }],
		});
		assert.equal(response.status, 200, response.text.slice(0, 300));
		const [item] = response.json;
		const [arrival] = arrivals('message');
		assert.equal(item.id, arrival.answer.id);
		assert.deepEqual(arrival.body.channel, {
			messageId: 'm_e2e_1',
			from: { id: '24000000000000777', idType: 'Opaque', firstName: 'Grace', lastName: 'Customer' },
			time: '2026-01-01T00:00:00.000Z',
		});
		assert.equal(arrival.body.text, 'Hello from Messenger');
		assert.deepEqual(arrival.body.content, [
			{
				attachment: {
					mediaType: 'Image',
					url: 'https://scontent.example.com/p.png',
					mime: 'image/png',
				},
			},
		]);
	});

	it('the same message delivered again (a retried workflow) reaches the agent once', async () => {
		const body = {
			integrationId: integration.id,
			psid: '24000000000000777',
			firstName: 'Grace',
			mid: 'm_e2e_2',
			text: 'once',
		};
		const first = await call('message', body);
		const second = await call('message', body);
		assert.equal(first.status, 200);
		assert.equal(second.status, 200);
		assert.equal(second.json[0].repeated, true);
		assert.equal(second.json[0].id, first.json[0].id);
		assert.equal(
			arrivals('message').filter((a) => a.body.channel.messageId === 'm_e2e_2').length,
			1,
		);
	});

	it('typing and receipts arrive', async () => {
		const typing = await call('typing', {
			integrationId: integration.id,
			psid: '24000000000000777',
			firstName: 'Grace',
		});
		assert.equal(typing.status, 200, typing.text.slice(0, 300));
		assert.deepEqual(arrivals('event').at(-1).body.events, [{ eventType: 'Typing' }]);
		for (const status of ['Delivered', 'Read']) {
			const receipt = await call('receipt', {
				integrationId: integration.id,
				psid: '24000000000000777',
				firstName: 'Grace',
				agentMessageId: 'agent-e2e-1',
				status,
			});
			assert.equal(receipt.status, 200, receipt.text.slice(0, 300));
		}
		assert.deepEqual(
			arrivals('receipt').map((r) => [r.body.id, r.body.status]),
			[
				['agent-e2e-1', 'Delivered'],
				['agent-e2e-1', 'Read'],
			],
		);
	});

	it('Message From = Messenger Trigger Event: one delivery’s message with attachments and a quick-reply tap, no mapping', async () => {
		createIntegrationWithId(gc, DIRECT.integration, 'E2E direct');
		const response = await deliverEvents(
			[
				{
					message: {
						mid: 'm_direct_1',
						text: 'Two photos',
						attachments: [
							{ type: 'image', payload: { url: 'https://scontent.example.com/a.jpg' } },
							{ type: 'video', payload: { url: 'https://video.example.com/b.mp4' } },
						],
					},
				},
				{
					message: {
						mid: 'm_direct_2',
						text: 'Refund',
						quick_reply: { payload: 'agent-msg-7|REFUND' },
					},
				},
			],
			1767225600000,
			DIRECT.hook,
		);
		assert.equal(response.status, 200);
		const direct = (kind) => gc.api.state.openInbound.arrivalsOf(DIRECT.integration, kind);
		const [message] = await gc.api.state.openInbound.waitFor(DIRECT.integration, 1);
		const [tap] = await gc.api.state.openInbound.waitFor(
			DIRECT.integration,
			1,
			'structuredResponse',
		);
		assert.deepEqual(message.body.channel, {
			messageId: 'm_direct_1',
			from: { id: GRAPH.psid, idType: 'Opaque', nickname: 'Messenger customer' },
			time: '2026-01-01T00:00:00.000Z',
		});
		assert.equal(message.body.text, 'Two photos');
		assert.deepEqual(
			message.body.content.map((c) => [c.attachment.mediaType, c.attachment.mime]),
			[
				['Image', 'image/jpeg'],
				['Video', 'video/mp4'],
			],
		);
		assert.equal(tap.body.originatingMessageId, 'agent-msg-7');
		assert.deepEqual(tap.body.buttonResponse, {
			type: 'QuickReply',
			text: 'Refund',
			payload: 'REFUND',
		});
		assert.equal(direct('message').length, 1);
	});

	it('an unknown integration fails the execution with Genesys’ 404', async () => {
		const response = await call('message', {
			integrationId: '00000000-0000-4000-8000-00000000dead',
			psid: '1',
			firstName: 'X',
			mid: 'm_e2e_404',
			text: 'lost',
		});
		assert.equal(response.status, 500);
		const execution = await env.waitFor(
			async () =>
				(await env.executions('mbOpenMessagingmessage')).find((e) => e.status === 'error'),
			{ what: 'the failed execution' },
		);
		const error = env.nodeError(execution, 'Genesys Cloud');
		assert.equal(error.name, 'NodeApiError');
		assert.match(error.message, /^Genesys Cloud: Integration .* not found/);
		assert.equal(error.httpCode, '404');
	});
});

describe('e2e: the Messenger ↔ Genesys Open Messaging bridge (examples, round trip)', () => {
	let gc;
	let graph;
	const arrivals = (kind) => gc.api.state.openInbound.arrivalsOf(BRIDGE_INTEGRATION, kind);
	const sentTo = () => graph.state.sent.filter((s) => s.recipientId === GRAPH.psid);
	before(() => {
		gc = env.emulators.genesysCloud;
		graph = env.emulators.graph;
		// The Open integration of the examples, its outbound webhook on the trigger of the second.
		const entity = createIntegration(gc.api.state, 'current', 'open', {
			name: 'Messenger bridge',
			outboundNotificationWebhookUrl: 'https://placeholder.example.com/',
			outboundNotificationWebhookSignatureSecretToken: 'replaced-below',
		});
		const open = gc.api.state.integrations.get('open');
		open.delete(entity.id);
		Object.assign(entity, {
			id: BRIDGE_INTEGRATION,
			outboundNotificationWebhookUrl: `http://localhost:${N8N_PORT}/webhook/${OUT.hook}/webhook`,
			outboundNotificationWebhookSignatureSecretToken: GENESYS_OPEN_MESSAGING.secretToken,
		});
		open.set(BRIDGE_INTEGRATION, entity);
	});

	it('messenger-to-genesys-open-messaging.json: the customer’s message reaches the agent with their Messenger name', async () => {
		const response = await deliver(
			{
				mid: 'm_bridge_1',
				text: 'Hi, my order is late',
				attachments: [
					{ type: 'image', payload: { url: 'https://scontent.example.com/order.jpg' } },
				],
			},
			1767225600000,
		);
		assert.equal(response.status, 200);
		const [arrival] = await gc.api.state.openInbound.waitFor(BRIDGE_INTEGRATION, 1);
		assert.deepEqual(arrival.body.channel, {
			messageId: 'm_bridge_1',
			from: {
				id: GRAPH.psid,
				idType: 'Opaque',
				firstName: 'Ada',
				lastName: 'Lovelace',
				image: 'https://scontent.example/ada.png',
			},
			time: '2026-01-01T00:00:00.000Z',
		});
		assert.equal(arrival.body.text, 'Hi, my order is late');
		assert.equal(arrival.body.content[0].attachment.url, 'https://scontent.example.com/order.jpg');
		// Meta redelivering the same event: the trigger drops it, and the node would send it once.
		await deliver({ mid: 'm_bridge_1', text: 'Hi, my order is late' }, 1767225600000);
		await new Promise((r) => setTimeout(r, 1000));
		assert.equal(arrivals('message').length, 1);
	});

	it('round trip: the agent’s reply, typing and attachment reach Messenger; a tap on a choice answers the agent’s message', async () => {
		const agent = async (body) => {
			const response = await fetch(`${gc.api.url}/__emulator/open/${BRIDGE_INTEGRATION}/agent`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ to: { id: GRAPH.psid, idType: 'Opaque' }, ...body }),
			});
			assert.equal(response.status, 200);
			const answer = await response.json();
			assert.equal(answer.deliveries[0].delivered, true, JSON.stringify(answer.deliveries));
			return answer.message;
		};
		const before = sentTo().length;
		await agent({
			type: 'Event',
			events: [{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } }],
		});
		const reply = await agent({
			type: 'Structured',
			text: 'Sorry! Shall I refund it?',
			content: [
				{
					contentType: 'QuickReply',
					quickReply: { text: 'Yes', payload: 'REFUND_YES', action: 'Message' },
				},
				{
					contentType: 'QuickReply',
					quickReply: { text: 'No', payload: 'REFUND_NO', action: 'Message' },
				},
			],
		});
		await agent({
			type: 'Text',
			content: [
				{
					contentType: 'Attachment',
					attachment: {
						mediaType: 'Image',
						url: 'https://genesys.example.com/label.png',
						mime: 'image/png',
					},
				},
			],
		});
		const sends = await env
			.waitFor(() => (sentTo().length >= before + 3 ? sentTo().slice(before) : null), {
				what: 'three Messenger sends',
			})
			.catch(async (error) => {
				// Say why: the bridge's executions and their errors.
				const runs = await env.executions(OUT.id);
				const why = runs.map((e) => [
					e.status,
					JSON.stringify(e.data?.resultData?.error ?? {}).slice(0, 400),
				]);
				throw new Error(
					`${error.message}: ${JSON.stringify({ sent: sentTo().length - before, runs: why })}`,
				);
			});
		const typing = sends.find((s) => s.senderAction === 'typing_on');
		const choices = sends.find((s) => s.message?.attachment?.type === 'template');
		const image = sends.find((s) => s.message?.attachment?.type === 'image');
		assert.ok(typing, 'typing relayed as a sender action');
		const template = choices.message.attachment.payload;
		assert.equal(template.text, 'Sorry! Shall I refund it?');
		assert.deepEqual(
			template.buttons.map((q) => [q.type, q.title, q.payload]),
			[
				['postback', 'Yes', `${reply.id}|REFUND_YES`],
				['postback', 'No', `${reply.id}|REFUND_NO`],
			],
		);
		assert.equal(image.message.attachment.payload.url, 'https://genesys.example.com/label.png');

		// The customer taps "Yes": a button response to the agent's message.
		const tapAt = Date.now();
		const raw = metaJson(
			envelope('page', [
				entry(PAGE_ID, [
					{
						sender: { id: GRAPH.psid },
						recipient: { id: PAGE_ID },
						timestamp: tapAt,
						postback: { mid: 'm_bridge_tap', title: 'Yes', payload: template.buttons[0].payload },
					},
				]),
			]),
		);
		await env.webhook(`${IN.hook}/webhook`, {
			rawBody: raw,
			headers: {
				...signatureHeaders(Buffer.from(raw), GRAPH.appSecret),
				'content-type': 'application/json',
			},
		});
		const [tap] = await gc.api.state.openInbound.waitFor(
			BRIDGE_INTEGRATION,
			1,
			'structuredResponse',
		);
		assert.equal(tap.body.originatingMessageId, reply.id);
		assert.deepEqual(tap.body.buttonResponse, {
			type: 'QuickReply',
			text: 'Yes', // the label the customer tapped (the postback's title)
			payload: 'REFUND_YES',
		});
		assert.equal(tap.body.channel.messageId, 'm_bridge_tap');
	});
});
