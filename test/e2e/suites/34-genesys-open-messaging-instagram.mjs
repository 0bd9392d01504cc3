// The Instagram ↔ Genesys Open Messaging bridge examples as shipped, in the real n8n, on the
// Instagram Login route: a signed Instagram delivery (signed with the Instagram app secret) → the
// customer's message at the Genesys emulator with their Instagram name → the emulator's agent
// replies → the Open Messaging Trigger → the Instagram emulator (graph.instagram.com) receives the
// sends (typing, the agent's quick replies as a generic card's postbacks, an attachment by URL),
// and the customer's tap on a choice goes back as a button response to that agent message.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CREDENTIAL_REFS, env, N8N_PORT } from '../env.mjs';
import { GENESYS_OPEN_MESSAGING, GRAPH, INSTAGRAM } from '../../emulators/fixtures.mjs';
import { createIntegration } from '../../emulators/genesys-cloud/model.mjs';
import { resetMessaging } from '../../emulators/instagram/messaging.mjs';
import { metaJson, signatureHeaders } from '../../unit/trigger-payloads.mjs';

/** The Open integration the examples name (the Messenger pair names the same one). */
const BRIDGE_INTEGRATION = '0be1d9e2-5a3c-4f7e-9b21-0000000b41d9';
const IN = { id: 'mbIgOpenBridgeIn', hook: '7b2e4c10-1a00-4a51-9b10-0000000e2e11' };
const OUT = { id: 'mbIgOpenBridgeOu', hook: '7b2e4c10-1a00-4a51-9b10-0000000e2e12' };
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
	example('instagram-to-genesys-open-messaging.json', IN),
	example('genesys-open-messaging-to-instagram.json', OUT),
);

/** An Instagram delivery of one event from the customer, signed with the Instagram app secret. */
function deliver(event, timestamp = Date.now()) {
	const raw = metaJson({
		object: 'instagram',
		entry: [
			{
				id: INSTAGRAM.accountId,
				time: timestamp,
				messaging: [
					{
						sender: { id: INSTAGRAM.igsid },
						recipient: { id: INSTAGRAM.accountId },
						timestamp,
						...event,
					},
				],
			},
		],
	});
	return env.webhook(`${IN.hook}/webhook`, {
		rawBody: raw,
		headers: {
			...signatureHeaders(Buffer.from(raw), INSTAGRAM.appSecret),
			'content-type': 'application/json',
		},
	});
}

describe('e2e: the Instagram ↔ Genesys Open Messaging bridge (examples, round trip)', () => {
	let gc;
	let instagram;
	const arrivals = (kind) => gc.api.state.openInbound.arrivalsOf(BRIDGE_INTEGRATION, kind);
	const sentTo = () => instagram.state.sent.filter((s) => s.recipientId === INSTAGRAM.igsid);
	before(() => {
		gc = env.emulators.genesysCloud;
		instagram = env.emulators.instagram;
		resetMessaging(instagram.state);
		// The examples' Open integration, its outbound webhook on the trigger of the second.
		const open = () => gc.api.state.integrations.get('open');
		let entity = open()?.get(BRIDGE_INTEGRATION);
		if (!entity) {
			entity = createIntegration(gc.api.state, 'current', 'open', {
				name: 'Instagram bridge',
				outboundNotificationWebhookUrl: 'https://placeholder.example.com/',
				outboundNotificationWebhookSignatureSecretToken: 'replaced-below',
			});
			open().delete(entity.id);
			entity.id = BRIDGE_INTEGRATION;
			open().set(BRIDGE_INTEGRATION, entity);
		}
		Object.assign(entity, {
			outboundNotificationWebhookUrl: `http://localhost:${N8N_PORT}/webhook/${OUT.hook}/webhook`,
			outboundNotificationWebhookSignatureSecretToken: GENESYS_OPEN_MESSAGING.secretToken,
		});
	});

	it('instagram-to-genesys-open-messaging.json: the customer’s message reaches the agent with their Instagram name', async () => {
		const mid = `aWdfZAG1_bridge_${Date.now()}`;
		const response = await deliver(
			{
				message: {
					mid,
					text: 'Hi, where is my parcel?',
					attachments: [{ type: 'image', payload: { url: 'https://cdn.example/parcel.jpg' } }],
				},
			},
			1767225600000,
		);
		assert.equal(response.status, 200);
		const mine = () => arrivals('message').filter((a) => a.body.channel.messageId === mid);
		const [arrival] = await env.waitFor(() => (mine().length ? mine() : null), {
			what: 'the customer’s message at Genesys',
			timeoutMs: 30_000,
		});
		assert.deepEqual(arrival.body.channel, {
			messageId: mid,
			from: {
				id: INSTAGRAM.igsid,
				idType: 'Opaque',
				firstName: 'Ada Lovelace',
				nickname: 'ada.codes',
				image: 'https://scontent.example/ig/ada.jpg',
			},
			time: '2026-01-01T00:00:00.000Z',
		});
		assert.equal(arrival.body.text, 'Hi, where is my parcel?');
		assert.equal(arrival.body.content[0].attachment.url, 'https://cdn.example/parcel.jpg');
		// Meta redelivering the same event: the trigger drops it, and the node would send it once.
		await deliver({ message: { mid, text: 'Hi, where is my parcel?' } }, 1767225600000);
		await new Promise((r) => setTimeout(r, 1000));
		assert.equal(mine().length, 1);
	});

	it('round trip: the agent’s reply, typing and attachment reach Instagram; a tap on a choice answers the agent’s message', async () => {
		const agent = async (body) => {
			const response = await fetch(`${gc.api.url}/__emulator/open/${BRIDGE_INTEGRATION}/agent`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ to: { id: INSTAGRAM.igsid, idType: 'Opaque' }, ...body }),
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
			text: 'Sorry! Shall I send a new one?',
			content: [
				{
					contentType: 'QuickReply',
					quickReply: { text: 'Yes', payload: 'RESEND_YES', action: 'Message' },
				},
				{
					contentType: 'QuickReply',
					quickReply: { text: 'No', payload: 'RESEND_NO', action: 'Message' },
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
				what: 'three Instagram sends',
			})
			.catch(async (error) => {
				const runs = await env.executions(OUT.id);
				const why = runs.map((e) => [
					e.status,
					JSON.stringify(e.data?.resultData?.error ?? {}).slice(0, 400),
				]);
				throw new Error(
					`${error.message}: ${JSON.stringify({ sent: sentTo().length - before, runs: why })}`,
				);
			});
		const typing = sends.find((s) => s.body.sender_action === 'typing_on');
		const choices = sends.find((s) => s.body.message?.attachment?.type === 'template');
		const image = sends.find((s) => s.body.message?.attachment?.type === 'image');
		assert.ok(typing, 'typing relayed as a sender action');
		const template = choices.body.message.attachment.payload;
		assert.equal(template.template_type, 'generic');
		const [card] = template.elements;
		assert.equal(card.title, 'Sorry! Shall I send a new one?');
		assert.deepEqual(
			card.buttons.map((q) => [q.type, q.title, q.payload]),
			[
				['postback', 'Yes', `${reply.id}|RESEND_YES`],
				['postback', 'No', `${reply.id}|RESEND_NO`],
			],
		);
		assert.equal(
			image.body.message.attachment.payload.url,
			'https://genesys.example.com/label.png',
		);

		// The customer taps "Yes": a button response to the agent's message.
		const tapMid = `aWdfZAG1_tap_${Date.now()}`;
		await deliver({ postback: { mid: tapMid, title: 'Yes', payload: card.buttons[0].payload } });
		const taps = () =>
			arrivals('structuredResponse').filter((a) => a.body.channel.messageId === tapMid);
		const [tap] = await env.waitFor(() => (taps().length ? taps() : null), {
			what: 'the tap at Genesys',
			timeoutMs: 30_000,
		});
		assert.equal(tap.body.originatingMessageId, reply.id);
		assert.deepEqual(tap.body.buttonResponse, {
			type: 'QuickReply',
			text: 'Yes', // the label the customer tapped (the postback's title)
			payload: 'RESEND_YES',
		});
		assert.equal(tap.body.channel.from.id, INSTAGRAM.igsid);
	});
});
