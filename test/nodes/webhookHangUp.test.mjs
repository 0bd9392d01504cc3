// Both triggers' in-process de-duplication when the sender hangs up before n8n answers (Meta or
// Genesys gave up waiting): n8n's late answer then goes into a closed connection, and behind n8n's
// compression middleware the response never emits 'finish'. If n8n could not register the
// execution (5xx), the events must be forgotten all the same, so that the sender's retry runs the
// workflow once, not never.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { loadNode, runWebhook } from '../helpers/harness.mjs';
import { genesysSignature } from '../emulators/genesys-cloud/openMessagingOutbound.mjs';
import { GENESYS_OPEN_MESSAGING, GRAPH } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	PAGE_ID,
} from '../unit/trigger-payloads.mjs';

/**
 * `nodeType` whose deliveries hang up: the connection closes while the node runs, before n8n
 * answers; n8n's answer (which ends the response, as Express's send does) then emits no 'finish'.
 */
function hangingUp(nodeType) {
	return {
		description: nodeType.description,
		async webhook() {
			const res = this.getResponseObject();
			res.end = (body) => {
				if (body !== undefined) res.body = body;
				res.ended = true;
				return res;
			};
			res.send = (body) => res.end(body);
			const result = await nodeType.webhook.call(this);
			res.destroyed = true;
			res.emit('close');
			return result;
		},
	};
}

/** Delivers until the retry is emitted or 2 s passed (the forgetting follows n8n's answer). */
async function retryUntilEmitted(deliver) {
	for (let waited = 0; waited < 2_000; waited += 100) {
		const run = await deliver();
		const items = run.result?.workflowData?.[0] ?? [];
		if (items.length) return items.length;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return 0;
}

describe('the sender hung up, then n8n could not register the execution (5xx)', () => {
	it("Open Messaging Trigger: Genesys' retry still starts the workflow, once", async () => {
		const node = loadNode('GenesysCloudOpenMessagingTrigger');
		const trigger = { id: randomUUID(), webhookId: randomUUID() };
		const raw = Buffer.from(
			JSON.stringify({
				id: `hang-${randomUUID()}`,
				type: 'Text',
				text: 'are you there?',
				channel: { id: 'integration-1', time: new Date().toISOString() },
			}),
		);
		const deliver = (nodeType, extra = {}) =>
			runWebhook(nodeType, {
				parameters: { types: [], options: {} },
				credentials: {
					genesysCloudOpenMessagingApi: { secretToken: GENESYS_OPEN_MESSAGING.secretToken },
				},
				headers: {
					'content-type': 'application/json',
					'x-hub-signature-256': genesysSignature(raw, GENESYS_OPEN_MESSAGING.secretToken),
				},
				rawBody: raw,
				nodeOverrides: trigger,
				...extra,
			});
		const lost = await deliver(hangingUp(node), { registrationFails: true });
		assert.equal(lost.res.statusCode, 500);
		assert.equal(lost.res.answeredByN8n, true);
		assert.equal(await retryUntilEmitted(() => deliver(node)), 1, 'the retry is emitted');
		const again = await deliver(node);
		assert.equal(again.result?.workflowData, undefined, 'and only once');
	});

	it("Messenger Trigger: Meta's redelivery still starts the workflow, once", async () => {
		const node = loadNode('MessengerTrigger');
		const trigger = { id: randomUUID(), webhookId: randomUUID() };
		const raw = Buffer.from(
			metaJson(envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.postback])])),
		);
		const deliver = (nodeType, extra = {}) =>
			runWebhook(nodeType, {
				parameters: { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} },
				credentials: { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } },
				headers: signatureHeaders(raw, GRAPH.appSecret),
				rawBody: raw,
				nodeOverrides: trigger,
				...extra,
			});
		const lost = await deliver(hangingUp(node), { registrationFails: true });
		assert.equal(lost.res.statusCode, 500);
		assert.equal(await retryUntilEmitted(() => deliver(node)), 2, 'both events are emitted');
		const again = await deliver(node);
		assert.equal(again.result?.workflowData, undefined, 'and only once');
	});

	it('an acknowledged delivery whose sender hung up stays remembered: the retry is dropped', async () => {
		const node = loadNode('GenesysCloudOpenMessagingTrigger');
		const trigger = { id: randomUUID(), webhookId: randomUUID() };
		const raw = Buffer.from(
			JSON.stringify({ id: `ack-${randomUUID()}`, type: 'Text', text: 'hi', channel: { id: 'i' } }),
		);
		const deliver = (nodeType) =>
			runWebhook(nodeType, {
				parameters: { types: [], options: {} },
				credentials: {
					genesysCloudOpenMessagingApi: { secretToken: GENESYS_OPEN_MESSAGING.secretToken },
				},
				headers: {
					'content-type': 'application/json',
					'x-hub-signature-256': genesysSignature(raw, GENESYS_OPEN_MESSAGING.secretToken),
				},
				rawBody: raw,
				nodeOverrides: trigger,
			});
		const first = await deliver(hangingUp(node));
		assert.equal(first.res.statusCode, 200);
		assert.equal(first.result.workflowData[0].length, 1);
		await new Promise((resolve) => setTimeout(resolve, 600));
		assert.equal((await deliver(node)).result?.workflowData, undefined);
	});
});
