// The Genesys Cloud Open Messaging Trigger inside the real n8n: the Genesys Cloud emulator's
// "agent" replies and the emulator delivers the signed outbound notification to the trigger's
// production URL, retried like Genesys. One execution per message, a retried notification runs
// once, a badly signed one gets 401 and starts nothing, and Automatic Setup points the
// integration at n8n on activation and puts its URL back on deactivation. With Deduplication
// Store = Shared (Redis REST) (the emulators' redis-server behind its REST front), a retried
// notification, also two deliveries of it at once, runs once and the store holds hashes only.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env, CREDENTIAL_REFS } from '../env.mjs';
import { GENESYS_OPEN_MESSAGING } from '../../emulators/fixtures.mjs';
import { createIntegration } from '../../emulators/genesys-cloud/model.mjs';
import {
	genesysSignature,
	outboundState,
} from '../../emulators/genesys-cloud/openMessagingOutbound.mjs';
import {
	assertNothingStarted,
	executionCount,
	finishedExecutions,
	triggerOutput,
	triggerWorkflow,
} from '../lib/trigger.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.genesysCloudOpenMessagingTrigger';
const NODE = 'Open Messaging Trigger';
const hook = (n) => `0e3a5c00-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

/** Integration ids the workflows name (the emulator's integrations are re-keyed to them). */
const AUTO_INTEGRATION = '6f5a1c2e-0000-4000-8000-00000000a001';
const FORMER_URL = 'https://former-receiver.example.com/genesys';

function openMessagingWorkflow(
	id,
	webhookId,
	parameters,
	{ publish = true, oauth = false, redis = false } = {},
) {
	return triggerWorkflow({
		id,
		name: `e2e open messaging ${id}`,
		webhookId,
		publish,
		node: {
			name: NODE,
			type: TYPE,
			parameters: { types: [], options: {}, ...parameters },
			credentials: {
				genesysCloudOpenMessagingApi: CREDENTIAL_REFS.genesysCloudOpenMessagingApi,
				...(oauth ? { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api } : {}),
				...(redis ? { redisRestApi: CREDENTIAL_REFS.redisRestApi } : {}),
			},
		},
	});
}

const WF = {
	main: { id: 'mbOpenMsgTrig001', hook: hook(1) },
	auto: { id: 'mbOpenMsgAuto001', hook: hook(2) },
	shared: { id: 'mbOpenMsgRedis01', hook: hook(3) },
};

env.addWorkflows(
	openMessagingWorkflow(WF.main.id, WF.main.hook, {}),
	openMessagingWorkflow(
		WF.auto.id,
		WF.auto.hook,
		{
			autoConfigure: true,
			integrationId: { __rl: true, mode: 'id', value: AUTO_INTEGRATION },
			options: { replaceWebhookUrl: true },
		},
		{ publish: false, oauth: true },
	),
	openMessagingWorkflow(
		WF.shared.id,
		WF.shared.hook,
		{ options: { deduplicationStore: 'redis' } },
		{ redis: true },
	),
);

const productionUrl = (wf) => `${env.url}/webhook/${wf.hook}/webhook`;

/** An Open integration in the emulator, under a fixed id, sending to `url`. */
function openIntegration(state, id, name, url) {
	const entity = createIntegration(state, 'current', 'open', {
		name,
		outboundNotificationWebhookUrl: 'https://example.com/placeholder',
		outboundNotificationWebhookSignatureSecretToken: GENESYS_OPEN_MESSAGING.secretToken,
	});
	const store = state.integrations.get('open');
	store.delete(entity.id);
	entity.id = id;
	// n8n listens on loopback http; the emulator's sender does not insist on https.
	entity.outboundNotificationWebhookUrl = url;
	store.set(id, entity);
	return entity;
}

/** Waits until the workflow has `n` finished executions; returns the trigger output of each, oldest first. */
async function outputs(wf, n) {
	const ordered = await finishedExecutions(wf, n);
	const runs = await Promise.all(ordered.map((e) => env.execution(e.id)));
	return runs.map((run) => triggerOutput(run, NODE));
}

const assertNoNewExecution = (wf, before) => assertNothingStarted(wf, before, 1_000);

describe('e2e: Genesys Cloud Open Messaging Trigger', () => {
	let gc;
	let main;
	/** The agent replies in the integration; returns the emulator's record of the delivery. */
	const agent = async (integration, body) => {
		const response = await fetch(`${gc.api.url}/__emulator/open/${integration.id}/agent`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		assert.equal(response.status, 200);
		return response.json();
	};

	before(() => {
		gc = env.emulators.genesysCloud;
		Object.assign(outboundState(gc.api.state), { retryDelayMs: 200 });
		main = openIntegration(
			gc.api.state,
			'6f5a1c2e-0000-4000-8000-00000000b001',
			'Bridge (e2e)',
			productionUrl(WF.main),
		);
	});

	after(() => {
		gc.api.state.integrations.get('open')?.delete(main.id);
	});

	it('n8n lists the trigger and its credential', async () => {
		const types = await env.rest('/types/nodes.json');
		const trigger = types.find((t) => t.name === TYPE);
		assert.ok(trigger, TYPE);
		assert.ok(trigger.credentials.some((c) => c.name === 'genesysCloudOpenMessagingApi'));
	});

	it("an agent's reply: acknowledged at once, one execution with the normalised item", async () => {
		const before = await executionCount(WF.main);
		const sent = await agent(main, {
			text: 'Hello from the agent 👋',
			to: { id: '24000000000000001', idType: 'Opaque' },
			content: [
				{
					contentType: 'Attachment',
					attachment: {
						mediaType: 'Image',
						url: 'https://api-downloads.mypurecloud.com/api/v2/downloads/e2e',
						mime: 'image/png',
						filename: 'e2e.png',
					},
				},
			],
		});
		const [delivery] = sent.deliveries;
		assert.deepEqual(
			delivery.attempts.map((a) => a.status),
			[200],
		);
		assert.ok(delivery.attempts[0].ms < 5_000, `answered in ${delivery.attempts[0].ms} ms`);
		const runs = await outputs(WF.main, before + 1);
		const [item] = runs.at(-1);
		assert.equal(runs.at(-1).length, 1);
		assert.equal(item.type, 'Text');
		assert.equal(item.text, 'Hello from the agent 👋');
		assert.equal(item.recipientId, '24000000000000001');
		assert.equal(item.integrationId, main.id);
		assert.equal(item.messageId, sent.message.id);
		assert.equal(
			item.attachments[0].url,
			'https://api-downloads.mypurecloud.com/api/v2/downloads/e2e',
		);
		assert.deepEqual(item.message, sent.message);
	});

	it('one execution per message: a typing event and a quick-reply question', async () => {
		const before = await executionCount(WF.main);
		await agent(main, { type: 'Event' });
		await agent(main, {
			type: 'Structured',
			text: 'Proceed?',
			content: [
				{ contentType: 'QuickReply', quickReply: { text: 'Yes', payload: 'Y', action: 'Message' } },
			],
		});
		const runs = await outputs(WF.main, before + 2);
		const last = runs.slice(-2).map((items) => items.map((i) => [i.type, i.eventType]));
		assert.deepEqual(last.flat(), [
			['Event', 'Typing'],
			['Structured', null],
		]);
		assert.deepEqual(runs.at(-1)[0].quickReplies, [{ text: 'Yes', payload: 'Y' }]);
	});

	it('a notification Genesys sends again runs the workflow once', async () => {
		const before = await executionCount(WF.main);
		const sent = await agent(main, { text: 'sent three times', times: 3 });
		assert.deepEqual(
			sent.deliveries.map((d) => d.attempts.at(-1).status),
			[200, 200, 200],
		);
		await outputs(WF.main, before + 1);
		await assertNoNewExecution(WF.main, before + 1);
	});

	it('a badly signed notification (hex, another secret, none) gets 401 and starts nothing', async () => {
		const before = await executionCount(WF.main);
		for (const signature of ['hex', 'wrong', 'none']) {
			const sent = await agent(main, { text: 'forged', signature });
			assert.deepEqual(
				sent.deliveries[0].attempts.map((a) => a.status),
				[401],
				signature,
			);
		}
		await assertNoNewExecution(WF.main, before);
	});

	it('Automatic Setup: activation points the integration at n8n, deactivation puts the URL back', async () => {
		const integration = openIntegration(gc.api.state, AUTO_INTEGRATION, 'Auto (e2e)', FORMER_URL);
		integration.outboundNotificationWebhookSignatureSecretToken = 'the-former-secret-000';
		try {
			await env.activate(WF.auto.id);
			await env.publication(WF.auto.id);
			await env.waitFor(() => integration.outboundNotificationWebhookUrl !== FORMER_URL, {
				what: 'the integration to be set up',
			});
			assert.equal(integration.outboundNotificationWebhookUrl, productionUrl(WF.auto));
			assert.equal(
				integration.outboundNotificationWebhookSignatureSecretToken,
				GENESYS_OPEN_MESSAGING.secretToken,
			);
			// The integration now delivers to the activated trigger.
			const sent = await agent(integration, { text: 'after Automatic Setup' });
			assert.equal(sent.deliveries[0].attempts.at(-1).status, 200);
			const runs = await outputs(WF.auto, 1);
			assert.equal(runs[0][0].text, 'after Automatic Setup');
			await env.deactivate(WF.auto.id);
			await env.waitFor(() => integration.outboundNotificationWebhookUrl === FORMER_URL, {
				what: 'the former URL to be put back',
			});
		} finally {
			await env.deactivate(WF.auto.id).catch(() => {});
			gc.api.state.integrations.get('open')?.delete(AUTO_INTEGRATION);
		}
	});

	describe('Deduplication Store = Shared (Redis REST)', () => {
		let shared;
		before(() => {
			shared = openIntegration(
				gc.api.state,
				'6f5a1c2e-0000-4000-8000-00000000c001',
				'Bridge, shared store (e2e)',
				productionUrl(WF.shared),
			);
		});
		after(() => {
			gc.api.state.integrations.get('open')?.delete(shared.id);
		});

		it('a notification Genesys sends again runs once; the store holds hashes only', async (t) => {
			const redis = env.emulators.redisRest;
			if (!redis) return t.skip('redis-server is not installed');
			const before = await executionCount(WF.shared);
			const commandsBefore = redis.commands.length;
			const sent = await agent(shared, { text: 'private words, sent three times', times: 3 });
			assert.deepEqual(
				sent.deliveries.map((d) => d.attempts.at(-1).status),
				[200, 200, 200],
			);
			const runs = await outputs(WF.shared, before + 1);
			assert.equal(runs.at(-1)[0].text, 'private words, sent three times');
			await assertNoNewExecution(WF.shared, before + 1);
			const stored = JSON.stringify(redis.commands.slice(commandsBefore));
			assert.match(stored, /"NX"/, 'the trigger claimed in Redis');
			assert.match(stored, /"done"/, 'and marked done after n8n acknowledged');
			for (const secret of [sent.message.id, 'private words', '24000000000000001'])
				assert.ok(!stored.includes(secret), `${secret} must not reach the store`);
		});

		it('two deliveries of one notification at once: one execution, the other 200 or 429', async (t) => {
			if (!env.emulators.redisRest) return t.skip('redis-server is not installed');
			const before = await executionCount(WF.shared);
			const raw = Buffer.from(
				JSON.stringify({
					id: `e2e-twice-${Date.now()}`,
					channel: {
						id: shared.id,
						platform: 'Open',
						type: 'Private',
						to: { id: '24000000000000001', idType: 'Opaque' },
						time: new Date().toISOString(),
					},
					type: 'Text',
					text: 'both at once',
					direction: 'Outbound',
				}),
			);
			const post = () =>
				fetch(productionUrl(WF.shared), {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'x-hub-signature-256': genesysSignature(raw, GENESYS_OPEN_MESSAGING.secretToken),
					},
					body: raw,
				});
			const answers = await Promise.all([post(), post(), post()]);
			const statuses = answers.map((a) => a.status).sort();
			assert.equal(statuses[0], 200, statuses.join());
			assert.ok(
				statuses.every((s) => s === 200 || s === 429),
				statuses.join(),
			);
			await outputs(WF.shared, before + 1);
			await assertNoNewExecution(WF.shared, before + 1);
			// Genesys' retry after the 429 is acknowledged and dropped.
			assert.equal((await post()).status, 200);
			await assertNoNewExecution(WF.shared, before + 1);
		});
	});
});
