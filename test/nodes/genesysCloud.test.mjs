// The Genesys Cloud node's real execute() against the Genesys Cloud emulator (login + API) over
// loopback: every operation and channel on both APIs, refused combinations, asynchronous
// creation, rate limits, token reuse and renewal, and Genesys error bodies.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import {
	atVersion,
	CredentialStore,
	loadNode,
	loadOptionsContext,
	runExecute,
} from '../helpers/harness.mjs';
import { start, REJECTED_PAGE_TOKEN } from '../emulators/genesys-cloud/index.mjs';
import { GENESYS_CLOUD, SECRET_VALUES } from '../emulators/fixtures.mjs';
import { createIntegration } from '../emulators/genesys-cloud/model.mjs';

// Version 1, as old workflows run it: secrets typed as parameters (1.1: facebookSecrets.test.mjs).
const node = atVersion(loadNode('GenesysCloud'), 1);
let gc;
let store;

const credentials = () =>
	new CredentialStore({
		genesysCloudOAuth2Api: {
			region: 'custom',
			customApiUrl: gc.api.url,
			customLoginUrl: gc.login.url,
			clientId: GENESYS_CLOUD.clientId,
			clientSecret: GENESYS_CLOUD.clientSecret,
		},
	});

const run = (parameters, extra = {}) =>
	runExecute(node, { parameters, credentials: store, ...extra });
const json = (result) => {
	if (result.error) throw result.error;
	return result.output[0].map((item) => item.json);
};
const rl = (value) => ({ __rl: true, mode: 'id', value });
/** Integration → Get Many on a channel: the current API and Return All unless `extra` says otherwise. */
const listIntegrations = (channel, extra = {}) =>
	run({
		resource: 'integration',
		operation: 'getAll',
		channel,
		apiVersion: 'current',
		returnAll: true,
		...extra,
	});
const apiRequests = (method, part) => gc.api.requestsTo(method, part);
const tokenRequests = () => gc.login.requestsTo('POST', '/oauth/token').length;
const allSecrets = [
	...SECRET_VALUES,
	'EAAemulatorPageToken104000000000001',
	'open-signing-secret',
	'line-channel-secret',
	'wa-signup-token',
	'x-signup-code',
	'consumer-secret-1',
	'access-secret-1',
];
const assertNoSecrets = (value) => {
	const text = JSON.stringify(value);
	for (const secret of allSecrets)
		assert.ok(!text.includes(secret), `secret ${secret.slice(0, 6)}… leaked`);
};
const errorText = (error) =>
	JSON.stringify({
		message: error.message,
		description: error.description,
		context: error.context,
		cause: String(error.cause ?? ''),
	});

beforeAll(async () => {
	gc = await start({ ports: { genesysApi: 0, genesysLogin: 0 } });
});
afterAll(async () => gc.close());
beforeEach(() => {
	gc.api.reset();
	gc.api.clearRequests();
	gc.login.clearRequests();
	gc.api.clearFaults();
	store = credentials();
});

describe('genesysCloud: integration getAll', () => {
	it('Return All reads 250 integrations in ceil(250/100) pages with one token', async () => {
		gc.api.seed('facebook', 250);
		const items = json(await listIntegrations('facebook'));
		assert.equal(items.length, 250);
		assert.equal(new Set(items.map((i) => i.id)).size, 250);
		const calls = apiRequests('GET', '/api/v2/conversations/messaging/integrations/facebook');
		assert.deepEqual(
			calls.map((c) => [c.query.pageSize, c.query.pageNumber]),
			[
				['100', '1'],
				['100', '2'],
				['100', '3'],
			],
		);
		assert.equal(tokenRequests(), 1);
		assert.match(calls[0].headers.authorization, /^Bearer gc-emu-/);
	});

	it('Limit asks for just that many', async () => {
		gc.api.seed('twitter', 80);
		const items = json(await listIntegrations('twitter', { returnAll: false, limit: 30 }));
		assert.equal(items.length, 30);
		const calls = apiRequests('GET', '/integrations/twitter');
		assert.equal(calls.length, 1);
		assert.equal(calls[0].query.pageSize, '30');
	});

	it('Limit above one page follows the pages and stops at the limit', async () => {
		gc.api.seed('open', 260);
		const items = json(await listIntegrations('open', { returnAll: false, limit: 150 }));
		assert.equal(items.length, 150);
		assert.equal(apiRequests('GET', '/integrations/open').length, 2);
		// The Open integration's signing secret never reaches the output.
		assert.ok(
			items.every((i) => i.outboundNotificationWebhookSignatureSecretToken === '__redacted__'),
		);
	});

	it('sends expand and the dotted filter keys', async () => {
		gc.api.seed('facebook', 10);
		const sc = 'c0e5d4f2-1a3b-4c5d-8e9f-000000000001';
		const items = json(
			await listIntegrations('facebook', {
				options: { expand: ['supportedContent'], supportedContentId: sc },
			}),
		);
		assert.equal(items.length, 5);
		assert.ok(
			items.every(
				(i) =>
					i.supportedContent.id === sc && i.supportedContent.name === 'Default supported content',
			),
		);
		const [call] = apiRequests('GET', '/integrations/facebook');
		assert.equal(call.query['supportedContent.id'], sc);
		assert.equal(call.query.expand, 'supportedContent');
	});

	it('lists legacy LINE and legacy Twitter on the legacy paths, with the legacy models', async () => {
		gc.api.seed('line', 3);
		const items = json(await listIntegrations('line', { apiVersion: 'legacy' }));
		assert.equal(items.length, 3);
		assert.equal(apiRequests('GET', '/api/v2/messaging/integrations/line').length, 1);
		assert.ok(
			items.every(
				(i) => i.webhookUri && i.createStatus === undefined && i.supportedContent === undefined,
			),
		);
	});

	it('an empty channel gives no items and one request', async () => {
		const result = await listIntegrations('whatsapp');
		assert.deepEqual(json(result), []);
		assert.equal(apiRequests('GET', '/integrations/whatsapp').length, 1);
	});
});

const CREATE = {
	'current:facebook': { pageAccessToken: 'EAAemulatorPageToken104000000000001' },
	'current:instagram': {
		accessTokenType: 'userAccessToken',
		userAccessToken: 'EAAemulatorUserToken',
		pageId: '104000000000002',
		appId: '1234567890123456',
		appSecret: 'emulator-app-secret-4f1c2b',
	},
	'current:open': {
		outboundNotificationWebhookUrl: 'https://example.com/hook',
		outboundNotificationWebhookSignatureSecretToken: 'open-signing-secret',
		webhookHeaders: { header: [{ name: 'X-Tenant', value: 'acme' }] },
	},
	'current:twitter': {
		signupCode: 'x-signup-code',
		appId: 'x-client-id',
		codeChallenge: 'challenge-abc',
		redirectUri: 'https://example.com/x/callback',
	},
	'current:whatsapp': { embeddedSignupAccessToken: 'wa-signup-token' },
	'legacy:facebook': {
		pageAccessToken: 'EAAemulatorPageToken104000000000003',
		appId: '1234567890123456',
		appSecret: 'emulator-app-secret-4f1c2b',
	},
	'legacy:twitter': {
		consumerKey: 'consumer-key-1',
		consumerSecret: 'consumer-secret-1',
		accessTokenKey: 'access-key-1',
		accessTokenSecret: 'access-secret-1',
		tier: 'premium',
		envName: 'env-beta',
	},
	'legacy:line': {
		channelId: '1650000001',
		channelSecret: 'line-channel-secret',
		switcherSecret: '',
		serviceCode: '',
	},
};
const UPDATE = {
	facebook: { name: 'Renamed', pageAccessToken: 'EAAemulatorPageToken104000000000001' },
	instagram: { name: 'Renamed', messagingSettingId: 'a1b2c3d4-0000-4000-8000-000000000002' },
	open: { name: 'Renamed', outboundNotificationWebhookUrl: 'https://example.com/hook2' },
	twitter: { name: 'Renamed' },
	whatsapp: { name: 'Renamed' },
	line: { channelSecret: 'line-channel-secret', serviceCode: 'SVC1' },
};

describe('genesysCloud: every channel on every API that has it', () => {
	for (const [key, fields] of Object.entries(CREATE)) {
		const [apiVersion, channel] = key.split(':');
		it(`${apiVersion} ${channel}: create, get, update${apiVersion === 'legacy' && channel !== 'line' ? ' (refused)' : ''}, delete`, async () => {
			const base =
				apiVersion === 'current'
					? '/api/v2/conversations/messaging/integrations'
					: '/api/v2/messaging/integrations';
			const common = { resource: 'integration', channel, apiVersion };
			const [created] = json(
				await run({
					...common,
					operation: 'create',
					name: `${channel} test`,
					waitForCompletion: true,
					...fields,
				}),
			);
			assert.equal(created.name, `${channel} test`);
			if (apiVersion === 'current') assert.equal(created.createStatus, 'Completed');
			const [post] = apiRequests('POST', base);
			assert.equal(
				post.path,
				channel === 'whatsapp' ? `${base}/whatsapp/embeddedsignup` : `${base}/${channel}`,
			);
			assert.equal(post.body.name, `${channel} test`);
			if (channel === 'open') assert.deepEqual(post.body.webhookHeaders, { 'X-Tenant': 'acme' });
			if (channel === 'instagram') assert.equal(post.body.pageId, '104000000000002');
			assertNoSecrets(created);

			const [got] = json(await run({ ...common, operation: 'get', integrationId: rl(created.id) }));
			assert.equal(got.id, created.id);

			const updated = await run({
				...common,
				operation: 'update',
				integrationId: rl(created.id),
				updateFields: UPDATE[channel],
			});
			if (apiVersion === 'legacy' && channel !== 'line') {
				assert.match(updated.error.message, /legacy API cannot update/);
			} else {
				const [after] = json(updated);
				const method = channel === 'line' ? 'PUT' : 'PATCH';
				const [call] = apiRequests(method, `/${channel}/${created.id}`);
				assert.ok(call, `${method} sent`);
				if (channel === 'line') {
					assert.equal(call.body.name, 'line test', 'PUT carries the stored name');
					assert.equal(call.body.serviceCode, 'SVC1');
				} else {
					assert.equal(after.name, 'Renamed');
				}
				if (channel === 'instagram')
					assert.deepEqual(call.body.messagingSetting, {
						id: 'a1b2c3d4-0000-4000-8000-000000000002',
					});
				assertNoSecrets(after);
			}

			const [deleted] = json(
				await run({ ...common, operation: 'delete', integrationId: rl(created.id) }),
			);
			assert.deepEqual(deleted, { id: created.id, deleted: true });
			const missing = await run({ ...common, operation: 'get', integrationId: rl(created.id) });
			assert.equal(missing.error.httpCode, '404');
			assert.equal(tokenRequests(), 1, 'one token for the whole test');
		});
	}
});

describe('genesysCloud: refused before any request', () => {
	const cases = [
		[
			{ channel: 'line', apiVersion: 'current', operation: 'getAll' },
			/LINE integrations are no longer on the current API/,
		],
		[
			{
				channel: 'instagram',
				apiVersion: 'legacy',
				operation: 'create',
				name: 'x',
				pageAccessToken: 't',
			},
			/legacy API never had Instagram/,
		],
		[
			{
				channel: 'open',
				apiVersion: 'legacy',
				operation: 'get',
				integrationId: rl('6b0a5c1e-2b4f'),
			},
			/legacy API has no Open/,
		],
		[
			{
				channel: 'whatsapp',
				apiVersion: 'legacy',
				operation: 'delete',
				integrationId: rl('6b0a5c1e-2b4f'),
			},
			/legacy API has no WhatsApp/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'legacy',
				operation: 'update',
				integrationId: rl('6b0a5c1e-2b4f'),
				updateFields: { name: 'x' },
			},
			/legacy API cannot update/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'legacy',
				operation: 'create',
				name: 'x',
				pageAccessToken: 't',
			},
			/App ID is required on the legacy API/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'current',
				operation: 'create',
				name: '',
				pageAccessToken: 't',
			},
			/Name is required/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'current',
				operation: 'create',
				name: 'x',
				accessTokenType: 'userAccessToken',
				userAccessToken: 't',
			},
			/Missing for a facebook integration: "Page ID"/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'current',
				operation: 'create',
				name: 'x',
				pageAccessToken: 't',
				appId: '1',
			},
			/App Secret is required/,
		],
		[
			{
				channel: 'open',
				apiVersion: 'current',
				operation: 'create',
				name: 'x',
				outboundNotificationWebhookUrl: 'http://plain',
				outboundNotificationWebhookSignatureSecretToken: 's',
			},
			/https/,
		],
		[
			{
				channel: 'twitter',
				apiVersion: 'legacy',
				operation: 'create',
				name: 'x',
				consumerKey: 'a',
				consumerSecret: 'b',
				accessTokenKey: 'c',
				accessTokenSecret: 'd',
				tier: 'premium',
			},
			/"Environment Name"/,
		],
		// Page Access Token shows for Facebook and Instagram only: n8n drops it from a WhatsApp
		// update before the node runs, so the node finds no field and says which ones it can take.
		[
			{
				channel: 'whatsapp',
				apiVersion: 'current',
				operation: 'update',
				integrationId: rl('6b0a5c1e-2b4f'),
				updateFields: { pageAccessToken: 'x' },
			},
			/Add at least one field to update: a whatsapp integration can update "Name"/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'current',
				operation: 'update',
				integrationId: rl('6b0a5c1e-2b4f'),
				updateFields: {},
			},
			/at least one field/,
		],
		[
			{
				channel: 'facebook',
				apiVersion: 'current',
				operation: 'get',
				integrationId: rl('../../users'),
			},
			/not a Genesys Cloud integration ID/,
		],
	];
	for (const [parameters, reason] of cases) {
		it(`${parameters.operation} ${parameters.channel} on ${parameters.apiVersion}: ${reason.source}`, async () => {
			const result = await run({ resource: 'integration', ...parameters });
			assert.ok(result.error, 'refused');
			assert.equal(result.error.constructor.name, 'NodeOperationError');
			assert.match(result.error.message, reason);
			assert.equal(gc.api.requests.length, 0, 'no API request');
			assert.equal(tokenRequests(), 0, 'no token request');
		});
	}
});

describe('genesysCloud: asynchronous create', () => {
	const fb = (extra = {}) => ({
		resource: 'integration',
		operation: 'create',
		channel: 'facebook',
		apiVersion: 'current',
		name: 'Async page',
		pageAccessToken: 'EAAemulatorPageToken104000000000007',
		...extra,
	});

	it('polls with backoff until Completed', async () => {
		gc.api.state.pollsToSettle = 3;
		const started = Date.now();
		const [item] = json(await run(fb()));
		assert.equal(item.createStatus, 'Completed');
		assert.equal(item.pageId, '104000000000007');
		const polls = apiRequests('GET', `/facebook/${item.id}`);
		assert.equal(polls.length, 4);
		const gaps = polls.map((p, i) => p.at - (i ? polls[i - 1].at : polls[0].at)).slice(1);
		assert.ok(gaps[2] > gaps[0], `backoff grows: ${gaps}`);
		assert.ok(Date.now() - started >= 250 + 500 + 1000);
	});

	it('ends in a NodeApiError carrying createError when Genesys reports Error', async () => {
		const result = await run(fb({ pageAccessToken: REJECTED_PAGE_TOKEN, name: 'Bad page' }));
		assert.equal(result.error.constructor.name, 'NodeApiError');
		assert.match(
			result.error.message,
			/could not create the facebook integration: Facebook rejected the page access token/,
		);
		assert.equal(result.error.errorResponse.createError.code, 'facebook.token.invalid');
		assert.equal(result.error.errorResponse.createStatus, 'Error');
		assert.ok(!errorText(result.error).includes(REJECTED_PAGE_TOKEN));
	});

	it('without waiting outputs the Initiated integration after one request', async () => {
		const [item] = json(await run(fb({ waitForCompletion: false })));
		assert.equal(item.createStatus, 'Initiated');
		assert.equal(gc.api.requests.length, 1);
	});

	it('times out with the integration id when creation takes too long', async () => {
		gc.api.state.pollsToSettle = 1000;
		const started = Date.now();
		const result = await run(fb({ options: { timeout: 1 } }));
		assert.equal(result.error.constructor.name, 'NodeOperationError');
		assert.match(result.error.message, /is still being created/);
		assert.ok(Date.now() - started < 2500);
	});

	it('a 5xx after the create was applied finds it by name instead of creating it twice', async () => {
		gc.api.injectFault(
			(ctx) => ctx.method === 'POST',
			(ctx) => {
				createIntegration(gc.api.state, 'current', 'facebook', ctx.body);
				return {
					status: 503,
					body: {
						message: 'The service is currently unavailable',
						code: 'service.unavailable',
						status: 503,
						contextId: 'ctx-1',
					},
				};
			},
		);
		const [item] = json(await run(fb()));
		assert.equal(item.name, 'Async page');
		assert.equal(apiRequests('POST', '/integrations/facebook').length, 1, 'POST not repeated');
		assert.equal(gc.api.state.integrations.get('facebook').size, 1);
	});

	it('a 5xx before the create was applied looks it up, then sends it once more', async () => {
		gc.api.injectFault((ctx) => ctx.method === 'POST', {
			status: 500,
			body: { message: 'boom', code: 'internal.server.error', status: 500 },
		});
		const [item] = json(await run(fb()));
		assert.equal(item.createStatus, 'Completed');
		assert.equal(apiRequests('POST', '/integrations/facebook').length, 2);
		assert.equal(
			apiRequests('GET', '/integrations/facebook').filter((r) => r.query.pageNumber).length,
			1,
			'looked up first',
		);
		assert.equal(gc.api.state.integrations.get('facebook').size, 1);
	});

	it('a 4xx on create is not retried', async () => {
		gc.api.injectFault((ctx) => ctx.method === 'POST', {
			status: 400,
			body: { message: 'Invalid page token', code: 'bad.request', status: 400, contextId: 'c-400' },
		});
		const result = await run(fb());
		assert.equal(result.error.httpCode, '400');
		assert.equal(gc.api.requests.length, 1);
	});
});

describe('genesysCloud: create after an ambiguous 5xx never returns an older namesake', () => {
	const unavailable = {
		status: 503,
		body: {
			message: 'The service is currently unavailable',
			code: 'service.unavailable',
			status: 503,
			contextId: 'ctx-503',
		},
	};
	// Another page for the older namesake: Genesys refuses a second integration for one page.
	const OLDER = {
		'current:facebook': { pageAccessToken: 'EAAemulatorPageToken104000000000091' },
		'current:instagram': { pageId: '104000000000092' },
		'legacy:facebook': { pageAccessToken: 'EAAemulatorPageToken104000000000093' },
	};
	const create = (apiVersion, channel, name, extra = {}) =>
		run({
			resource: 'integration',
			operation: 'create',
			channel,
			apiVersion,
			name,
			waitForCompletion: true,
			...CREATE[`${apiVersion}:${channel}`],
			...extra,
		});
	const backdate = (channel, id, ms) => {
		gc.api.state.integrations.get(channel).get(id).dateCreated = new Date(
			Date.now() - ms,
		).toISOString();
	};
	const appliedThen503 = (apiVersion, channel) => (ctx) => {
		createIntegration(gc.api.state, apiVersion, channel, ctx.body, {
			embeddedSignup: ctx.path.endsWith('/embeddedsignup'),
		});
		return unavailable;
	};

	for (const key of Object.keys(CREATE)) {
		const [apiVersion, channel] = key.split(':');
		it(`${apiVersion} ${channel}: outputs the integration the create made, not the older one of that name`, async () => {
			const [older] = json(await create(apiVersion, channel, 'Same name', OLDER[key]));
			backdate(channel, older.id, 3_600_000);
			gc.api.clearRequests();
			gc.api.injectFault((ctx) => ctx.method === 'POST', appliedThen503(apiVersion, channel));
			const [item] = json(await create(apiVersion, channel, 'Same name'));
			const ids = [...gc.api.state.integrations.get(channel).keys()];
			assert.equal(ids.length, 2);
			const made = ids.find((id) => id !== older.id);
			assert.notEqual(item.id, older.id, 'not the older namesake');
			assert.equal(item.id, made);
			assert.equal(apiRequests('POST', `/${channel}`).length, 1, 'POST not repeated');
		});
	}

	it('fails clearly, without a second POST, when two integrations of that name appeared', async () => {
		gc.api.injectFault(
			(ctx) => ctx.method === 'POST',
			(ctx) => {
				// Someone else created one of the same name at the same moment.
				createIntegration(gc.api.state, 'current', 'open', ctx.body);
				createIntegration(gc.api.state, 'current', 'open', ctx.body);
				return unavailable;
			},
		);
		const result = await create('current', 'open', 'Twins');
		assert.equal(result.error?.constructor.name, 'NodeOperationError');
		assert.match(result.error.message, /"Twins" may or may not have been created/);
		assert.match(result.error.description, /2 integrations of that name/);
		assert.match(result.error.description, /Get Many/);
		assert.equal(apiRequests('POST', '/open').length, 1);
	});

	it('fails clearly when the only namesake was created seconds before the request', async () => {
		const [older] = json(await create('current', 'twitter', 'Just before'));
		backdate('twitter', older.id, 1_500);
		gc.api.clearRequests();
		gc.api.injectFault((ctx) => ctx.method === 'POST', unavailable);
		const result = await create('current', 'twitter', 'Just before');
		assert.equal(result.error?.constructor.name, 'NodeOperationError');
		assert.match(result.error.message, /may or may not have been created/);
		assert.match(result.error.description, /seconds before the request/);
		assert.equal(apiRequests('POST', '/twitter').length, 1);
		assert.equal(gc.api.state.integrations.get('twitter').size, 1);
	});

	it('sends the create once more when only older namesakes exist', async () => {
		const [older] = json(await create('current', 'whatsapp', 'Old number'));
		backdate('whatsapp', older.id, 3_600_000);
		gc.api.clearRequests();
		gc.api.injectFault((ctx) => ctx.method === 'POST', unavailable);
		const [item] = json(await create('current', 'whatsapp', 'Old number'));
		assert.notEqual(item.id, older.id);
		assert.equal(item.createStatus, 'Completed');
		assert.equal(apiRequests('POST', '/whatsapp').length, 2);
		assert.equal(gc.api.state.integrations.get('whatsapp').size, 2);
	});
});

describe('genesysCloud: limits, retries and errors', () => {
	it('429 waits Retry-After and retries', async () => {
		gc.api.seed('facebook', 5);
		gc.api.injectFault(() => true, {
			status: 429,
			headers: { 'Retry-After': '1' },
			body: {
				message: 'Rate limit exceeded the maximum. Retry the request in [1] seconds',
				code: 'too.many.requests.retry.after',
				status: 429,
				contextId: 'c429',
				details: [],
				errors: [],
			},
		});
		const started = Date.now();
		const items = json(await listIntegrations('facebook'));
		assert.equal(items.length, 5);
		assert.ok(Date.now() - started >= 1000, 'waited Retry-After');
		assert.equal(gc.api.requests.length, 2);
	});

	it('the emulator’s real per-token rate limit is ridden out through Retry-After', async () => {
		gc.api.seed('facebook', 400);
		gc.api.state.rateLimit = { perWindow: 2, windowMs: 1000 };
		const items = json(await listIntegrations('facebook'));
		assert.equal(items.length, 400);
		const statuses = gc.api.requests.map((r) => r.status);
		assert.ok(statuses.includes(429), 'was limited');
		assert.equal(statuses.filter((s) => s === 200).length, 4);
	});

	it('a POST answered 429 is retried (it was not applied)', async () => {
		gc.api.injectFault((ctx) => ctx.method === 'POST', {
			status: 429,
			headers: { 'Retry-After': '0' },
			body: { message: 'Rate limit', code: 'too.many.requests.retry.after', status: 429 },
		});
		const [item] = json(
			await run({
				resource: 'integration',
				operation: 'create',
				channel: 'twitter',
				apiVersion: 'current',
				name: 'X',
				...CREATE['current:twitter'],
			}),
		);
		assert.equal(item.createStatus, 'Completed');
		assert.equal(apiRequests('POST', '/integrations/twitter').length, 2);
	});

	it('a Retry-After beyond the cap fails at once with the Genesys error', async () => {
		gc.api.injectFault(() => true, {
			status: 429,
			headers: { 'Retry-After': '3600' },
			body: {
				message: 'Rate limit exceeded the maximum. Retry the request in [3600] seconds',
				code: 'too.many.requests.retry.after',
				status: 429,
				contextId: 'c-long',
			},
		});
		const result = await listIntegrations('facebook');
		assert.equal(result.error.httpCode, '429');
		assert.match(result.error.description, /too.many.requests.retry.after/);
		assert.equal(gc.api.requests.length, 1);
	});

	it('a 5xx on a GET retries with backoff', async () => {
		gc.api.seed('open', 2);
		gc.api.injectFault(
			() => true,
			{ status: 503, body: { message: 'unavailable', code: 'service.unavailable', status: 503 } },
			2,
		);
		const items = json(await listIntegrations('open'));
		assert.equal(items.length, 2);
		assert.equal(gc.api.requests.length, 3);
	});

	it('missing.permissions names the permission, with code, status and contextId', async () => {
		gc.api.state.permissions.delete('messaging:conversationInstagramIntegration:add');
		const result = await run({
			resource: 'integration',
			operation: 'create',
			channel: 'instagram',
			apiVersion: 'current',
			name: 'IG',
			pageAccessToken: 'EAAemulatorPageToken104000000000001',
		});
		const error = result.error;
		assert.equal(error.constructor.name, 'NodeApiError');
		assert.equal(error.httpCode, '403');
		assert.match(
			error.message,
			/missing the permission messaging:conversationInstagramIntegration:add needed to create a instagram integration/,
		);
		assert.equal(gc.api.requests.length, 1);
		assert.match(error.errorResponse.contextId, /^[0-9a-f-]{36}$/);
		assert.equal(error.errorResponse.code, 'missing.permissions');
		assert.equal(error.errorResponse.status, 403);
		assert.match(error.description, new RegExp(`Context ID: ${error.errorResponse.contextId}`));
		assert.ok(!errorText(error).includes('EAAemulatorPageToken'));
	});

	it('continueOnFail turns a failure into an error item and goes on', async () => {
		const second = await runExecute(node, {
			parameters: {
				resource: 'integration',
				operation: 'get',
				channel: 'facebook',
				apiVersion: 'current',
				integrationId: rl('00000000-0000-0000-0000-000000000000'),
			},
			credentials: store,
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
		});
		assert.equal(second.output[0].length, 2);
		assert.match(second.output[0][0].json.error, /not found/);
		// The package's one error item: message, next step, HTTP code and Genesys' facts.
		const [item] = second.output[0];
		assert.deepEqual(Object.keys(item.json).sort(), [
			'code',
			'contextId',
			'description',
			'error',
			'httpCode',
			'status',
		]);
		assert.equal(item.json.httpCode, '404');
		assert.equal(item.json.status, 404);
		assert.equal(item.json.code, 'not.found');
		assert.match(item.json.description, new RegExp(`Context ID: ${item.json.contextId}`));
		assert.deepEqual(
			second.output[0].map((i) => i.pairedItem),
			[{ item: 0 }, { item: 1 }],
		);
	});
});

describe('genesysCloud: the credential’s API URL', () => {
	for (const customApiUrl of ['', 'ftp://api.example.com', 'not a url']) {
		it(`"${customApiUrl}" is refused before any request, with what to enter`, async () => {
			store = new CredentialStore({
				genesysCloudOAuth2Api: {
					region: 'custom',
					customApiUrl,
					customLoginUrl: gc.login.url,
					clientId: GENESYS_CLOUD.clientId,
					clientSecret: GENESYS_CLOUD.clientSecret,
				},
			});
			const result = await listIntegrations('facebook');
			assert.equal(result.error?.constructor.name, 'NodeOperationError');
			assert.equal(result.error.message, 'The Genesys Cloud credential has no valid API URL');
			assert.match(result.error.description, /enter the API URL/);
			assert.equal(gc.api.requests.length + tokenRequests(), 0, 'no request');
		});
	}
});

describe('genesysCloud: token reuse and renewal', () => {
	const list = () => listIntegrations('facebook');

	it('one token serves many executions; an expired one is renewed once and the call retried', async () => {
		gc.api.seed('facebook', 3);
		for (let i = 0; i < 4; i++) json(await list());
		assert.equal(tokenRequests(), 1);
		assert.equal(store.preAuthentications, 1);
		gc.api.expireTokens();
		json(await list());
		assert.equal(tokenRequests(), 2);
		const statuses = gc.api.requests.map((r) => r.status);
		assert.deepEqual(statuses.slice(-2), [401, 200]);
		json(await list());
		assert.equal(tokenRequests(), 2, 'the renewed token is reused');
	});

	it('one token request per token lifetime', async () => {
		gc.api.seed('facebook', 1);
		gc.api.state.tokenLifetime = 1;
		const started = Date.now();
		while (Date.now() - started < 2600) {
			json(await list());
			await new Promise((r) => setTimeout(r, 100));
		}
		// 2.6 s of calls with a 1 s lifetime: tokens minted at ~0, ~1, ~2 s.
		assert.equal(tokenRequests(), 3);
	});

	it('the token request is client-credentials with Basic auth', async () => {
		json(await list());
		const [call] = gc.login.requests;
		assert.equal(call.body.grant_type, 'client_credentials');
		assert.equal(
			call.headers.authorization,
			`Basic ${Buffer.from(`${GENESYS_CLOUD.clientId}:${GENESYS_CLOUD.clientSecret}`).toString('base64')}`,
		);
		assert.ok(!call.url.includes(GENESYS_CLOUD.clientSecret));
	});

	it('wrong client secret fails without leaking it', async () => {
		store = new CredentialStore({
			genesysCloudOAuth2Api: {
				region: 'custom',
				customApiUrl: gc.api.url,
				customLoginUrl: gc.login.url,
				clientId: GENESYS_CLOUD.clientId,
				clientSecret: 'wrong-secret-value',
			},
		});
		const result = await list();
		assert.ok(result.error);
		assert.ok(!errorText(result.error).includes('wrong-secret-value'));
		assert.equal(gc.api.requests.length, 0);
	});
});

describe('genesysCloud: stickers and list search', () => {
	it('Return All lists every LINE sticker on the legacy API', async () => {
		const items = json(
			await run({
				resource: 'sticker',
				operation: 'getAll',
				apiVersion: 'legacy',
				messengerType: 'line',
				returnAll: true,
			}),
		);
		assert.equal(items.length, 130);
		const calls = apiRequests('GET', '/api/v2/messaging/stickers/line');
		assert.equal(calls.length, 2);
		assert.ok(
			items.every((s) => s.messengerType === 'line' && Number.isInteger(s.providerStickerId)),
		);
	});

	it('Limit on the current API path', async () => {
		const items = json(
			await run({
				resource: 'sticker',
				operation: 'getAll',
				apiVersion: 'current',
				messengerType: 'line',
				limit: 10,
			}),
		);
		assert.equal(items.length, 10);
		assert.equal(
			apiRequests('GET', '/api/v2/conversations/messaging/stickers/line')[0].query.pageSize,
			'10',
		);
	});

	it('the resource locator lists integrations by name, page by page', async () => {
		gc.api.seed('facebook', 150);
		const context = loadOptionsContext(node, {
			parameters: {
				resource: 'integration',
				operation: 'get',
				channel: 'facebook',
				apiVersion: 'current',
			},
			credentials: store,
		});
		const first = await node.methods.listSearch.searchIntegrations.call(context);
		assert.equal(first.results.length, 100);
		assert.equal(first.paginationToken, '2');
		const second = await node.methods.listSearch.searchIntegrations.call(context, '00149', '2');
		assert.equal(second.results.length, 1);
		assert.match(second.results[0].name, /Seeded facebook 00149/);
	});
});
