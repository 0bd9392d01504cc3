// The two Instagram ↔ Genesys Open Messaging bridge examples use only parameters the nodes declare
// (as n8n runs them), stay on the Instagram Login route, and map identity, message ID and quick
// replies both ways as the Messenger pair does, with what the Instagram Login route can send.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { exampleProblems } from '../helpers/harness.mjs';

const load = (file) =>
	JSON.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'));
const inbound = load('instagram-to-genesys-open-messaging.json');
const outbound = load('genesys-open-messaging-to-instagram.json');
const byType = (wf, type) =>
	wf.nodes.filter((n) => n.type === `n8n-nodes-messenger-bridge.${type}`);

describe('examples/instagram-to-genesys-open-messaging.json', () => {
	it('uses only declared parameters, as n8n runs them', () =>
		assert.deepEqual(exampleProblems(inbound), []));

	it('Instagram trigger (Instagram Login) → IG profile → Genesys inbound message, keyed by the mid', () => {
		const [trigger] = byType(inbound, 'messengerTrigger');
		assert.equal(trigger.parameters.object, 'instagram');
		assert.ok(trigger.credentials.instagramLoginApi, 'the Instagram app secret verifies too');
		assert.equal(inbound.connections[trigger.name].main[0][0].node, 'Customer Name');
		assert.equal(inbound.connections['Customer Name'].main[0][0].node, 'To Genesys Agent');
		const [profile] = byType(inbound, 'facebookMessenger');
		assert.equal(profile.parameters.authentication, 'instagramLogin');
		assert.deepEqual(Object.keys(profile.credentials), ['instagramLoginApi']);
		assert.equal(
			`${profile.parameters.resource}:${profile.parameters.operation}`,
			'user:getProfile',
		);
		assert.deepEqual(profile.parameters.instagramFields, ['name', 'username', 'profile_pic']);
		const [genesys] = byType(inbound, 'genesysCloud');
		assert.equal(
			`${genesys.parameters.resource}:${genesys.parameters.operation}`,
			'openMessaging:sendInboundMessage',
		);
		// The node reads the trigger's event (sender, mid, text, attachments, taps on choices) and
		// the profile's name and username from its input: no expression to keep in step.
		assert.equal(genesys.parameters.messageFrom, 'messengerTrigger');
		assert.deepEqual(
			Object.values(genesys.parameters).filter((v) => typeof v === 'string' && v.startsWith('=')),
			[],
		);
	});
});

describe('examples/genesys-open-messaging-to-instagram.json', () => {
	it('uses only declared parameters, as n8n runs them', () =>
		assert.deepEqual(exampleProblems(outbound), []));

	it('relays typing, text, quick replies as a generic card with postbacks, each attachment by URL', () => {
		const sends = byType(outbound, 'facebookMessenger');
		assert.deepEqual(
			sends.map((n) => `${n.parameters.resource}:${n.parameters.operation}`).sort(),
			['message:sendAction', 'message:sendAttachment', 'message:sendTemplate', 'message:sendText'],
		);
		for (const send of sends) {
			assert.equal(send.parameters.authentication, 'instagramLogin', send.name);
			assert.deepEqual(Object.keys(send.credentials), ['instagramLoginApi'], send.name);
			assert.match(send.parameters.recipientId, /json\.recipientId/);
		}
		// Instagram Login has no button template: the choices are one generic card's postbacks,
		// whose payload names the agent message (as the Messenger pair does).
		const choices = outbound.nodes.find((n) => n.name === 'Send Choices');
		assert.equal(choices.parameters.templateType, 'generic');
		assert.match(choices.parameters.templateJson, /template_type: 'generic'/);
		assert.match(choices.parameters.templateJson, /\$json\.messageId \+ '\|'/);
		// Attachments by public URL only on this route.
		const attachment = outbound.nodes.find((n) => n.name === 'Send Attachment');
		assert.equal(attachment.parameters.source, 'url');
		assert.equal(
			outbound.nodes.find((n) => n.name === 'Show Typing').parameters.senderAction,
			'typing_on',
		);
	});
});
