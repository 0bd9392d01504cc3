// The Genesys Cloud node on the channels of the current API in late 2026, against the emulator
// over loopback: Apple Messages for Business integrations, WhatsApp through embedded signup and
// its activation (createStatus Initiated → Completed with the available numbers, then the number
// and its PIN: status Starting → Active), and LINE refused on the current API before any call.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { CredentialStore, loadNode, runExecute } from '../helpers/harness.mjs';
import {
	start,
	REJECTED_WHATSAPP_PIN,
	WHATSAPP_AVAILABLE_NUMBERS,
} from '../emulators/genesys-cloud/index.mjs';
import { GENESYS_CLOUD } from '../emulators/fixtures.mjs';

const node = loadNode('GenesysCloud');
let gc;
let store;
const run = (parameters) => runExecute(node, { parameters, credentials: store });
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const rl = (value) => ({ __rl: true, mode: 'id', value });
const apiRequests = (method, part) => gc.api.requestsTo(method, part);
const BASE = '/api/v2/conversations/messaging/integrations';
const PIN = '246810';
const apple = (extra = {}) => ({
	resource: 'integration',
	channel: 'apple',
	apiVersion: 'current',
	...extra,
});
const whatsapp = (extra = {}) => ({
	resource: 'integration',
	channel: 'whatsapp',
	apiVersion: 'current',
	...extra,
});
const createWhatsApp = (extra = {}) =>
	run(
		whatsapp({
			operation: 'create',
			name: 'Support number',
			embeddedSignupAccessToken: 'wa-signup-token',
			waitForCompletion: true,
			...extra,
		}),
	);

beforeAll(async () => {
	gc = await start({ ports: { genesysApi: 0, genesysLogin: 0 } });
});
afterAll(async () => gc.close());
beforeEach(() => {
	gc.api.reset();
	gc.api.clearRequests();
	gc.login.clearRequests();
	gc.api.clearFaults();
	store = new CredentialStore({
		genesysCloudOAuth2Api: {
			region: 'custom',
			customApiUrl: gc.api.url,
			customLoginUrl: gc.login.url,
			clientId: GENESYS_CLOUD.clientId,
			clientSecret: GENESYS_CLOUD.clientSecret,
		},
	});
});

describe('Apple Messages for Business (current API)', () => {
	it('create waits for createStatus Completed, then get, get many, update and delete', async () => {
		const [created] = json(
			await run(
				apple({
					operation: 'create',
					name: 'Apple support',
					messagesForBusinessId: 'amb-7f3a1c',
					businessName: 'Bridge Ltd',
					logoUrl: 'https://example.com/logo.png',
					waitForCompletion: true,
					options: { messagingSettingId: 'a1b2c3d4-0000-4000-8000-000000000001' },
				}),
			),
		);
		assert.equal(created.createStatus, 'Completed');
		assert.equal(created.messagesForBusinessId, 'amb-7f3a1c');
		const [post] = apiRequests('POST', `${BASE}/apple`);
		assert.equal(post.path, `${BASE}/apple`);
		assert.deepEqual(post.body, {
			name: 'Apple support',
			messagingSetting: { id: 'a1b2c3d4-0000-4000-8000-000000000001' },
			messagesForBusinessId: 'amb-7f3a1c',
			businessName: 'Bridge Ltd',
			logoUrl: 'https://example.com/logo.png',
		});
		assert.ok(apiRequests('GET', `${BASE}/apple/${created.id}`).length >= 1, 'polled');

		const [got] = json(await run(apple({ operation: 'get', integrationId: rl(created.id) })));
		assert.equal(got.businessName, 'Bridge Ltd');
		const listed = json(await run(apple({ operation: 'getAll', returnAll: true })));
		assert.deepEqual(
			listed.map((i) => i.id),
			[created.id],
		);

		const [updated] = json(
			await run(
				apple({
					operation: 'update',
					integrationId: rl(created.id),
					updateFields: { businessName: 'Bridge Group', logoUrl: 'https://example.com/l2.png' },
				}),
			),
		);
		assert.equal(updated.businessName, 'Bridge Group');
		const [patch] = apiRequests('PATCH', `${BASE}/apple/${created.id}`);
		assert.deepEqual(patch.body, {
			businessName: 'Bridge Group',
			logoUrl: 'https://example.com/l2.png',
		});

		const [deleted] = json(
			await run(apple({ operation: 'delete', integrationId: rl(created.id) })),
		);
		assert.deepEqual(deleted, { id: created.id, deleted: true });
		const gone = await run(apple({ operation: 'get', integrationId: rl(created.id) }));
		assert.equal(gone.error.httpCode, '404');
	});

	it('a missing Messages for Business ID or a bad logo URL is refused before any call', async () => {
		const missing = await run(apple({ operation: 'create', name: 'x' }));
		assert.match(
			missing.error.message,
			/Missing for a apple integration: "Messages for Business ID"/,
		);
		const logo = await run(
			apple({ operation: 'create', name: 'x', messagesForBusinessId: 'm', logoUrl: 'logo.png' }),
		);
		assert.match(logo.error.message, /Logo URL must be an http\(s\):\/\/ URL/);
		assert.equal(gc.api.requests.length, 0);
	});

	it('Update offers what the API updates, not the Messages for Business ID: an empty update is refused before any call', async () => {
		const result = await run(
			apple({
				operation: 'update',
				integrationId: rl('6b0a5c1e-2b4f-4d8e-9a3c-1f2e3d4c5b6a'),
				updateFields: { messagesForBusinessId: 'other' },
			}),
		);
		assert.match(
			result.error.message,
			/a apple integration can update "Name", "Business Name", "Logo URL", "Supported Content ID", "Messaging Setting ID"$/,
		);
		assert.equal(gc.api.requests.length, 0);
	});

	it('the legacy API has none: refused before any call', async () => {
		const result = await run(apple({ operation: 'getAll', apiVersion: 'legacy', returnAll: true }));
		assert.match(result.error.message, /legacy API has no Apple Messages for Business/);
		assert.equal(gc.api.requests.length, 0);
	});

	it("a role without messaging:appleIntegration:add gets Genesys' error naming it", async () => {
		gc.api.state.permissions.delete('messaging:appleIntegration:add');
		const result = await run(
			apple({
				operation: 'create',
				name: 'x',
				messagesForBusinessId: 'm',
				waitForCompletion: false,
			}),
		);
		assert.equal(result.error.httpCode, '403');
		assert.match(result.error.message, /messaging:appleIntegration:add/);
	});
});

describe('WhatsApp through embedded signup (current API)', () => {
	it('create without a number: Completed with the available numbers, status Incomplete', async () => {
		const [created] = json(await createWhatsApp());
		assert.equal(created.createStatus, 'Completed');
		assert.equal(created.status, 'Incomplete');
		assert.deepEqual(created.availablePhoneNumbers.entities, WHATSAPP_AVAILABLE_NUMBERS);
		assert.equal(apiRequests('POST', `${BASE}/whatsapp/embeddedsignup`).length, 1);
		assert.equal(apiRequests('POST', `${BASE}/whatsapp`).length, 1, 'never the deprecated create');
		assert.equal(apiRequests('PATCH', '/embeddedsignup/').length, 0);
		assert.ok(!JSON.stringify(created).includes('wa-signup-token'));
	});

	it('create with a number and its PIN activates it once Completed and waits for Active', async () => {
		const [active] = json(await createWhatsApp({ phoneNumber: '+15550100002', pin: PIN }));
		assert.equal(active.status, 'Active');
		assert.equal(active.phoneNumber, '+15550100002');
		const [post] = apiRequests('POST', `${BASE}/whatsapp/embeddedsignup`);
		assert.deepEqual(Object.keys(post.body).sort(), ['embeddedSignupAccessToken', 'name']);
		const [patch] = apiRequests('PATCH', `${BASE}/whatsapp/embeddedsignup/${active.id}`);
		assert.deepEqual(patch.body, { phoneNumber: '+15550100002', pin: PIN });
		// The PATCH came after the creation completed: a GET answered Completed before it.
		const order = gc.api.requests.map((r) => `${r.method} ${r.path.replace(active.id, 'ID')}`);
		assert.ok(
			order.indexOf(`PATCH ${BASE}/whatsapp/embeddedsignup/ID`) >
				order.indexOf(`GET ${BASE}/whatsapp/ID`),
		);
		assert.ok(!JSON.stringify(active).includes(PIN), 'the PIN never reaches the output');
	});

	it('activation with a number the signup did not find is refused naming the available ones', async () => {
		const result = await createWhatsApp({ phoneNumber: '+15550199999', pin: PIN });
		assert.match(result.error.message, /\+15550199999 is not one of the integration's available/);
		assert.match(result.error.description, /\+15550100001, \+15550100002/);
		assert.equal(apiRequests('PATCH', '/embeddedsignup/').length, 0);
	});

	it('a PIN WhatsApp refuses ends the activation in ActivationFailed, reported with its error', async () => {
		const result = await createWhatsApp({
			phoneNumber: '+15550100001',
			pin: REJECTED_WHATSAPP_PIN,
		});
		assert.match(result.error.message, /could not activate the whatsapp integration/);
		assert.match(result.error.description, /activationStatusCode ActivationFailed/);
	});

	it('later, Update with Phone Number and PIN activates through PATCH …/embeddedsignup/{id}', async () => {
		const [created] = json(await createWhatsApp());
		const [after] = json(
			await run(
				whatsapp({
					operation: 'update',
					integrationId: rl(created.id),
					updateFields: { phoneNumber: '+15550100001', pin: PIN, name: 'Support' },
				}),
			),
		);
		assert.equal(after.status, 'Starting');
		assert.equal(after.activationStatusCode, 'CodeConfirmed');
		const [patch] = apiRequests('PATCH', `${BASE}/whatsapp/embeddedsignup/${created.id}`);
		assert.deepEqual(patch.body, { name: 'Support', phoneNumber: '+15550100001', pin: PIN });
		assert.equal(apiRequests('PATCH', `${BASE}/whatsapp/${created.id}`).length, 0);
		// Genesys registers the number over the next reads: Get until Active.
		let status = after.status;
		for (let read = 0; read < 3 && status !== 'Active'; read++)
			[{ status }] = json(await run(whatsapp({ operation: 'get', integrationId: rl(created.id) })));
		assert.equal(status, 'Active');
	});

	it('activation input is checked before any call: PIN without number, 6 digits, no Wait for Completion, mixed with settings', async () => {
		const cases = [
			[{ pin: PIN }, /"Phone Number" is required/],
			[{ phoneNumber: '+15550100001' }, /"Two-Step Verification PIN" is required/],
			[{ phoneNumber: '+15550100001', pin: '12ab' }, /must be 6 digits/],
			[
				{ phoneNumber: '+15550100001', pin: PIN, waitForCompletion: false },
				/needs Wait for Completion/,
			],
		];
		for (const [extra, message] of cases) {
			const result = await createWhatsApp(extra);
			assert.match(result.error.message, message);
		}
		const mixed = await run(
			whatsapp({
				operation: 'update',
				integrationId: rl('6b0a5c1e-2b4f-4d8e-9a3c-1f2e3d4c5b6a'),
				updateFields: {
					phoneNumber: '+15550100001',
					pin: PIN,
					messagingSettingId: 'a1b2c3d4-0000-4000-8000-000000000001',
				},
			}),
		);
		assert.match(mixed.error.message, /in a separate Update/);
		assert.equal(gc.api.requests.length, 0);
	});

	it('activating before the creation completed is refused with the reason', async () => {
		const [initiated] = json(await createWhatsApp({ waitForCompletion: false }));
		assert.equal(initiated.createStatus, 'Initiated');
		gc.api.state.pollsToSettle = 10;
		gc.api.state.integrations.get('whatsapp').get(initiated.id).pollsLeft = 10;
		const result = await run(
			whatsapp({
				operation: 'update',
				integrationId: rl(initiated.id),
				updateFields: { phoneNumber: '+15550100001', pin: PIN },
			}),
		);
		assert.match(result.error.message, /cannot be activated yet: its createStatus is Initiated/);
		assert.equal(apiRequests('PATCH', '/embeddedsignup/').length, 0);
	});
});

describe('LINE on the current API', () => {
	it('is refused before any call, with the reason and where it still answers', async () => {
		for (const operation of ['create', 'get', 'getAll', 'update', 'delete']) {
			const result = await run({
				resource: 'integration',
				channel: 'line',
				apiVersion: 'current',
				operation,
				name: 'x',
				channelId: '1',
				channelSecret: 's',
				integrationId: rl('6b0a5c1e-2b4f-4d8e-9a3c-1f2e3d4c5b6a'),
				updateFields: { name: 'y' },
			});
			assert.match(result.error.message, /no longer on the current API.*June 2024.*"Legacy"/);
		}
		assert.equal(gc.api.requests.length, 0);
	});

	it('the emulated current API answers its removed LINE path with 404 not.found, as any unknown path', async () => {
		const token = await fetch(`${gc.login.url}/oauth/token`, {
			method: 'POST',
			headers: {
				authorization: `Basic ${Buffer.from(`${GENESYS_CLOUD.clientId}:${GENESYS_CLOUD.clientSecret}`).toString('base64')}`,
				'content-type': 'application/x-www-form-urlencoded',
			},
			body: 'grant_type=client_credentials',
		}).then((r) => r.json());
		const response = await fetch(`${gc.api.url}${BASE}/line`, {
			headers: { authorization: `Bearer ${token.access_token}` },
		});
		assert.equal(response.status, 404);
		const body = await response.json();
		assert.equal(body.code, 'not.found');
		assert.equal(body.contextId, response.headers.get('inin-correlation-id'));
	});

	it('the legacy API keeps LINE: create and list there', async () => {
		const [created] = json(
			await run({
				resource: 'integration',
				channel: 'line',
				apiVersion: 'legacy',
				operation: 'create',
				name: 'LINE legacy',
				channelId: '1650000001',
				channelSecret: 'line-secret',
			}),
		);
		assert.equal(created.channelId, '1650000001');
		assert.equal(apiRequests('POST', '/api/v2/messaging/integrations/line').length, 1);
	});
});
