// The Messenger Trigger's event kinds of late 2026 inside the real n8n (Calling, game plays,
// carts, feedback, checkbox opt-ins, coupon reveals, customer information and lead forms,
// Instagram comments, App Dashboard test samples), and a
// refused delivery while the editor listens for a test event: n8n's Test URL, reached after
// "run workflow" from the trigger (POST /rest/workflows/:id/run), gets a badly signed delivery,
// answers 401 as in production, and the execution that ends the wait holds one item saying why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env, CREDENTIAL_REFS } from '../env.mjs';
import { GRAPH, SECRET_VALUES } from '../../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	entryEvents,
	PAGE_ID,
	IG_ID,
} from '../../unit/trigger-payloads.mjs';
import {
	MESSENGER_TRIGGER,
	messengerTriggerWorkflow,
	nthExecution,
	postSigned,
	triggerOutput,
} from '../lib/trigger.mjs';

const hook = (n) => `7a1e0c11-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

const triggerWorkflow = (id, webhookId, parameters, { publish = true } = {}) =>
	messengerTriggerWorkflow({
		id,
		name: `e2e trigger events ${id}`,
		webhookId,
		typeVersion: 1.1,
		parameters,
		credentials: { facebookAppApi: CREDENTIAL_REFS.facebookAppApi },
		publish,
	});

const WF = {
	page: { id: 'mbTrigEvKinds001', hook: hook(1) },
	instagram: { id: 'mbTrigEvKindsIg1', hook: hook(2) },
	listen: { id: 'mbTrigEvListen01', hook: hook(3) },
	forms: { id: 'mbTrigEvForms001', hook: hook(4) },
};
env.addWorkflows(
	triggerWorkflow(WF.page.id, WF.page.hook, {}),
	triggerWorkflow(WF.instagram.id, WF.instagram.hook, { object: 'instagram' }),
	// Never published: only the editor's test listening reaches it.
	triggerWorkflow(WF.listen.id, WF.listen.hook, {}, { publish: false }),
	triggerWorkflow(WF.forms.id, WF.forms.hook, {
		events: ['coupon', 'customerInformation', 'leadFormSubmit'],
	}),
);

function signed(body, secret = GRAPH.appSecret, { sha256 = true } = {}) {
	const raw = typeof body === 'string' ? body : metaJson(body);
	return {
		raw,
		headers: {
			...signatureHeaders(Buffer.from(raw), secret, { sha256 }),
			'content-type': 'application/json',
		},
	};
}

async function outputs(wf, n = 1) {
	const execution = await nthExecution(wf, n);
	return { execution, items: triggerOutput(execution) };
}

/** "Listen for test event" on the trigger, as the editor asks n8n for it. */
async function listen(wf) {
	const answer = await env.rest(`/rest/workflows/${wf.id}/run`, {
		method: 'POST',
		body: { triggerToStartFrom: { name: MESSENGER_TRIGGER } },
	});
	assert.equal(answer.waitingForWebhook, true, 'n8n waits for a test event');
}

async function postTest(wf, { raw, headers }) {
	const response = await env.fetch(`${env.url}/webhook-test/${wf.hook}/webhook`, {
		method: 'POST',
		headers,
		body: raw,
	});
	return { status: response.status, text: await response.text() };
}

describe('e2e: Messenger Trigger event kinds', () => {
	it('Calling, game play, cart, response feedback, checkbox opt-in and a dashboard sample: one item each', async () => {
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
		const r = await postSigned(WF.page, body);
		assert.equal(r.status, 200);
		const { items } = await outputs(WF.page);
		assert.deepEqual(
			items.map((i) => i.eventType),
			['gamePlay', 'order', 'responseFeedback', 'optin', 'call', 'callPermission', 'test'],
		);
		assert.equal(items[3].userRef, 'ur-checkbox-7');
		assert.equal(items[3].ref, 'checkout-page');
		assert.equal(items[4].callId, 'c_AbCdEf0123456789');
		assert.equal(items[5].entryId, PAGE_ID);
		assert.equal(items[6].field, 'messages');
		assert.equal(items[6].sampleEventType, 'message');
	});
	it('coupon, customer information and lead form: their own types, selected in Events, key fields on the item', async () => {
		const body = envelope('page', [
			entry(PAGE_ID, [
				pageEvents.message,
				pageEvents.coupon,
				pageEvents.customerInformation,
				pageEvents.leadFormSubmit,
			]),
		]);
		const r = await postSigned(WF.forms, body);
		assert.equal(r.status, 200);
		const { items } = await outputs(WF.forms);
		assert.deepEqual(
			items.map((i) => i.eventType),
			['coupon', 'customerInformation', 'leadFormSubmit'],
		);
		assert.equal(items[0].couponCode, '10PERCENT');
		assert.equal(items[1].responses.address_line_1, 'Hauptstraße 1');
		assert.equal(items[2].formId, '9100000000000001');
	});
	it('Instagram: a comment is a change, the dashboard comments sample a test item', async () => {
		const body = envelope('instagram', [
			entryEvents.dashboardCommentsSample,
			entryEvents.igComment,
		]);
		const r = await postSigned(WF.instagram, body);
		assert.equal(r.status, 200);
		const { items } = await outputs(WF.instagram);
		assert.deepEqual(
			items.map((i) => [i.eventType, i.field, i.entryId]),
			[
				['test', 'comments', '0'],
				['change', 'comments', IG_ID],
			],
		);
	});
});

describe('e2e: a refused delivery while the editor listens for a test event', () => {
	const body = envelope('page', [entry(PAGE_ID, [pageEvents.message])]);
	it('a badly signed delivery: 401 to the sender, and one execution with one item saying why', async () => {
		await listen(WF.listen);
		const bad = signed(body, 'the-secret-of-another-app');
		const r = await postTest(WF.listen, bad);
		assert.equal(r.status, 401);
		assert.equal(r.text, 'Invalid signature');
		const { execution, items } = await outputs(WF.listen, 1);
		assert.equal(execution.mode, 'manual');
		assert.equal(items.length, 1);
		assert.equal(items[0].eventType, 'refused');
		assert.equal(items[0].reason, 'signatureMismatch');
		assert.equal(items[0].header, 'X-Hub-Signature-256');
		const stored = JSON.stringify(execution.data);
		for (const secret of SECRET_VALUES) assert.ok(!stored.includes(secret), 'no secret');
		assert.ok(!stored.includes(pageEvents.message.message.text), 'no payload');
		assert.ok(!stored.includes(bad.headers['x-hub-signature-256'].slice(7, 27)), 'no signature');
		// The wait has ended: the Test URL is gone until the next "Listen for test event".
		const again = await postTest(WF.listen, signed(body));
		assert.equal(again.status, 404);
	});
	it('a delivery for another object: 400 to the sender, the item names both objects', async () => {
		await listen(WF.listen);
		const r = await postTest(WF.listen, signed(envelope('instagram', [entry(IG_ID, [])])));
		assert.equal(r.status, 400);
		const { items } = await outputs(WF.listen, 2);
		assert.deepEqual(
			items.map((i) => [i.eventType, i.reason, i.header]),
			[['refused', 'wrongObject', null]],
		);
		assert.match(items[0].message, /"instagram".*"page"/);
	});
	it('the legacy header alone is named when it is the one that failed', async () => {
		await listen(WF.listen);
		const r = await postTest(WF.listen, signed(body, 'another-secret', { sha256: false }));
		assert.equal(r.status, 401);
		const { items } = await outputs(WF.listen, 3);
		assert.equal(items[0].header, 'X-Hub-Signature');
	});
});
