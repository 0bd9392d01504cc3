// The trigger's real webhook() (harness, n8n-core's WebhookContext): the new event kinds of a
// signed delivery, and refused deliveries on the Test URL (manual mode: one item saying why, the
// answer to the sender unchanged) versus the Production URL (nothing started).
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadNode, runWebhook } from '../helpers/harness.mjs';
import { GRAPH, SECRET_VALUES } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	entryEvents,
	PAGE_ID,
	IG_ID,
} from '../unit/trigger-payloads.mjs';

const node = loadNode('MessengerTrigger');
const credentials = { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } };
const parameters = { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} };
let counter = 0;
const freshHook = () => ({
	webhookId: `00000000-0000-4000-9000-${String(++counter).padStart(12, '0')}`,
});

async function post(body, { params = parameters, headers, mode = 'webhook' } = {}) {
	const raw = Buffer.from(typeof body === 'string' ? body : metaJson(body));
	return runWebhook(node, {
		parameters: params,
		credentials,
		method: 'POST',
		rawBody: raw,
		headers: headers ?? signatureHeaders(raw, GRAPH.appSecret),
		nodeOverrides: freshHook(),
		mode,
	});
}
const items = (run) => (run.result.workflowData?.[0] ?? []).map((i) => i.json);

describe('Messenger Trigger: new event kinds through webhook()', () => {
	it('one delivery with Calling, feedback, cart, game, checkbox opt-in and a dashboard sample', async () => {
		const body = envelope('page', [
			entry(PAGE_ID, [
				pageEvents.gamePlay,
				pageEvents.order,
				pageEvents.responseFeedback,
				pageEvents.checkboxOptin,
			]),
			entryEvents.callConnect,
			entryEvents.callPermissionReply,
			entryEvents.dashboardMessagesSample,
		]);
		const run = await post(body);
		assert.equal(run.res.statusCode, 200);
		const out = items(run);
		assert.deepEqual(
			out.map((i) => i.eventType),
			['gamePlay', 'order', 'responseFeedback', 'optin', 'call', 'callPermission', 'test'],
		);
		assert.equal(out[3].userRef, 'ur-checkbox-7');
		assert.equal(out[4].callEvent, 'connect');
		assert.equal(out[6].sampleEventType, 'message');
	});
	it('selected events: only Calling', async () => {
		const body = envelope('page', [
			entry(PAGE_ID, [pageEvents.message]),
			entryEvents.callConnect,
			entryEvents.callTerminate,
		]);
		const run = await post(body, { params: { ...parameters, events: ['call'] } });
		assert.deepEqual(
			items(run).map((i) => i.callEvent),
			['connect', 'terminate'],
		);
	});
	it('an Instagram comment and the dashboard comments sample', async () => {
		const body = envelope('instagram', [
			entryEvents.dashboardCommentsSample,
			entryEvents.igComment,
		]);
		const run = await post(body, { params: { ...parameters, object: 'instagram' } });
		const out = items(run);
		assert.deepEqual(
			out.map((i) => [i.eventType, i.field, i.entryId]),
			[
				['test', 'comments', '0'],
				['change', 'comments', IG_ID],
			],
		);
	});
});

describe('Messenger Trigger: refused deliveries while the editor listens (Test URL)', () => {
	const body = envelope('page', [entry(PAGE_ID, [pageEvents.message])]);
	const raw = Buffer.from(metaJson(body));
	const good = signatureHeaders(raw, GRAPH.appSecret);
	const badlySigned = signatureHeaders(raw, 'the-secret-of-another-app');
	const assertClean = (run) => {
		const said = JSON.stringify(run.result) + String(run.res.body);
		for (const secret of SECRET_VALUES) assert.ok(!said.includes(secret), 'no secret');
		assert.ok(!said.includes(good['x-hub-signature-256'].slice(7, 27)), 'no expected digest');
		assert.ok(
			!said.includes(badlySigned['x-hub-signature-256'].slice(7, 27)),
			'no received digest',
		);
		assert.ok(!said.includes('Grüße'), 'no payload');
		assert.ok(!said.includes('m_text1'), 'no payload');
	};
	it('wrong signature: the sender still gets 401, the editor gets one item naming the header', async () => {
		const run = await post(raw.toString(), { headers: badlySigned, mode: 'manual' });
		assert.equal(run.res.statusCode, 401);
		assert.equal(run.res.body, 'Invalid signature');
		assert.equal(run.result.noWebhookResponse, true);
		const out = items(run);
		assert.equal(out.length, 1);
		assert.equal(out[0].eventType, 'refused');
		assert.equal(out[0].reason, 'signatureMismatch');
		assert.equal(out[0].header, 'X-Hub-Signature-256');
		assert.equal(out[0].status, 401);
		assertClean(run);
	});
	it('legacy header only, and no signature at all', async () => {
		const sha1 = signatureHeaders(raw, 'the-secret-of-another-app', { sha256: false });
		const legacy = await post(raw.toString(), { headers: sha1, mode: 'manual' });
		assert.equal(items(legacy)[0].header, 'X-Hub-Signature');
		assertClean(legacy);
		const none = await post(raw.toString(), {
			headers: { 'content-type': 'application/json' },
			mode: 'manual',
		});
		assert.equal(none.res.statusCode, 401);
		assert.equal(items(none)[0].reason, 'signatureMissing');
	});
	it('wrong object and unparsable body: 400 to the sender, one item to the editor', async () => {
		const ig = await post(envelope('instagram', [entry(IG_ID, [])]), { mode: 'manual' });
		assert.equal(ig.res.statusCode, 400);
		assert.equal(items(ig)[0].reason, 'wrongObject');
		assert.match(items(ig)[0].message, /"instagram"/);
		// As text/plain: n8n itself answers 422 to unparsable application/json before the node runs.
		const bytes = Buffer.from('Grüße m_text1, not JSON');
		const headers = { ...signatureHeaders(bytes, GRAPH.appSecret), 'content-type': 'text/plain' };
		const text = await post(bytes.toString(), { headers, mode: 'manual' });
		assert.equal(text.res.statusCode, 400);
		assert.deepEqual(
			items(text).map((i) => i.reason),
			['notJson'],
		);
		assertClean(text);
	});
	it('production is unchanged: the same refusals start nothing', async () => {
		for (const [payload, headers, status] of [
			[raw.toString(), badlySigned, 401],
			[envelope('instagram', [entry(IG_ID, [])]), undefined, 400],
			['not JSON', undefined, 400],
		]) {
			const run = await post(payload, { headers, mode: 'webhook' });
			assert.equal(run.res.statusCode, status);
			assert.deepEqual(run.result, { noWebhookResponse: true });
		}
	});
	it('an accepted test delivery is emitted as before, with no refusal item', async () => {
		const run = await post(raw.toString(), { headers: good, mode: 'manual' });
		assert.deepEqual(
			items(run).map((i) => i.eventType),
			['message'],
		);
	});
});
