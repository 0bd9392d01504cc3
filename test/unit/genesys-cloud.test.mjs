// Pure parts of the Genesys Cloud node: the channel × API table, request bodies, the error
// translator, secret redaction, polling delays and region URLs.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('../../dist/', import.meta.url).pathname;
const { resolveRoute, supportedPairs } = require(`${dist}nodes/GenesysCloud/channels.js`);
const { buildCreateBody, buildUpdateBody, redactSecrets, UPDATE_FIELDS } = require(
	`${dist}nodes/GenesysCloud/bodies.js`,
);
const { describeGenesysError, missingPermissionOf } = require(
	`${dist}nodes/GenesysCloud/errors.js`,
);
const { pollDelay } = require(`${dist}nodes/GenesysCloud/actions/integration/create.operation.js`);
const { listQuery } = require(`${dist}nodes/GenesysCloud/actions/integration/getAll.operation.js`);
const { genesysCloudUrls, GENESYS_CLOUD_REGIONS } = require(
	`${dist}nodes/shared/genesysRegions.js`,
);

const CHANNELS = ['facebook', 'instagram', 'line', 'open', 'twitter', 'whatsapp'];
const OPERATIONS = ['create', 'delete', 'get', 'getAll', 'update'];

describe('genesys channels', () => {
	it('has exactly the pairs the API has', () => {
		const pairs = supportedPairs()
			.map((p) => `${p.apiVersion}:${p.channel}`)
			.sort();
		assert.deepEqual(pairs, [
			'current:facebook',
			'current:instagram',
			'current:open',
			'current:twitter',
			'current:whatsapp',
			'legacy:facebook',
			'legacy:line',
			'legacy:twitter',
		]);
	});

	it('resolves every channel × API × operation to paths or a reason', () => {
		for (const apiVersion of ['current', 'legacy']) {
			for (const channel of CHANNELS) {
				for (const operation of OPERATIONS) {
					const result = resolveRoute(channel, apiVersion, operation);
					const supported = supportedPairs().some(
						(p) => p.channel === channel && p.apiVersion === apiVersion,
					);
					const updatable = apiVersion === 'current' || channel === 'line';
					if (supported && (operation !== 'update' || updatable)) {
						const prefix =
							apiVersion === 'current'
								? '/api/v2/conversations/messaging/integrations/'
								: '/api/v2/messaging/integrations/';
						assert.equal(result.route.collection, `${prefix}${channel}`);
						assert.equal(result.route.item('a/b'), `${prefix}${channel}/a%2Fb`);
					} else {
						assert.equal(typeof result.reason, 'string', `${apiVersion} ${channel} ${operation}`);
						assert.ok(result.reason.length > 20);
					}
				}
			}
		}
	});

	it('creates WhatsApp through embedded signup and updates legacy LINE with PUT', () => {
		assert.equal(
			resolveRoute('whatsapp', 'current', 'create').route.createPath,
			'/api/v2/conversations/messaging/integrations/whatsapp/embeddedsignup',
		);
		assert.equal(resolveRoute('line', 'legacy', 'update').route.support.update, 'PUT');
		assert.equal(resolveRoute('facebook', 'current', 'update').route.support.update, 'PATCH');
		assert.match(resolveRoute('line', 'current', 'get').reason, /choose API Version "Legacy"/);
		assert.match(resolveRoute('instagram', 'legacy', 'get').reason, /choose API Version "Current"/);
	});
});

describe('genesys request bodies', () => {
	it('Facebook with a page token, settings references on current only', () => {
		const input = {
			name: ' Page ',
			pageAccessToken: 'tok',
			supportedContentId: 'sc1',
			messagingSettingId: 'ms1',
		};
		assert.deepEqual(buildCreateBody('facebook', 'current', input).body, {
			name: 'Page',
			pageAccessToken: 'tok',
			supportedContent: { id: 'sc1' },
			messagingSetting: { id: 'ms1' },
		});
		assert.match(buildCreateBody('facebook', 'legacy', input).error, /App ID is required/);
		assert.deepEqual(
			buildCreateBody('facebook', 'legacy', { ...input, appId: '1', appSecret: 's' }).body,
			{ name: 'Page', pageAccessToken: 'tok', appId: '1', appSecret: 's' },
		);
	});

	it('Facebook with a user token needs the page id and sends no page token', () => {
		const input = {
			name: 'P',
			accessTokenType: 'userAccessToken',
			userAccessToken: 'u',
			pageAccessToken: 'ignored',
		};
		assert.match(buildCreateBody('instagram', 'current', input).error, /"Page ID"/);
		assert.deepEqual(buildCreateBody('instagram', 'current', { ...input, pageId: '123' }).body, {
			name: 'P',
			userAccessToken: 'u',
			pageId: '123',
		});
		assert.match(
			buildCreateBody('facebook', 'current', { ...input, pageId: 'abc' }).error,
			/numeric/,
		);
	});

	it('Open: https URL, header names checked, headers as a map', () => {
		const base = {
			name: 'O',
			outboundNotificationWebhookUrl: 'https://x.test/h',
			outboundNotificationWebhookSignatureSecretToken: 's',
		};
		assert.deepEqual(
			buildCreateBody('open', 'current', { ...base, webhookHeaders: [{ name: 'X-A', value: '1' }] })
				.body.webhookHeaders,
			{ 'X-A': '1' },
		);
		assert.match(
			buildCreateBody('open', 'current', {
				...base,
				webhookHeaders: [{ name: 'bad header', value: '1' }],
			}).error,
			/not a valid HTTP header/,
		);
		assert.match(
			buildCreateBody('open', 'current', { ...base, outboundNotificationWebhookUrl: 'ftp://x' })
				.error,
			/https/,
		);
		assert.match(
			buildCreateBody('open', 'current', { name: 'O' }).error,
			/"Outbound Webhook URL", "Outbound Webhook Signature Secret"/,
		);
	});

	it('Twitter: OAuth signup on current, keys and tier on legacy', () => {
		assert.match(
			buildCreateBody('twitter', 'current', { name: 'T' }).error,
			/"Signup Code", "App ID", "Code Challenge", "Redirect URI"/,
		);
		const legacy = {
			name: 'T',
			consumerKey: 'a',
			consumerSecret: 'b',
			accessTokenKey: 'c',
			accessTokenSecret: 'd',
			tier: 'enterprise',
		};
		assert.deepEqual(buildCreateBody('twitter', 'legacy', legacy).body, {
			name: 'T',
			accessTokenKey: 'c',
			accessTokenSecret: 'd',
			consumerKey: 'a',
			consumerSecret: 'b',
			tier: 'enterprise',
		});
		assert.match(
			buildCreateBody('twitter', 'legacy', { ...legacy, tier: 'premium' }).error,
			/"Environment Name"/,
		);
		assert.match(
			buildCreateBody('twitter', 'legacy', { ...legacy, tier: 'gold' }).error,
			/premium.*enterprise/,
		);
	});

	it('WhatsApp and LINE', () => {
		assert.deepEqual(
			buildCreateBody('whatsapp', 'current', { name: 'W', embeddedSignupAccessToken: 'e' }).body,
			{ name: 'W', embeddedSignupAccessToken: 'e' },
		);
		assert.deepEqual(
			buildCreateBody('line', 'legacy', {
				name: 'L',
				channelId: '1',
				channelSecret: 's',
				serviceCode: '',
			}).body,
			{ name: 'L', channelId: '1', channelSecret: 's' },
		);
		assert.match(
			buildCreateBody('line', 'legacy', { name: 'L' }).error,
			/"Channel ID", "Channel Secret"/,
		);
	});

	it('updates: only the channel’s fields, at least one, not both tokens', () => {
		assert.match(buildUpdateBody('facebook', 'current', {}).error, /at least one/);
		assert.match(
			buildUpdateBody('whatsapp', 'current', { channelSecret: 'x' }).error,
			/cannot update "Channel Secret"/,
		);
		assert.match(
			buildUpdateBody('facebook', 'current', { pageAccessToken: 'a', userAccessToken: 'b' }).error,
			/not both/,
		);
		assert.deepEqual(
			buildUpdateBody('instagram', 'current', { name: 'N', supportedContentId: 'sc' }).body,
			{ name: 'N', supportedContent: { id: 'sc' } },
		);
		assert.deepEqual(buildUpdateBody('line', 'legacy', { channelId: '9', serviceCode: 'S' }).body, {
			channelId: '9',
			serviceCode: 'S',
		});
		for (const channel of CHANNELS) assert.ok(UPDATE_FIELDS[channel].includes('name'));
	});

	it('redacts secret fields of outputs', () => {
		const out = redactSecrets({
			id: '1',
			outboundNotificationWebhookSignatureSecretToken: 'abc',
			name: 'n',
			channelSecret: '',
		});
		assert.deepEqual(out, {
			id: '1',
			outboundNotificationWebhookSignatureSecretToken: '__redacted__',
			name: 'n',
			channelSecret: '',
		});
	});
});

describe('genesys errors', () => {
	const body = {
		message:
			'Unable to perform the requested action. You are missing the following permission(s): [messaging:integration:add]',
		code: 'missing.permissions',
		status: 403,
		contextId: 'ctx-9',
		messageParams: { permissions: '[messaging:integration:add]' },
	};
	it('names the missing permission', () => {
		assert.equal(missingPermissionOf(body), 'messaging:integration:add');
		assert.equal(
			missingPermissionOf({ message: 'You are missing the following permission(s): a:b:c' }),
			'a:b:c',
		);
		const info = describeGenesysError(403, body, { operation: 'create a facebook integration' });
		assert.equal(
			info.message,
			'Genesys Cloud: the OAuth client is missing the permission messaging:integration:add needed to create a facebook integration',
		);
		assert.equal(info.contextId, 'ctx-9');
		assert.match(info.description, /Context ID: ctx-9/);
		assert.equal(info.code, 'missing.permissions');
	});

	it('falls back to the operation’s permission, header contextId, OAuth errors and plain text', () => {
		const info = describeGenesysError(
			403,
			{ code: 'missing.permissions', message: 'denied' },
			{ operation: 'x', permission: 'p:q:r', contextIdHeader: 'h-1' },
		);
		assert.equal(info.permission, 'p:q:r');
		assert.equal(info.contextId, 'h-1');
		assert.equal(
			describeGenesysError(
				401,
				{ error: 'invalid_client', error_description: 'authentication failed' },
				{ operation: 'x' },
			).message,
			'Genesys Cloud: authentication failed',
		);
		assert.equal(
			describeGenesysError(502, 'Bad Gateway', { operation: 'x' }).message,
			'Genesys Cloud: Bad Gateway',
		);
		assert.equal(
			describeGenesysError(500, undefined, { operation: 'x' }).message,
			'Genesys Cloud: HTTP 500',
		);
		assert.match(
			describeGenesysError(
				400,
				{ message: 'm', details: [{ fieldName: 'pageId' }] },
				{ operation: 'x' },
			).description,
			/Fields: pageId/,
		);
	});
});

describe('genesys helpers', () => {
	it('polls with doubling delays capped at 5 s', () => {
		assert.deepEqual(
			[0, 1, 2, 3, 4, 5, 10].map(pollDelay),
			[250, 500, 1000, 2000, 4000, 5000, 5000],
		);
	});

	it('builds the listing query with dotted filter keys', () => {
		assert.deepEqual(
			listQuery({
				expand: ['supportedContent', 'messagingSetting'],
				supportedContentId: ' a ',
				messagingSettingId: 'b',
			}),
			{
				expand: 'supportedContent,messagingSetting',
				'supportedContent.id': 'a',
				'messagingSetting.id': 'b',
			},
		);
		assert.deepEqual(listQuery({}), {});
	});

	it('region URLs', () => {
		assert.deepEqual(genesysCloudUrls({ region: 'mypurecloud.ie' }), {
			apiUrl: 'https://api.mypurecloud.ie',
			loginUrl: 'https://login.mypurecloud.ie',
		});
		assert.deepEqual(
			genesysCloudUrls({
				region: 'custom',
				customApiUrl: 'http://127.0.0.1:1/ ',
				customLoginUrl: 'http://127.0.0.1:2//',
			}),
			{ apiUrl: 'http://127.0.0.1:1', loginUrl: 'http://127.0.0.1:2' },
		);
		assert.equal(GENESYS_CLOUD_REGIONS.length, 19);
		assert.ok(GENESYS_CLOUD_REGIONS.some((r) => r.value === 'usw2.pure.cloud'));
	});
});
