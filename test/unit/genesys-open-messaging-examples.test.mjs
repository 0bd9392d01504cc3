// The two Open Messaging bridge examples use only parameters the nodes declare (as n8n runs
// them), chain their nodes as described, and map identity, message ID and quick replies both ways.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exampleProblems } from '../helpers/harness.mjs';

const load = (file) =>
	JSON.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'));
const inbound = load('messenger-to-genesys-open-messaging.json');
const outbound = load('genesys-open-messaging-to-messenger.json');
const byType = (wf, type) =>
	wf.nodes.filter((n) => n.type === `n8n-nodes-messenger-bridge.${type}`);

describe('examples/messenger-to-genesys-open-messaging.json', () => {
	it('uses only declared parameters, as n8n runs them', () =>
		assert.deepEqual(exampleProblems(inbound), []));

	it('Messenger Trigger → profile lookup → Genesys inbound message, keyed by the mid', () => {
		assert.deepEqual(inbound.connections['Messenger Trigger'].main[0][0].node, 'Customer Name');
		assert.deepEqual(inbound.connections['Customer Name'].main[0][0].node, 'To Genesys Agent');
		const [profile] = byType(inbound, 'facebookMessenger');
		assert.equal(
			`${profile.parameters.resource}:${profile.parameters.operation}`,
			'user:getProfile',
		);
		const [genesys] = byType(inbound, 'genesysCloud');
		assert.equal(genesys.parameters.resource, 'openMessaging');
		assert.equal(genesys.parameters.operation, 'sendInboundMessage');
		// The node reads the trigger's event (sender, mid, text, attachments, a tapped choice whose
		// payload is "agentMessageId|payload") and the profile's names from its input.
		assert.equal(genesys.parameters.messageFrom, 'messengerTrigger');
		assert.deepEqual(
			Object.values(genesys.parameters).filter((v) => typeof v === 'string' && v.startsWith('=')),
			[],
		);
	});
});

describe('examples/genesys-open-messaging-to-messenger.json', () => {
	it('uses only declared parameters, as n8n runs them', () =>
		assert.deepEqual(exampleProblems(outbound), []));

	it('relays typing as a sender action, text, quick replies as buttons, and each attachment', () => {
		const sends = byType(outbound, 'facebookMessenger').map(
			(n) => `${n.parameters.resource}:${n.parameters.operation}`,
		);
		assert.deepEqual(sends.sort(), [
			'message:sendAction',
			'message:sendAttachment',
			'message:sendTemplate',
			'message:sendText',
		]);
		// The agent's quick replies become postback buttons whose payload names the agent message.
		const choices = outbound.nodes.find((n) => n.name === 'Send Choices');
		assert.match(choices.parameters.templateJson, /\$json\.messageId \+ '\|'/);
		for (const send of byType(outbound, 'facebookMessenger'))
			assert.match(send.parameters.recipientId, /json\.recipientId/);
	});
});
