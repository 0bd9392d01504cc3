// The trigger's real webhook() (harness, n8n-core's WebhookContext) on the event kinds that fell
// to `other` before: a coupon's code revealed, a structured information (customer information)
// form and an instant form submitted in the thread. Each gets its own eventType with its key
// fields on the item, the Events filter selects it, and Auto Subscribe asks for its field.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { loadNode, runWebhook } from '../helpers/harness.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	PAGE_ID,
	PSID,
} from '../unit/trigger-payloads.mjs';

const node = loadNode('MessengerTrigger');
const { pageFields } = createRequire(import.meta.url)(
	'../../dist/nodes/MessengerTrigger/subscriptionFields.js',
);
const credentials = { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } };
const parameters = { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} };
let counter = 0;

async function post(body, params = parameters) {
	const raw = Buffer.from(metaJson(body));
	return runWebhook(node, {
		parameters: params,
		credentials,
		method: 'POST',
		rawBody: raw,
		headers: signatureHeaders(raw, GRAPH.appSecret),
		nodeOverrides: { webhookId: `00000000-0000-4000-9100-${String(++counter).padStart(12, '0')}` },
	});
}
const items = (run) => (run.result.workflowData?.[0] ?? []).map((i) => i.json);
const delivery = () =>
	envelope('page', [
		entry(PAGE_ID, [
			pageEvents.message,
			pageEvents.coupon,
			pageEvents.customerInformation,
			pageEvents.leadFormSubmit,
		]),
	]);

describe('Messenger Trigger: coupon, customer information and lead form events', () => {
	it('each gets its eventType and its key fields, none is other', async () => {
		const run = await post(delivery());
		assert.equal(run.res.statusCode, 200);
		const [, coupon, info, lead] = items(run);
		assert.equal(coupon.eventType, 'coupon');
		assert.equal(coupon.couponCode, '10PERCENT');
		assert.equal(coupon.payload, 'summer-2026');
		assert.equal(coupon.senderId, PSID);
		assert.equal(info.eventType, 'customerInformation');
		assert.deepEqual(info.responses, {
			name: 'Zoë Müller',
			address_line_1: 'Hauptstraße 1',
			zipcode: '10115',
			country: 'DE',
		});
		assert.equal(lead.eventType, 'leadFormSubmit');
		assert.equal(lead.formId, '9100000000000001');
		assert.equal(lead.leadgenId, '9200000000000001');
		assert.deepEqual(
			lead.event.messaging_in_thread_lead_form_submit,
			pageEvents.leadFormSubmit.messaging_in_thread_lead_form_submit,
			'the event stays as Meta sent it',
		);
	});
	it("an instant form submission in the shape of Meta's template page (`form: { id }`) is a leadFormSubmit with its formId", async () => {
		const submitted = {
			sender: { id: PSID },
			recipient: { id: PAGE_ID },
			timestamp: 1763719300000,
			form: { id: '9100000000000002' },
		};
		const [lead] = items(await post(envelope('page', [entry(PAGE_ID, [submitted])])));
		assert.equal(lead.eventType, 'leadFormSubmit');
		assert.equal(lead.formId, '9100000000000002');
		assert.equal(lead.senderId, PSID);
		assert.deepEqual(lead.event.form, submitted.form, 'the event stays as Meta sent it');
	});
	it('the Events filter selects them by their names', async () => {
		const run = await post(delivery(), {
			...parameters,
			events: ['leadFormSubmit', 'customerInformation'],
		});
		assert.deepEqual(
			items(run).map((i) => i.eventType),
			['customerInformation', 'leadFormSubmit'],
		);
		const onlyCoupon = await post(delivery(), { ...parameters, events: ['coupon'] });
		assert.deepEqual(
			items(onlyCoupon).map((i) => i.eventType),
			['coupon'],
		);
	});
	it("the node's Events option offers them", () => {
		const events = node.description.properties.find((p) => p.name === 'events');
		const values = events.options.map((o) => o.value);
		for (const value of ['coupon', 'customerInformation', 'leadFormSubmit'])
			assert.ok(values.includes(value), value);
	});
	it('Auto Subscribe asks for their fields when they are selected', () => {
		const opts = (events) => ({ events, includeEchoes: false, includeStandby: false });
		assert.deepEqual(pageFields('page', opts(['customerInformation', 'leadFormSubmit'])), [
			'messaging_customer_information',
			'messaging_in_thread_lead_form_submit',
		]);
		assert.deepEqual(pageFields('page', opts(['coupon'])), ['messages']);
	});
	it("an App Dashboard sample of these fields is a test, with the sampled event's type", async () => {
		const sample = (field, value) => ({
			id: '0',
			time: 1763719200,
			changes: [{ field, value }],
		});
		const body = envelope('page', [
			sample('messaging_customer_information', pageEvents.customerInformation),
			sample('messaging_in_thread_lead_form_submit', pageEvents.leadFormSubmit),
		]);
		const out = items(await post(body));
		assert.deepEqual(
			out.map((i) => [i.eventType, i.sampleEventType]),
			[
				['test', 'customerInformation'],
				['test', 'leadFormSubmit'],
			],
		);
	});
});
