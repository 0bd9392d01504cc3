// The customer information (Structured Information) and instant form templates, and the coupon's
// Limited Time Offer (expire_time), through the Facebook Messenger node's real execute() against
// the Graph emulator over loopback: the body sent, each limit refused before any call, the same
// checks in JSON mode, the emulator refusing what Meta refuses, and the Instagram Login route
// refusing both templates with the reason.
// @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/structured-information-template
// @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/instant-form-template
// @see https://developers.facebook.com/documentation/business-messaging/messenger-platform/marketing-messages-on-messenger/api-reference/coupon
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadNode, runExecute, graphCredentials, workflow } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { SEND_KINDS } from '../emulators/graph/messaging.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';

const { NodeOperationError } = workflow;
const node = loadNode('FacebookMessenger');
let graph;

const run = (parameters) =>
	runExecute(node, { parameters, credentials: graphCredentials(graph.url) });
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const template = (templateType, parameters = {}) => ({
	resource: 'message',
	operation: 'sendTemplate',
	recipientId: GRAPH.psid,
	inputMode: 'fields',
	templateType,
	...parameters,
});
const customerInformation = (parameters = {}) =>
	template('customer_information', {
		customerInfoPrivacyUrl: 'https://shop.example.com/privacy',
		...parameters,
	});
const instantForm = (parameters = {}) =>
	template('instant_form', { instantFormId: SEND_KINDS.instantFormId, ...parameters });
const sends = () =>
	graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages'));
const lastPayload = () => graph.state.sent.at(-1).message.attachment.payload;

async function refusedBeforeCall(parameters, pattern) {
	const { error } = await run(parameters);
	assert.ok(error instanceof NodeOperationError, String(error));
	assert.match(error.message, pattern);
	assert.equal(sends().length, 0, 'a refused send must cost no call');
}

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.clearRequests();
	graph.clearFaults();
	graph.state.sent.length = 0;
});

describe('customer information template', () => {
	it("the privacy URL and Meta's default expiry of 1 day; no countries leaves Meta's default", async () => {
		const [row] = json(await run(customerInformation()));
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(lastPayload(), {
			template_type: 'customer_information',
			business_privacy: { url: 'https://shop.example.com/privacy' },
			expires_in_days: 1,
		});
	});
	it('countries are sent as a list of codes in capitals, with the days chosen', async () => {
		json(
			await run(
				customerInformation({ customerInfoCountries: 'us, ca ,', customerInfoExpiresInDays: 7 }),
			),
		);
		assert.deepEqual(lastPayload().countries, ['US', 'CA']);
		assert.equal(lastPayload().expires_in_days, 7);
	});
	it('no privacy URL is refused before any call', async () => {
		await refusedBeforeCall(
			customerInformation({ customerInfoPrivacyUrl: ' ' }),
			/no privacy policy URL \(business_privacy\.url\)/,
		);
	});
	it('8 days is refused before any call', async () => {
		await refusedBeforeCall(
			customerInformation({ customerInfoExpiresInDays: 8 }),
			/Expires In Days is 8: the customer information form stays open 1 to 7 days/,
		);
	});
	it('a country that is not a two-letter code is refused before any call', async () => {
		await refusedBeforeCall(
			customerInformation({ customerInfoCountries: 'US, USA' }),
			/Country "USA" is not a two-letter ISO 3166 country code/,
		);
	});
	it('the same checks apply to the template given as JSON', async () => {
		await refusedBeforeCall(
			customerInformation({
				inputMode: 'json',
				templateJson: JSON.stringify({
					template_type: 'customer_information',
					business_privacy: { url: 'https://e.x/privacy' },
					countries: ['us'],
				}),
			}),
			/Country "us" is not a two-letter ISO 3166 country code in capitals/,
		);
	});
	it("JSON mode passes Meta's other properties through (e.g. contact overrides)", async () => {
		const payload = {
			template_type: 'customer_information',
			countries: ['US'],
			business_privacy: { url: 'https://e.x/privacy' },
			expires_in_days: 2,
			contact_overrides: [{ phone: { required: true } }],
		};
		json(
			await run(customerInformation({ inputMode: 'json', templateJson: JSON.stringify(payload) })),
		);
		assert.deepEqual(lastPayload(), payload);
	});
});

describe('instant form template', () => {
	it('the form ID is sent', async () => {
		const [row] = json(await run(instantForm()));
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(lastPayload(), {
			template_type: 'instant_form',
			form_id: SEND_KINDS.instantFormId,
		});
	});
	it('no form ID is refused before any call', async () => {
		await refusedBeforeCall(instantForm({ instantFormId: '' }), /no Form ID \(form_id\)/);
	});
	it('a form ID that is not a number is refused before any call', async () => {
		await refusedBeforeCall(
			instantForm({ instantFormId: 'my-form' }),
			/Form ID "my-form" is not valid/,
		);
	});
	it('the same check applies to the template given as JSON', async () => {
		await refusedBeforeCall(
			instantForm({ inputMode: 'json', templateJson: '{"template_type":"instant_form"}' }),
			/no Form ID \(form_id\)/,
		);
	});
	it("a form that is not eligible fails with Meta's error 2018382, said plainly", async () => {
		const { error } = await run(instantForm({ instantFormId: '3300000000000999' }));
		assert.ok(error instanceof workflow.NodeApiError, String(error));
		assert.match(error.message, /form is not inthread eligible/);
		assert.match(error.description, /subcode 2018382/);
		assert.equal(sends().length, 1);
	});
});

describe('coupon expire time (Limited Time Offer)', () => {
	const coupon = (parameters = {}) =>
		template('coupon', { couponTitle: '10% off', couponCode: 'TEN', ...parameters });
	it('is sent as expire_time', async () => {
		json(await run(coupon({ couponExpireTime: '2026-12-31 23:59:59' })));
		assert.equal(lastPayload().expire_time, '2026-12-31 23:59:59');
	});
	it('empty sends no expire_time', async () => {
		json(await run(coupon()));
		assert.equal('expire_time' in lastPayload(), false);
	});
	it('another form is refused before any call', async () => {
		await refusedBeforeCall(
			coupon({ couponExpireTime: '31/12/2026' }),
			/Coupon expire time "31\/12\/2026" is not in Meta's form YYYY-MM-DD HH:MM:SS/,
		);
	});
});

describe('the Instagram Login route', () => {
	for (const [type, parameters] of [
		['customer_information', customerInformation()],
		['instant_form', instantForm()],
	]) {
		it(`refuses ${type} with the reason (Instagram takes the generic template)`, async () => {
			const { error } = await runExecute(node, {
				parameters: {
					authentication: 'instagramLogin',
					...parameters,
					recipientId: '6100000000000001',
				},
				credentials: graphCredentials(graph.url),
			});
			assert.ok(error instanceof NodeOperationError, String(error));
			assert.match(
				error.message,
				new RegExp(`"${type}" is not available on the Instagram Login route`),
			);
			assert.equal(graph.requests.filter((r) => r.method === 'POST').length, 0);
		});
	}
});

describe("the emulator validates these bodies as Meta's Send API does", () => {
	const raw = async (payload) => {
		const response = await fetch(`${graph.url}/v27.0/${GRAPH.pageId}/messages`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${GRAPH.pageAccessToken}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({
				recipient: { id: GRAPH.psid },
				messaging_type: 'RESPONSE',
				message: { attachment: { type: 'template', payload } },
			}),
		});
		return { status: response.status, error: (await response.json()).error };
	};
	const privacy = { url: 'https://e.x/privacy' };
	const cases = [
		[
			'a customer information template without a privacy URL',
			{ template_type: 'customer_information' },
			100,
			/\[business_privacy\]\[url\] is required/,
		],
		[
			'expires_in_days of 8',
			{ template_type: 'customer_information', business_privacy: privacy, expires_in_days: 8 },
			100,
			/\[expires_in_days\] must be between 1 and 7/,
		],
		[
			'a country name instead of a code',
			{ template_type: 'customer_information', business_privacy: privacy, countries: ['Canada'] },
			100,
			/\[countries\] must contain ISO 3166-1 alpha-2/,
		],
		[
			'an instant form without form_id',
			{ template_type: 'instant_form' },
			100,
			/\[form_id\] is required/,
		],
		[
			'an instant form that is not eligible',
			{ template_type: 'instant_form', form_id: '42' },
			1,
			/not inthread eligible/,
		],
		[
			'a coupon expire_time in another form',
			{
				template_type: 'coupon',
				title: 'T',
				coupon_code: 'X',
				expire_time: '2026-12-31T23:59:59Z',
			},
			100,
			/\[expire_time\] must be a date and time/,
		],
	];
	for (const [name, payload, code, pattern] of cases) {
		it(`refuses ${name} with error ${code}`, async () => {
			const { status, error } = await raw(payload);
			assert.equal(status, 400);
			assert.equal(error.code, code);
			if (code === 1) assert.equal(error.error_subcode, 2018382);
			assert.match(error.message, pattern);
		});
	}
	it('takes the documented customer information and instant form bodies', async () => {
		for (const payload of [
			{
				template_type: 'customer_information',
				countries: ['US'],
				business_privacy: privacy,
				expires_in_days: 1,
			},
			{ template_type: 'instant_form', form_id: SEND_KINDS.instantFormId },
		])
			assert.equal((await raw(payload)).status, 200, JSON.stringify(payload));
	});
});
