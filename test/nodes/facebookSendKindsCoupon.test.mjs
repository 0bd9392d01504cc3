// The coupon template (and the customer feedback template's CES score option) through the
// Facebook Messenger node's real execute() against the Graph emulator over loopback: the body
// sent, each limit refused before any call, the emulator refusing what Meta refuses, and the
// Instagram Login route refusing the template with the reason.
// @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/coupon
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadNode, runExecute, graphCredentials, workflow } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
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
const coupon = (parameters = {}) => ({
	resource: 'message',
	operation: 'sendTemplate',
	recipientId: GRAPH.psid,
	inputMode: 'fields',
	templateType: 'coupon',
	couponTitle: '10% off everything',
	couponCode: '10PERCENT',
	...parameters,
});
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

describe('coupon template', () => {
	it('a basic coupon: title and code', async () => {
		const [row] = json(await run(coupon()));
		assert.match(row.messageId, /^m_/);
		assert.deepEqual(lastPayload(), {
			template_type: 'coupon',
			title: '10% off everything',
			coupon_code: '10PERCENT',
		});
	});
	it('every property Meta lists', async () => {
		json(
			await run(
				coupon({
					couponSubtitle: 'Limit 1 per customer',
					couponUrl: 'https://shop.example.com/',
					couponUrlButtonTitle: 'Shop now',
					couponPreMessage: "Here's a deal just for you!",
					couponImageUrl: 'https://shop.example.com/sale.png',
					couponPayload: 'summer-2026',
				}),
			),
		);
		assert.deepEqual(lastPayload(), {
			template_type: 'coupon',
			title: '10% off everything',
			subtitle: 'Limit 1 per customer',
			coupon_code: '10PERCENT',
			coupon_url: 'https://shop.example.com/',
			coupon_url_button_title: 'Shop now',
			coupon_pre_message: "Here's a deal just for you!",
			image_url: 'https://shop.example.com/sale.png',
			payload: 'summer-2026',
		});
	});
	it('a coupon URL without a code', async () => {
		json(await run(coupon({ couponCode: '', couponUrl: 'https://shop.example.com/c/10' })));
		assert.equal(lastPayload().coupon_code, undefined);
		assert.equal(lastPayload().coupon_url, 'https://shop.example.com/c/10');
	});
	it('no title is refused before any call', async () => {
		await refusedBeforeCall(coupon({ couponTitle: ' ' }), /no Coupon Title \(title\)/);
	});
	it('an 81-character title is refused before any call', async () => {
		await refusedBeforeCall(
			coupon({ couponTitle: 'x'.repeat(81) }),
			/coupon title is 81 characters; at most 80/,
		);
	});
	it('an 81-character subtitle is refused before any call', async () => {
		await refusedBeforeCall(
			coupon({ couponSubtitle: 'ü'.repeat(81) }),
			/coupon subtitle is 81 characters; at most 80/,
		);
	});
	it('neither code nor URL is refused before any call', async () => {
		await refusedBeforeCall(
			coupon({ couponCode: '' }),
			/neither a Coupon Code \(coupon_code\) nor a Coupon URL/,
		);
	});
	it('a code with a space is refused before any call', async () => {
		await refusedBeforeCall(coupon({ couponCode: '10 PERCENT' }), /contains spaces/);
	});
	it('a coupon URL that is not http(s) is refused before any call', async () => {
		await refusedBeforeCall(coupon({ couponUrl: 'shop.example.com' }), /not an http\(s\) URL/);
	});
	it('the same checks apply to a coupon given as JSON', async () => {
		await refusedBeforeCall(
			coupon({
				inputMode: 'json',
				templateJson: JSON.stringify({ template_type: 'coupon', coupon_code: 'X' }),
			}),
			/no Coupon Title/,
		);
	});
	it('the Instagram Login route refuses it with the reason (Instagram takes the generic template)', async () => {
		const { error } = await runExecute(node, {
			parameters: {
				authentication: 'instagramLogin',
				...coupon(),
				recipientId: '6100000000000001',
			},
			credentials: graphCredentials(graph.url),
		});
		assert.ok(error instanceof NodeOperationError, String(error));
		assert.match(error.message, /"coupon" is not available on the Instagram Login route/);
		assert.equal(graph.requests.filter((r) => r.method === 'POST').length, 0);
	});
});

describe('customer feedback template: CES score option', () => {
	const ces = (scoreOption) =>
		coupon({
			templateType: 'customer_feedback',
			feedbackTitle: 'How easy was it?',
			feedbackSubtitle: 'One question',
			feedbackButtonTitle: 'Rate',
			feedbackQuestionType: 'ces',
			feedbackScoreOption: scoreOption,
			feedbackPrivacyUrl: 'https://example.com/privacy',
		});
	it('one_to_seven is sent', async () => {
		json(await run(ces('one_to_seven')));
		const [question] = lastPayload().feedback_screens[0].questions;
		assert.equal(question.type, 'ces');
		assert.equal(question.score_option, 'one_to_seven');
	});
	it('a CSAT option on a CES question is refused before any call', async () => {
		await refusedBeforeCall(
			ces('five_stars'),
			/Score option "five_stars" does not fit a ces question: use one_to_seven/,
		);
	});
});

describe("the emulator validates coupon bodies as Meta's Send API does", () => {
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
	const cases = [
		[
			'a coupon without a title',
			{ template_type: 'coupon', coupon_code: 'X' },
			/\[title\] is required/,
		],
		[
			'a coupon without code or URL',
			{ template_type: 'coupon', title: 'T' },
			/coupon_code\] is required unless/,
		],
		[
			'a coupon code with spaces',
			{ template_type: 'coupon', title: 'T', coupon_code: '10 OFF' },
			/can not have spaces/,
		],
		[
			'a coupon title of 81 characters',
			{ template_type: 'coupon', title: 'x'.repeat(81), coupon_code: 'X' },
			/\[title\] must be less than or equal to 80/,
		],
		[
			'a CES question with a CSAT score option',
			{
				template_type: 'customer_feedback',
				title: 'T',
				subtitle: 'S',
				button_title: 'Rate',
				feedback_screens: [{ questions: [{ type: 'ces', score_option: 'five_stars' }] }],
				business_privacy: { url: 'https://e.x/privacy' },
			},
			/score_option\] is invalid/,
		],
	];
	for (const [name, payload, pattern] of cases) {
		it(`refuses ${name} with error 100`, async () => {
			const { status, error } = await raw(payload);
			assert.equal(status, 400);
			assert.equal(error.code, 100);
			assert.match(error.message, pattern);
		});
	}
	it('takes a coupon with a URL only', async () => {
		const { status } = await raw({
			template_type: 'coupon',
			title: 'T',
			coupon_url: 'https://e.x/',
		});
		assert.equal(status, 200);
	});
});
