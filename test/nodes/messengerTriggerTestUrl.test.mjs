// The trigger's de-duplication keeps Test-URL deliveries (n8n runs them in 'manual' mode) apart
// from production ones: a sample replayed on the Test URL emits every event each time, and what a
// test saw never hides a production delivery (nor the other way round).
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadNode, runWebhook } from '../helpers/harness.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	PAGE_ID,
} from '../unit/trigger-payloads.mjs';

const node = loadNode('MessengerTrigger');
const credentials = { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } };
const parameters = { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} };
let hookCounter = 0;
// The same trigger node (one webhook id) answers both its Test URL and its Production URL.
const freshHook = () => ({
	webhookId: `00000000-0000-4000-9000-${String(++hookCounter).padStart(12, '0')}`,
});

const sample = envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.postback])]);

function deliver(mode, hook, body = sample) {
	const raw = Buffer.from(metaJson(body));
	return runWebhook(node, {
		parameters,
		credentials,
		rawBody: raw,
		headers: signatureHeaders(raw, GRAPH.appSecret),
		nodeOverrides: hook,
		mode,
	});
}
const emitted = (run) => (run.result.workflowData?.[0] ?? []).map((item) => item.json.eventType);

describe('Messenger Trigger: Test-URL deliveries and de-duplication', () => {
	it('the same sample sent to the Test URL again emits all its events every time', async () => {
		const hook = freshHook();
		for (let attempt = 1; attempt <= 3; attempt++) {
			const run = await deliver('manual', hook);
			assert.equal(run.res.statusCode, 200);
			assert.deepEqual(emitted(run), ['message', 'postback'], `test delivery ${attempt}`);
		}
	});

	it('events first tried on the Test URL are emitted by the Production URL, and production de-duplicates as before', async () => {
		const hook = freshHook();
		assert.deepEqual(emitted(await deliver('manual', hook)), ['message', 'postback']);
		assert.deepEqual(
			emitted(await deliver('webhook', hook)),
			['message', 'postback'],
			'not hidden by the test',
		);
		const redelivered = await deliver('webhook', hook);
		assert.equal(redelivered.res.statusCode, 200);
		assert.deepEqual(
			redelivered.result,
			{ noWebhookResponse: true },
			'a production redelivery is still dropped',
		);
	});

	it('production memory is not read by a test delivery', async () => {
		const hook = freshHook();
		assert.deepEqual(emitted(await deliver('webhook', hook)), ['message', 'postback']);
		assert.deepEqual(emitted(await deliver('manual', hook)), ['message', 'postback']);
		assert.deepEqual(
			(await deliver('webhook', hook)).result,
			{ noWebhookResponse: true },
			'the test did not reset production memory either',
		);
	});

	it('within one test delivery a repeated event is still emitted once', async () => {
		const twice = envelope('page', [
			entry(PAGE_ID, [pageEvents.message]),
			entry(PAGE_ID, [pageEvents.message]),
		]);
		assert.deepEqual(emitted(await deliver('manual', freshHook(), twice)), ['message']);
		const off = await runWebhook(node, {
			parameters: { ...parameters, options: { deduplicate: false } },
			credentials,
			rawBody: Buffer.from(metaJson(twice)),
			headers: signatureHeaders(Buffer.from(metaJson(twice)), GRAPH.appSecret),
			nodeOverrides: freshHook(),
			mode: 'manual',
		});
		assert.deepEqual(emitted(off), ['message', 'message'], 'Deduplicate off: both');
	});
});
