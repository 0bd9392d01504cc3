// "Facebook Secrets From" on the nodes that hand Facebook secrets to another platform (Genesys
// Cloud integration create/update, Airy Core explore/connect, Sunshine Conversations create):
// version 1.1 takes them from the Facebook App / Facebook Page credentials by default; typed or
// mapped parameters still work and are flagged; version 1 workflows keep their typed values.
// The editor's credential logic is checked with n8n-workflow's own NodeHelpers and a copy of the
// editor's main-auth-field rule; execution runs against the emulators, and no secret reaches an
// output item or an error.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { atVersion, CredentialStore, loadNode, runExecute, workflow } from '../helpers/harness.mjs';
import { start as startGenesys, REJECTED_PAGE_TOKEN } from '../emulators/genesys-cloud/index.mjs';
import { start as startAiry } from '../emulators/airy/index.mjs';
import { start as startSunshine } from '../emulators/sunshine/index.mjs';
import { AIRY, GENESYS_CLOUD, GRAPH, SUNSHINE } from '../emulators/fixtures.mjs';

const { NodeHelpers, NodeOperationError } = workflow;
const nodes = {
	genesysCloud: loadNode('GenesysCloud'),
	airy: loadNode('Airy'),
	sunshine: loadNode('SunshineConversations'),
};

// Values only the Facebook credentials hold in these tests: if one shows up in a request, it came
// from the credential; if one shows up in an output or an error, it leaked.
const APP_SECRET = GRAPH.appSecret;
const USER_TOKEN = GRAPH.userAccessToken;
const PAGE_TOKEN = GRAPH.pageAccessToken;
const SECRETS = [
	APP_SECRET,
	USER_TOKEN,
	PAGE_TOKEN,
	REJECTED_PAGE_TOKEN,
	GENESYS_CLOUD.clientSecret,
	AIRY.token,
	SUNSHINE.secret,
	'EAAemulator',
];
const facebook = (overrides = {}) => ({
	facebookAppApi: {
		appId: GRAPH.appId,
		appSecret: APP_SECRET,
		userAccessToken: USER_TOKEN,
		...(overrides.app ?? {}),
	},
	facebookPageApi: { pageAccessToken: PAGE_TOKEN, pageId: GRAPH.pageId, ...(overrides.page ?? {}) },
});
const assertNoSecrets = (label, value) => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	for (const secret of SECRETS)
		assert.ok(!text.includes(secret), `${label} carries ${secret.slice(0, 8)}…`);
};
const errorText = (error) =>
	JSON.stringify({
		message: error.message,
		description: error.description,
		context: error.context,
		cause: String(error.cause ?? ''),
		response: error.errorResponse ?? null,
	});

// ── the editor's view ─────────────────────────────────────────────────────────────────────────

/**
 * n8n editor-ui's getMainAuthField (utils/nodeTypesUtils: getNodeAuthFields,
 * findAlternativeAuthField; isNodeParameterRequired is always true there), as built into n8n
 * 2.40.7's editor: a node parameter named `authentication`, or a parameter with options named in
 * the credentials' displayOptions.show whose every option value appears there, is hidden and set
 * by the credential picker.
 */
function mainAuthField(description) {
	const authFields = [];
	for (const credential of description.credentials ?? []) {
		for (const name of Object.keys(credential.displayOptions?.show ?? {})) {
			for (const property of description.properties.filter((p) => p.name === name)) {
				if (!authFields.includes(property)) authFields.push(property);
			}
		}
	}
	const named = authFields.find(
		(p) => p.name === 'authentication' && !p.options?.some((o) => o.value === 'none'),
	);
	if (named) return named;
	const values = {};
	for (const credential of description.credentials ?? []) {
		for (const [name, list] of Object.entries(credential.displayOptions?.show ?? {})) {
			values[name] = [...(values[name] ?? []), ...(list ?? []).map((v) => (v ? v.toString() : ''))];
		}
	}
	return (
		authFields.find(
			(field) =>
				field.options?.length &&
				field.options.every(
					(o) => typeof o.value !== 'string' || values[field.name].includes(o.value),
				),
		) ?? null
	);
}

/** The parameters n8n keeps for a node (defaults of its version, hidden ones removed). */
function nodeParameters(nodeType, typeVersion, parameters) {
	return NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		parameters,
		true,
		false,
		{ typeVersion },
		nodeType.description,
	);
}

/** The credentials n8n shows for (and lets execute() read on) a node with these parameters. */
function activeCredentials(nodeType, typeVersion, parameters) {
	const node = { typeVersion, parameters: nodeParameters(nodeType, typeVersion, parameters) };
	return [...NodeHelpers.getActiveCredentialTypes(node, nodeType.description)].sort();
}

const FB = ['facebookAppApi', 'facebookPageApi'];

describe('Facebook Secrets From: what n8n and its editor make of the descriptions', () => {
	it('the editor takes no node parameter for the main auth field (operation and the others stay visible)', () => {
		for (const [name, nodeType] of Object.entries(nodes))
			assert.equal(mainAuthField(nodeType.description)?.name ?? null, null, name);
	});

	it('the copy of the editor rule does catch a credential keyed on every value of a parameter', () => {
		const description = nodes.airy.description;
		const bad = {
			...description,
			credentials: [
				{
					name: 'facebookAppApi',
					displayOptions: { show: { facebookSecretsFrom: ['credential'] } },
				},
				{
					name: 'facebookPageApi',
					displayOptions: { show: { facebookSecretsFrom: ['parameters'] } },
				},
			],
		};
		assert.equal(mainAuthField(bad)?.name, 'facebookSecretsFrom');
	});

	it('each node has versions 1 and 1.1; new nodes default to the credentials, version 1 nodes to parameters', () => {
		const cases = [
			['genesysCloud', { resource: 'integration', operation: 'create', channel: 'facebook' }],
			['genesysCloud', { resource: 'integration', operation: 'update', channel: 'instagram' }],
			['airy', { resource: 'facebook', operation: 'explore' }],
			['airy', { resource: 'instagram', operation: 'connect' }],
			['sunshine', { resource: 'integration', operation: 'create' }],
		];
		for (const [name, parameters] of cases) {
			assert.deepEqual(nodes[name].description.version, [1, 1.1]);
			assert.equal(
				nodeParameters(nodes[name], 1, parameters).facebookSecretsFrom,
				'parameters',
				`${name} v1`,
			);
			assert.equal(
				nodeParameters(nodes[name], 1.1, parameters).facebookSecretsFrom,
				'credential',
				`${name} v1.1`,
			);
		}
	});

	it('the Facebook credentials are shown exactly where the credentials are the source', () => {
		const gc = (extra) => ({
			resource: 'integration',
			operation: 'create',
			channel: 'facebook',
			...extra,
		});
		const genesys = (v, p) => activeCredentials(nodes.genesysCloud, v, p);
		assert.deepEqual(genesys(1.1, gc()), [...FB, 'genesysCloudOAuth2Api'].sort());
		assert.deepEqual(genesys(1.1, gc({ accessTokenType: 'userAccessToken' })), [
			'facebookAppApi',
			'genesysCloudOAuth2Api',
		]);
		assert.deepEqual(genesys(1.1, gc({ operation: 'update' })), [
			'facebookPageApi',
			'genesysCloudOAuth2Api',
		]);
		assert.deepEqual(genesys(1.1, gc({ facebookSecretsFrom: 'parameters' })), [
			'genesysCloudOAuth2Api',
		]);
		assert.deepEqual(genesys(1, gc()), ['genesysCloudOAuth2Api']);
		assert.deepEqual(genesys(1.1, gc({ channel: 'open' })), ['genesysCloudOAuth2Api']);
		assert.deepEqual(genesys(1.1, gc({ operation: 'getAll' })), ['genesysCloudOAuth2Api']);
		assert.deepEqual(genesys(1.1, { resource: 'sticker', operation: 'getAll' }), [
			'genesysCloudOAuth2Api',
		]);

		const airy = (v, p) => activeCredentials(nodes.airy, v, p);
		assert.deepEqual(airy(1.1, { resource: 'facebook', operation: 'explore' }), [
			'airyApi',
			'facebookAppApi',
		]);
		assert.deepEqual(airy(1.1, { resource: 'facebook', operation: 'connect' }), [
			'airyApi',
			'facebookPageApi',
		]);
		assert.deepEqual(airy(1.1, { resource: 'instagram', operation: 'connect' }), [
			'airyApi',
			'facebookPageApi',
		]);
		assert.deepEqual(airy(1.1, { resource: 'instagram', operation: 'disconnect' }), ['airyApi']);
		assert.deepEqual(airy(1, { resource: 'facebook', operation: 'connect' }), ['airyApi']);

		const sunshine = (v, p) => activeCredentials(nodes.sunshine, v, p);
		assert.deepEqual(
			sunshine(1.1, { resource: 'integration', operation: 'create' }),
			[...FB, 'sunshineConversationsApi'].sort(),
		);
		assert.deepEqual(sunshine(1.1, { resource: 'integration', operation: 'update' }), [
			'sunshineConversationsApi',
		]);
		assert.deepEqual(sunshine(1, { resource: 'integration', operation: 'create' }), [
			'sunshineConversationsApi',
		]);
	});

	it('typed secret fields appear only with "Parameters", together with the unencrypted-storage notice', () => {
		const cases = [
			[
				'genesysCloud',
				{ resource: 'integration', operation: 'create', channel: 'facebook' },
				['pageAccessToken', 'appId', 'appSecret'],
			],
			['airy', { resource: 'facebook', operation: 'explore' }, ['authToken']],
			['airy', { resource: 'facebook', operation: 'connect' }, ['pageToken']],
			[
				'sunshine',
				{ resource: 'integration', operation: 'create' },
				['pageAccessToken', 'appId', 'appSecret'],
			],
		];
		for (const [name, parameters, fields] of cases) {
			const typed = nodeParameters(nodes[name], 1.1, {
				...parameters,
				facebookSecretsFrom: 'parameters',
			});
			const fromCredential = nodeParameters(nodes[name], 1.1, parameters);
			for (const field of [...fields, 'facebookSecretsNotice']) {
				assert.ok(field in typed, `${name}: ${field} shown with Parameters`);
				assert.ok(!(field in fromCredential), `${name}: ${field} hidden with Facebook Credentials`);
			}
			// Old workflows still see (and run with) their typed fields.
			for (const field of fields)
				assert.ok(field in nodeParameters(nodes[name], 1, parameters), `${name} v1: ${field}`);
		}
		const notice = nodes.airy.description.properties.find(
			(p) => p.name === 'facebookSecretsNotice',
		);
		assert.equal(notice.type, 'notice');
		assert.match(notice.displayName, /stored in the workflow unencrypted/);
		// Genesys update: the token fields inside Update Fields follow the same choice.
		const update = nodes.genesysCloud.description.properties.find(
			(p) => p.name === 'updateFields' && p.displayOptions.show.operation[0] === 'update',
		);
		for (const token of ['pageAccessToken', 'userAccessToken']) {
			assert.deepEqual(
				update.options.find((o) => o.name === token).displayOptions.show['/facebookSecretsFrom'],
				['parameters'],
			);
		}
	});
});

// ── Genesys Cloud ─────────────────────────────────────────────────────────────────────────────

describe('Genesys Cloud: Facebook and Instagram integrations', () => {
	let gc;
	const node = nodes.genesysCloud;
	const store = (overrides) =>
		new CredentialStore({
			genesysCloudOAuth2Api: {
				region: 'custom',
				customApiUrl: gc.api.url,
				customLoginUrl: gc.login.url,
				clientId: GENESYS_CLOUD.clientId,
				clientSecret: GENESYS_CLOUD.clientSecret,
			},
			...facebook(overrides),
		});
	const create = (extra = {}) => ({
		resource: 'integration',
		operation: 'create',
		channel: 'facebook',
		apiVersion: 'current',
		name: 'Support Page',
		waitForCompletion: false,
		...extra,
	});
	const posted = () => gc.api.requestsTo('POST', '/integrations/facebook').map((r) => r.body);
	beforeAll(async () => {
		gc = await startGenesys({ ports: { genesysApi: 0, genesysLogin: 0 } });
	});
	afterAll(async () => gc.close());
	beforeEach(() => {
		gc.api.reset();
		gc.api.clearRequests();
		gc.login.clearRequests();
	});

	it('a new node (1.1) sends the Page credential token and the App credential ID and secret; the output holds none', async () => {
		const { output, error } = await runExecute(node, {
			parameters: create(),
			credentials: store(),
		});
		assert.ifError(error);
		assert.deepEqual(posted(), [
			{
				name: 'Support Page',
				pageAccessToken: PAGE_TOKEN,
				appId: GRAPH.appId,
				appSecret: APP_SECRET,
			},
		]);
		assertNoSecrets('output', output);
	});

	it('with "User Access Token and Page ID" the user token comes from the App credential', async () => {
		const { output, error } = await runExecute(node, {
			parameters: create({
				channel: 'instagram',
				accessTokenType: 'userAccessToken',
				pageId: GRAPH.pageId,
			}),
			credentials: store(),
		});
		assert.ifError(error);
		assert.deepEqual(
			gc.api.requestsTo('POST', '/integrations/instagram').map((r) => r.body),
			[
				{
					name: 'Support Page',
					userAccessToken: USER_TOKEN,
					pageId: GRAPH.pageId,
					appId: GRAPH.appId,
					appSecret: APP_SECRET,
				},
			],
		);
		assertNoSecrets('output', output);
	});

	it('typed secrets left from "Parameters" are not used while the credentials are the source', async () => {
		const { error } = await runExecute(node, {
			parameters: create({ pageAccessToken: 'EAAtypedLeftover', appId: '999', appSecret: 'typed' }),
			credentials: store(),
		});
		assert.ifError(error);
		assert.equal(posted()[0].pageAccessToken, PAGE_TOKEN);
		assert.equal(posted()[0].appId, GRAPH.appId);
	});

	it('"Parameters" (1.1) sends the typed or mapped values, even with Facebook credentials around', async () => {
		const { output, error } = await runExecute(node, {
			parameters: create({
				facebookSecretsFrom: 'parameters',
				pageAccessToken: 'EAAemulatorPageToken104000000000002',
			}),
			credentials: store(),
		});
		assert.ifError(error);
		assert.deepEqual(posted(), [
			{ name: 'Support Page', pageAccessToken: 'EAAemulatorPageToken104000000000002' },
		]);
		assertNoSecrets('output', output);
	});

	it('a version 1 workflow without the new parameter keeps its typed values', async () => {
		const { error } = await runExecute(atVersion(node, 1), {
			parameters: create({
				pageAccessToken: 'EAAemulatorPageToken104000000000003',
				appId: '777',
				appSecret: 'typed-secret',
			}),
			credentials: store(),
		});
		assert.ifError(error);
		assert.deepEqual(posted(), [
			{
				name: 'Support Page',
				pageAccessToken: 'EAAemulatorPageToken104000000000003',
				appId: '777',
				appSecret: 'typed-secret',
			},
		]);
	});

	it('update (1.1) renews the token from the Page credential; typed tokens in Update Fields are ignored', async () => {
		const created = (await runExecute(node, { parameters: create(), credentials: store() }))
			.output[0][0].json;
		const { output, error } = await runExecute(node, {
			parameters: {
				resource: 'integration',
				operation: 'update',
				channel: 'facebook',
				apiVersion: 'current',
				integrationId: { __rl: true, mode: 'id', value: created.id },
				updateFields: { name: 'Renamed', userAccessToken: 'EAAtypedUser' },
			},
			credentials: store(),
		});
		assert.ifError(error);
		assert.deepEqual(
			gc.api.requestsTo('PATCH', created.id).map((r) => r.body),
			[{ name: 'Renamed', pageAccessToken: PAGE_TOKEN }],
		);
		assertNoSecrets('output', output);
	});

	it('no Facebook credential chosen, or one without the field: a message saying what to change, no request', async () => {
		const missingPage = await runExecute(node, {
			parameters: create(),
			credentials: new CredentialStore({
				genesysCloudOAuth2Api: store().get('genesysCloudOAuth2Api'),
				facebookAppApi: facebook().facebookAppApi,
			}),
		});
		assert.ok(missingPage.error instanceof NodeOperationError);
		assert.equal(missingPage.error.message, 'Choose a Facebook Page credential');
		assert.match(missingPage.error.description, /set Facebook Secrets From to "Parameters"/);
		const noUserToken = await runExecute(node, {
			parameters: create({ accessTokenType: 'userAccessToken', pageId: GRAPH.pageId }),
			credentials: store({ app: { userAccessToken: '' } }),
		});
		assert.ok(noUserToken.error instanceof NodeOperationError);
		assert.equal(noUserToken.error.message, 'The Facebook App credential has no User Access Token');
		assert.equal(gc.api.requests.length, 0);
		assert.equal(gc.login.requests.length, 0);
	});

	it('a token Facebook rejects fails the create without the token in the error', async () => {
		const { error } = await runExecute(node, {
			parameters: create({ waitForCompletion: true }),
			credentials: store({ page: { pageAccessToken: REJECTED_PAGE_TOKEN } }),
		});
		assert.ok(error);
		assert.match(error.message, /could not create the facebook integration/);
		assertNoSecrets('error', errorText(error));
	});
});

// ── Airy Core ─────────────────────────────────────────────────────────────────────────────────

describe('Airy Core: explore and connect', () => {
	let airy;
	const node = nodes.airy;
	const store = (overrides) =>
		new CredentialStore({
			airyApi: { baseUrl: airy.url, token: AIRY.token },
			...facebook(overrides),
		});
	beforeAll(async () => {
		airy = await startAiry({ ports: { airy: 0 } });
	});
	afterAll(async () => airy.close());
	beforeEach(() => {
		airy.clearRequests();
		airy.state.channels.clear();
	});

	it('explore (1.1) sends the App credential user token; the output holds no token', async () => {
		const { output, error } = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'explore' },
			credentials: store(),
		});
		assert.ifError(error);
		assert.ok(output[0].length > 0);
		assert.deepEqual(
			airy.requests.map((r) => r.body),
			[{ auth_token: USER_TOKEN }],
		);
		assertNoSecrets('output', output);
	});

	it('connect (1.1), Facebook and Instagram, sends the Page credential token; outputs hold no token', async () => {
		const facebookPage = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'connect', pageId: GRAPH.pageId },
			credentials: store(),
		});
		assert.ifError(facebookPage.error);
		const instagram = await runExecute(node, {
			parameters: {
				resource: 'instagram',
				operation: 'connect',
				pageId: GRAPH.pageId,
				accountId: '17841400000000001',
			},
			credentials: store(),
		});
		assert.ifError(instagram.error);
		assert.deepEqual(
			airy.requests.map((r) => r.body.page_token),
			[PAGE_TOKEN, PAGE_TOKEN],
		);
		assertNoSecrets('output', [facebookPage.output, instagram.output]);
	});

	it('"Parameters" and version 1 use the typed or mapped token', async () => {
		const typed = await runExecute(node, {
			parameters: {
				resource: 'facebook',
				operation: 'explore',
				facebookSecretsFrom: 'parameters',
				authToken: USER_TOKEN,
			},
			credentials: store({ app: { userAccessToken: 'EAAnotThisOne' } }),
		});
		assert.ifError(typed.error);
		const v1 = await runExecute(atVersion(node, 1), {
			parameters: {
				resource: 'facebook',
				operation: 'connect',
				pageId: GRAPH.pageId,
				pageToken: PAGE_TOKEN,
			},
			credentials: store({ page: { pageAccessToken: 'EAAnotThisOne' } }),
		});
		assert.ifError(v1.error);
		assert.deepEqual(
			airy.requests.map((r) => r.body.auth_token ?? r.body.page_token),
			[USER_TOKEN, PAGE_TOKEN],
		);
	});

	it('a credential token Facebook refuses is reported without the token; a missing credential before any request', async () => {
		const refused = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'connect', pageId: GRAPH.pageId },
			credentials: store({ page: { pageAccessToken: 'EAAemulatorPageToken104000000000002' } }),
		});
		assert.ok(refused.error);
		assertNoSecrets('error', errorText(refused.error));
		airy.clearRequests();
		const missing = await runExecute(node, {
			parameters: { resource: 'facebook', operation: 'explore' },
			credentials: new CredentialStore({ airyApi: { baseUrl: airy.url, token: AIRY.token } }),
		});
		assert.ok(missing.error instanceof NodeOperationError);
		assert.equal(missing.error.message, 'Choose a Facebook App credential');
		assert.equal(airy.requests.length, 0);
	});
});

// ── Sunshine Conversations ────────────────────────────────────────────────────────────────────

describe('Sunshine Conversations: create', () => {
	let sunshine;
	const node = nodes.sunshine;
	const store = (overrides) =>
		new CredentialStore({
			sunshineConversationsApi: {
				baseUrl: sunshine.url,
				appId: SUNSHINE.appId,
				keyId: SUNSHINE.keyId,
				secret: SUNSHINE.secret,
				authMethod: 'basic',
			},
			...facebook(overrides),
		});
	const create = (extra = {}) => ({
		resource: 'integration',
		operation: 'create',
		type: 'messenger',
		displayName: 'Messenger',
		...extra,
	});
	beforeAll(async () => {
		sunshine = await startSunshine({ ports: { sunshine: 0 } });
	});
	afterAll(async () => sunshine.close());
	beforeEach(() => {
		sunshine.clearRequests();
		for (const [id, integration] of sunshine.state.integrations)
			if (String(integration.pageId) === GRAPH.pageId) sunshine.state.integrations.delete(id);
	});

	it('a new node (1.1) sends the Page token and the Facebook app ID and secret from the credentials; the output holds none', async () => {
		const { output, error } = await runExecute(node, {
			parameters: create(),
			credentials: store(),
		});
		assert.ifError(error);
		const [request] = sunshine.requests;
		assert.deepEqual(request.body, {
			type: 'messenger',
			pageAccessToken: PAGE_TOKEN,
			appId: GRAPH.appId,
			appSecret: APP_SECRET,
			displayName: 'Messenger',
		});
		assertNoSecrets('output', output);
	});

	it('version 1 keeps the typed values', async () => {
		const { error } = await runExecute(atVersion(node, 1), {
			parameters: create({
				pageAccessToken: PAGE_TOKEN,
				appId: GRAPH.appId,
				appSecret: APP_SECRET,
			}),
			credentials: store({
				app: { appSecret: 'not-this-one' },
				page: { pageAccessToken: 'EAAnotThisOne' },
			}),
		});
		assert.ifError(error);
		assert.equal(sunshine.requests[0].body.appSecret, APP_SECRET);
		assert.equal(sunshine.requests[0].body.pageAccessToken, PAGE_TOKEN);
	});

	it('an App credential whose secret Facebook refuses: Sunshine error without any secret', async () => {
		const { error } = await runExecute(node, {
			parameters: create(),
			credentials: store({ app: { appSecret: 'emulator-app-secret-wrong' } }),
		});
		assert.ok(error instanceof workflow.NodeApiError, String(error));
		assert.equal(sunshine.requests.length, 1);
		assertNoSecrets('error', errorText(error).replace(/emulator-app-secret-wrong/g, ''));
		assert.ok(
			!errorText(error).includes('emulator-app-secret-wrong'),
			'the wrong secret is not echoed either',
		);
	});

	it('an App credential without App ID: a message saying what to change, no request', async () => {
		const { error } = await runExecute(node, {
			parameters: create(),
			credentials: store({ app: { appId: ' ' } }),
		});
		assert.ok(error instanceof NodeOperationError);
		assert.equal(error.message, 'The Facebook App credential has no App ID');
		assert.equal(sunshine.requests.length, 0);
	});
});
