// Genesys Cloud node, resource Open Messaging, in the real n8n against the Genesys Cloud
// emulator: the customer's message (text and attachments) arrives at the Open integration with
// its identity and message ID, a repeated delivery of one message ID arrives once, typing and
// receipts arrive, and a refused body fails the execution with Genesys' error.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { createIntegration } from '../../emulators/genesys-cloud/model.mjs';

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
