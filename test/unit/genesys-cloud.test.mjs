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
const { describeGenesysError, genesysRetry, MAX_RETRY_AFTER_MS, missingPermissionOf } = require(
	`${dist}nodes/GenesysCloud/errors.js`,
);
const { pollDelay } = require(`${dist}nodes/GenesysCloud/actions/integration/create.operation.js`);
const { listQuery } = require(`${dist}nodes/GenesysCloud/actions/integration/getAll.operation.js`);
const { genesysCloudUrls, GENESYS_CLOUD_REGIONS } = require(
	`${dist}nodes/shared/genesysRegions.js`,
);

const CHANNELS = ['apple', 'facebook', 'instagram', 'line', 'open', 'twitter', 'whatsapp'];
const OPERATIONS = ['create', 'delete', 'get', 'getAll', 'update'];

describe('genesys channels', () => {
	it('has exactly the pairs the API has', () => {
		const pairs = supportedPairs()
			.map((p) => `${p.apiVersion}:${p.channel}`)
			.sort();
		assert.deepEqual(pairs, [
			'current:apple',
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
	/** A wire failure as the transport core hands it to the translator. */
	const failure = (status, data, headers = {}, extra = {}) => ({
		status,
		data,
		headers,
		message: 'Request failed',
		...extra,
	});

	it('names the missing permission', () => {
		assert.equal(missingPermissionOf(body), 'messaging:integration:add');
		assert.equal(
			missingPermissionOf({ message: 'You are missing the following permission(s): a:b:c' }),
			'a:b:c',
		);
		const info = describeGenesysError(failure(403, body), {
			operation: 'create a facebook integration',
		});
		assert.equal(
			info.message,
			'Genesys Cloud: the OAuth client is missing the permission messaging:integration:add needed to create a facebook integration',
		);
		assert.deepEqual(info.facts, {
			code: 'missing.permissions',
			status: 403,
			contextId: 'ctx-9',
			permission: 'messaging:integration:add',
		});
		assert.match(info.description, /Context ID: ctx-9/);
	});

	it('falls back to the operation’s permission, header contextId, OAuth errors and plain text', () => {
		const info = describeGenesysError(
			failure(
				403,
				{ code: 'missing.permissions', message: 'denied' },
				{ 'inin-correlation-id': 'h-1' },
			),
			{ operation: 'x', permission: 'p:q:r' },
		);
		assert.equal(info.facts.permission, 'p:q:r');
		assert.equal(info.facts.contextId, 'h-1');
		assert.equal(
			describeGenesysError(
				failure(401, { error: 'invalid_client', error_description: 'authentication failed' }),
				{ operation: 'x' },
			).message,
			'Genesys Cloud: authentication failed',
		);
		assert.equal(
			describeGenesysError(failure(502, 'Bad Gateway'), { operation: 'x' }).message,
			'Genesys Cloud: Bad Gateway',
		);
		assert.equal(
			describeGenesysError(failure(500, undefined), { operation: 'x' }).message,
			'Genesys Cloud: HTTP 500',
		);
		assert.match(
			describeGenesysError(failure(400, { message: 'm', details: [{ fieldName: 'pageId' }] }), {
				operation: 'x',
			}).description,
			/Fields: pageId/,
		);
	});

	it('without an HTTP answer the network error leads the description; no facts are invented', () => {
		const info = describeGenesysError(
			failure(undefined, undefined, {}, { networkCode: 'ECONNRESET', message: 'socket hang up' }),
			{ operation: 'x' },
		);
		assert.equal(info.message, 'Genesys Cloud: HTTP error');
		assert.equal(info.description, 'socket hang up.');
		assert.deepEqual(info.facts, {});
	});
});

describe('genesys retry policy (per call)', () => {
	const rateLimited = (retryAfter) => ({
		status: 429,
		headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
		message: '',
	});
	const unavailable = { status: 503, headers: {}, message: '' };
	const reset = { headers: {}, networkCode: 'ECONNRESET', message: 'socket hang up' };
	const decisions = (policy, failure, times) =>
		Array.from({ length: times }, (_, attempt) => policy.decide(failure, attempt));

	it('429: waits Retry-After (3 s without one), at most 4 times, any method', () => {
		const policy = genesysRetry('POST');
		assert.equal(policy.retries, 7);
		assert.equal(policy.maxDelayMs, MAX_RETRY_AFTER_MS);
		assert.deepEqual(decisions(policy, rateLimited('2'), 5), [
			{ retry: true, delayMs: 2000 },
			{ retry: true, delayMs: 2000 },
			{ retry: true, delayMs: 2000 },
			{ retry: true, delayMs: 2000 },
			{ retry: false },
		]);
		assert.deepEqual(genesysRetry('GET').decide(rateLimited(undefined), 0), {
			retry: true,
			delayMs: 3000,
		});
	});

	it('429 with a Retry-After beyond 60 s: fails at once', () => {
		assert.deepEqual(genesysRetry('GET').decide(rateLimited('61'), 0), { retry: false });
		assert.deepEqual(genesysRetry('GET').decide(rateLimited('60'), 0), {
			retry: true,
			delayMs: 60_000,
		});
	});

	it('5xx and network failures: GET only, at most 3 times, with backoff; counted apart from 429s', () => {
		const get = genesysRetry('GET');
		assert.deepEqual(
			decisions(get, rateLimited('0'), 4).map((d) => d.retry),
			[true, true, true, true],
		);
		assert.deepEqual(
			[...decisions(get, unavailable, 2), ...decisions(get, reset, 2)],
			[{ retry: true }, { retry: true }, { retry: true }, { retry: false }],
		);
		for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'])
			assert.deepEqual(genesysRetry(method).decide(unavailable, 0), { retry: false });
		assert.deepEqual(genesysRetry('GET').decide({ status: 400, headers: {}, message: '' }, 0), {
			retry: false,
		});
	});

	it('each call counts anew', () => {
		const first = genesysRetry('GET');
		decisions(first, unavailable, 3);
		assert.deepEqual(first.decide(unavailable, 3), { retry: false });
		assert.deepEqual(genesysRetry('GET').decide(unavailable, 0), { retry: true });
	});
});

/**
 * The create and update properties of the Genesys Cloud node as released before the channel
 * table generated them (names and option values are stored in users' workflows): one property
 * a line, a collection's options indented below it, in the order the editor shows them.
 * Additions only since (#17): the WhatsApp activation (Phone Number, Two-Step Verification PIN),
 * the Apple Messages for Business fields, and "apple" in the settings references' channels.
 */
const RELEASED_CREATE_AND_UPDATE = String.raw`
{"displayName":"Name","name":"name","type":"string","default":"","required":true,"placeholder":"e.g. Support Page","description":"Name of the integration in Genesys Cloud (also used to find it again if a create is interrupted)","displayOptions":{"show":{"resource":["integration"],"operation":["create"]}}}
{"displayName":"Authenticate With","name":"accessTokenType","type":"options","default":"pageAccessToken","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"]}},"options":[{"name":"Page Access Token","value":"pageAccessToken","description":"A long-lived Page token"},{"name":"User Access Token and Page ID","value":"userAccessToken","description":"A short-lived user token of a Page admin"}]}
{"displayName":"Facebook Secrets From","name":"facebookSecretsFrom","type":"options","noDataExpression":true,"default":"parameters","options":[{"name":"Facebook Credentials","value":"credential","description":"Page token from the Facebook Page credential (with \"User Access Token and Page ID\": the user token of the Facebook App credential); App ID and App Secret from the Facebook App credential"},{"name":"Parameters (Typed or Mapped)","value":"parameters","description":"Enter the tokens, App ID and App Secret below, ideally as expressions mapped from the previous node"}],"displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"@version":[1]}}}
{"displayName":"Facebook Secrets From","name":"facebookSecretsFrom","type":"options","noDataExpression":true,"default":"credential","options":[{"name":"Facebook Credentials","value":"credential","description":"Page token from the Facebook Page credential (with \"User Access Token and Page ID\": the user token of the Facebook App credential); App ID and App Secret from the Facebook App credential"},{"name":"Parameters (Typed or Mapped)","value":"parameters","description":"Enter the tokens, App ID and App Secret below, ideally as expressions mapped from the previous node"}],"displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"@version":[{"_cnd":{"gte":1.1}}]}}}
{"displayName":"A secret typed here is stored in the workflow unencrypted. Prefer an expression that maps it from the previous node (e.g. Facebook Messenger → Token → Get Page Tokens), or choose Facebook Credentials above.","name":"facebookSecretsNotice","type":"notice","default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"facebookSecretsFrom":["parameters"]}}}
{"displayName":"Page Access Token","name":"pageAccessToken","type":"string","typeOptions":{"password":true},"default":"","description":"Best mapped from the previous node with an expression, e.g. pageAccessToken from Facebook Messenger → Token → Get Page Tokens","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"accessTokenType":["pageAccessToken"],"facebookSecretsFrom":["parameters"]}}}
{"displayName":"User Access Token","name":"userAccessToken","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"accessTokenType":["userAccessToken"],"facebookSecretsFrom":["parameters"]}}}
{"displayName":"Page ID","name":"pageId","type":"string","default":"","description":"Numeric ID of the Facebook Page (required with a user token)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"]}}}
{"displayName":"App ID","name":"appId","type":"string","default":"","description":"Your own Facebook app; leave empty to use the Genesys Cloud app (required on the legacy API)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"facebookSecretsFrom":["parameters"]}}}
{"displayName":"App Secret","name":"appSecret","type":"string","typeOptions":{"password":true},"default":"","description":"Secret of the app above (required when App ID is set)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["facebook","instagram"],"facebookSecretsFrom":["parameters"]}}}
{"displayName":"Outbound Webhook URL","name":"outboundNotificationWebhookUrl","type":"string","default":"","placeholder":"https://example.com/genesys/outbound","description":"Where Genesys Cloud posts agent messages (https)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["open"]}}}
{"displayName":"Outbound Webhook Signature Secret","name":"outboundNotificationWebhookSignatureSecretToken","type":"string","typeOptions":{"password":true},"default":"","description":"Secret Genesys Cloud signs outbound webhooks with (X-Hub-Signature-256)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["open"]}}}
{"displayName":"Webhook Headers","name":"webhookHeaders","type":"fixedCollection","typeOptions":{"multipleValues":true},"default":{},"placeholder":"Add Header","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["open"]}},"options":[{"displayName":"Header","name":"header","values":[{"displayName":"Name","name":"name","type":"string","default":""},{"displayName":"Value","name":"value","type":"string","default":""}]}]}
{"displayName":"Signup Code","name":"signupCode","type":"string","typeOptions":{"password":true},"default":"","description":"The authorization code X returned to the redirect URI","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["current"]}}}
{"displayName":"X App Client ID","name":"appId","type":"string","default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["current"]}}}
{"displayName":"Code Challenge","name":"codeChallenge","type":"string","default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["current"]}}}
{"displayName":"Redirect URI","name":"redirectUri","type":"string","default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["current"]}}}
{"displayName":"Consumer Key","name":"consumerKey","type":"string","default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["legacy"]}}}
{"displayName":"Consumer Secret","name":"consumerSecret","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["legacy"]}}}
{"displayName":"Access Token Key","name":"accessTokenKey","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["legacy"]}}}
{"displayName":"Access Token Secret","name":"accessTokenSecret","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["legacy"]}}}
{"displayName":"Tier","name":"tier","type":"options","default":"premium","options":[{"name":"Enterprise","value":"enterprise"},{"name":"Premium","value":"premium"}],"displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["legacy"]}}}
{"displayName":"Environment Name","name":"envName","type":"string","default":"","placeholder":"e.g. env-beta","description":"The Account Activity environment (required for the premium tier)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["twitter"],"apiVersion":["legacy"]}}}
{"displayName":"Embedded Signup Access Token","name":"embeddedSignupAccessToken","type":"string","typeOptions":{"password":true},"default":"","description":"The token Meta's WhatsApp embedded signup returned","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["whatsapp"]}}}
{"displayName":"Phone Number","name":"phoneNumber","type":"string","default":"","placeholder":"e.g. +15550100001","description":"One of the integration's available phone numbers (E.164) to activate it with once the creation completed; leave empty to activate later with Update","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["whatsapp"]}}}
{"displayName":"Two-Step Verification PIN","name":"pin","type":"string","default":"","typeOptions":{"password":true},"description":"The phone number's WhatsApp two-step verification PIN (6 digits)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["whatsapp"]}}}
{"displayName":"Messages for Business ID","name":"messagesForBusinessId","type":"string","default":"","required":true,"description":"The Apple Messages for Business account ID (Apple Business Register)","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["apple"]}}}
{"displayName":"Business Name","name":"businessName","type":"string","default":"","description":"The name of the business shown to customers","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["apple"]}}}
{"displayName":"Logo URL","name":"logoUrl","type":"string","default":"","placeholder":"https://example.com/logo.png","description":"URL of the business's logo","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["apple"]}}}
{"displayName":"Channel ID","name":"channelId","type":"string","default":"","description":"The LINE Messaging API channel ID","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["line"]}}}
{"displayName":"Channel Secret","name":"channelSecret","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["line"]}}}
{"displayName":"Switcher Secret","name":"switcherSecret","type":"string","typeOptions":{"password":true},"default":"","description":"Needed for switcher-enabled LINE accounts","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["line"]}}}
{"displayName":"Service Code","name":"serviceCode","type":"string","default":"","description":"LINE Enterprise accounts only","displayOptions":{"show":{"resource":["integration"],"operation":["create"],"channel":["line"]}}}
{"displayName":"Wait for Completion","name":"waitForCompletion","type":"boolean","default":true,"description":"Whether to poll until Genesys Cloud finishes the creation (createStatus Completed or Error)","displayOptions":{"show":{"resource":["integration"],"operation":["create"]}}}
{"displayName":"Options","name":"options","type":"collection","placeholder":"Add Option","default":{},"displayOptions":{"show":{"resource":["integration"],"operation":["create"]}}}
  {"displayName":"Messaging Setting ID","name":"messagingSettingId","type":"string","default":"","description":"ID of a messaging setting (Admin → Message → Platform Configs) to apply; current API only"}
  {"displayName":"Supported Content ID","name":"supportedContentId","type":"string","default":"","description":"ID of a supported content profile (allowed media types); current API only"}
  {"displayName":"Timeout (Seconds)","name":"timeout","type":"number","typeOptions":{"minValue":1,"maxValue":3600},"default":120,"description":"How long to wait for the creation to finish before failing"}
{"displayName":"Integration","name":"integrationId","type":"resourceLocator","default":{"mode":"list","value":""},"required":true,"description":"The messaging integration on the chosen channel and API version","modes":[{"displayName":"From List","name":"list","type":"list","typeOptions":{"searchListMethod":"searchIntegrations","searchable":true}},{"displayName":"By ID","name":"id","type":"string","placeholder":"e.g. 6b0a5c1e-2b4f-4d8e-9a3c-1f2e3d4c5b6a","validation":[{"type":"regex","properties":{"regex":"^[0-9A-Za-z-]{8,64}$","errorMessage":"Not a Genesys Cloud integration ID"}}]}],"displayOptions":{"show":{"resource":["integration"],"operation":["update"]}}}
{"displayName":"Facebook Secrets From","name":"facebookSecretsFrom","type":"options","noDataExpression":true,"default":"parameters","options":[{"name":"Facebook Credentials","value":"credential","description":"Send the Page token of the Facebook Page credential (renews the integration's token), with the Update Fields"},{"name":"Parameters (Typed or Mapped)","value":"parameters","description":"Send a token only when Page Access Token or User Access Token is added to Update Fields, typed or mapped from the previous node"}],"displayOptions":{"show":{"resource":["integration"],"operation":["update"],"channel":["facebook","instagram"],"@version":[1]}}}
{"displayName":"Facebook Secrets From","name":"facebookSecretsFrom","type":"options","noDataExpression":true,"default":"credential","options":[{"name":"Facebook Credentials","value":"credential","description":"Send the Page token of the Facebook Page credential (renews the integration's token), with the Update Fields"},{"name":"Parameters (Typed or Mapped)","value":"parameters","description":"Send a token only when Page Access Token or User Access Token is added to Update Fields, typed or mapped from the previous node"}],"displayOptions":{"show":{"resource":["integration"],"operation":["update"],"channel":["facebook","instagram"],"@version":[{"_cnd":{"gte":1.1}}]}}}
{"displayName":"A secret typed here is stored in the workflow unencrypted. Prefer an expression that maps it from the previous node (e.g. Facebook Messenger → Token → Get Page Tokens), or choose Facebook Credentials above.","name":"facebookSecretsNotice","type":"notice","default":"","displayOptions":{"show":{"resource":["integration"],"operation":["update"],"channel":["facebook","instagram"],"facebookSecretsFrom":["parameters"]}}}
{"displayName":"Update Fields","name":"updateFields","type":"collection","placeholder":"Add Field","default":{},"displayOptions":{"show":{"resource":["integration"],"operation":["update"]}}}
  {"displayName":"Business Name","name":"businessName","type":"string","default":"","displayOptions":{"show":{"/channel":["apple"]}}}
  {"displayName":"Channel ID","name":"channelId","type":"string","default":"","displayOptions":{"show":{"/channel":["line"]}},"description":"Only while the integration is inactive"}
  {"displayName":"Channel Secret","name":"channelSecret","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"/channel":["line"]}},"description":"Only while the integration is inactive"}
  {"displayName":"Code Challenge","name":"codeChallenge","type":"string","default":"","displayOptions":{"show":{"/channel":["twitter"]}}}
  {"displayName":"Logo URL","name":"logoUrl","type":"string","default":"","displayOptions":{"show":{"/channel":["apple"]}}}
  {"displayName":"Messaging Setting ID","name":"messagingSettingId","type":"string","default":"","displayOptions":{"show":{"/channel":["apple","facebook","instagram","open","twitter","whatsapp"]}},"description":"ID of a messaging setting (Admin → Message → Platform Configs) to apply; current API only"}
  {"displayName":"Supported Content ID","name":"supportedContentId","type":"string","default":"","displayOptions":{"show":{"/channel":["apple","facebook","instagram","open","twitter","whatsapp"]}},"description":"ID of a supported content profile (allowed media types); current API only"}
  {"displayName":"Name","name":"name","type":"string","default":""}
  {"displayName":"Outbound Webhook Signature Secret","name":"outboundNotificationWebhookSignatureSecretToken","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"/channel":["open"]}}}
  {"displayName":"Outbound Webhook URL","name":"outboundNotificationWebhookUrl","type":"string","default":"","displayOptions":{"show":{"/channel":["open"]}}}
  {"displayName":"Page Access Token","name":"pageAccessToken","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"/channel":["facebook","instagram"],"/facebookSecretsFrom":["parameters"]}},"description":"Best mapped from the previous node with an expression, e.g. pageAccessToken from Facebook Messenger → Token → Get Page Tokens"}
  {"displayName":"Phone Number","name":"phoneNumber","type":"string","default":"","displayOptions":{"show":{"/channel":["whatsapp"]}},"description":"Activates the integration with one of its available phone numbers (E.164); needs Two-Step Verification PIN"}
  {"displayName":"Redirect URI","name":"redirectUri","type":"string","default":"","displayOptions":{"show":{"/channel":["twitter"]}}}
  {"displayName":"Service Code","name":"serviceCode","type":"string","default":"","displayOptions":{"show":{"/channel":["line"]}}}
  {"displayName":"Signup Code","name":"signupCode","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"/channel":["twitter"]}}}
  {"displayName":"Switcher Secret","name":"switcherSecret","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"/channel":["line"]}}}
  {"displayName":"Two-Step Verification PIN","name":"pin","type":"string","default":"","typeOptions":{"password":true},"displayOptions":{"show":{"/channel":["whatsapp"]}},"description":"The phone number's WhatsApp two-step verification PIN (6 digits)"}
  {"displayName":"User Access Token","name":"userAccessToken","type":"string","typeOptions":{"password":true},"default":"","displayOptions":{"show":{"/channel":["facebook","instagram"],"/facebookSecretsFrom":["parameters"]}}}
  {"displayName":"Webhook Headers","name":"webhookHeaders","type":"fixedCollection","typeOptions":{"multipleValues":true},"default":{},"displayOptions":{"show":{"/channel":["open"]}},"options":[{"displayName":"Header","name":"header","values":[{"displayName":"Name","name":"name","type":"string","default":""},{"displayName":"Value","name":"value","type":"string","default":""}]}]}
`;

/** The snapshot as properties: each indented line joins the collection above it. */
function releasedProperties() {
	const properties = [];
	for (const line of RELEASED_CREATE_AND_UPDATE.split('\n').filter(Boolean)) {
		if (line.startsWith('  ')) properties.at(-1).options.push(JSON.parse(line));
		else
			properties.push({
				...JSON.parse(line),
				...(line.includes('"type":"collection"') ? { options: [] } : {}),
			});
	}
	return properties;
}

/** The `show` keys of every displayOptions, in order: n8n stops at the first expression. */
const showKeys = (properties) =>
	properties.flatMap((p) => [
		`${p.name}: ${Object.keys(p.displayOptions?.show ?? {}).join(',')}`,
		...showKeys(p.type === 'collection' ? p.options : []),
	]);

describe('genesys create and update properties, generated from the channel table', () => {
	const { GenesysCloud } = require(`${dist}nodes/GenesysCloud/GenesysCloud.node.js`);
	const generated = JSON.parse(JSON.stringify(new GenesysCloud().description.properties)).filter(
		(p) => ['create', 'update'].some((o) => p.displayOptions?.show?.operation?.includes(o)),
	);
	const released = releasedProperties();

	it('are the released ones: names, types, options, defaults, displayOptions, texts, order', () => {
		assert.deepEqual(
			generated.map((p) => p.name),
			released.map((p) => p.name),
		);
		for (const [index, property] of released.entries()) {
			const now = generated[index];
			if (property.type === 'collection') {
				assert.deepEqual(
					now.options.map((o) => o.name),
					property.options.map((o) => o.name),
					`${property.name}: its options and their order`,
				);
			}
			assert.deepEqual(now, property, `${property.name} as released`);
		}
		assert.deepEqual(showKeys(generated), showKeys(released));
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
