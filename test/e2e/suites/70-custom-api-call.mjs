// n8n's "Custom API Call" in the real n8n. n8n 2.40 adds it to the Resource and Operation lists of
// every (latest-version) node one of whose credentials defines `authenticate`, and expects the
// HTTP Request node, with Authentication "Predefined Credential Type" and that credential, to make
// the call. Checked here: which of this package's nodes n8n offers it for (Genesys Engage not: its
// writes need a session cookie and CSRF token no credential can keep, see the README), and that the
// HTTP Request node really authenticates with Genesys Cloud's credential (the one it is offered
// for), and with the Sunshine and Facebook ones, against the emulators.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';
import { GENESYS_CLOUD, GRAPH, SUNSHINE } from '../../emulators/fixtures.mjs';

const PACKAGE = 'n8n-nodes-messenger-bridge';
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Webhook → HTTP Request (predefined credential `type`); the body gives method, URL and JSON body. */
function httpRequestWorkflow(id, type) {
	return webhookWorkflow({
		id,
		name: `e2e custom api call ${type}`,
		path: `custom-api-call-${type.toLowerCase()}`,
		node: {
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: '={{ $json.body.method }}',
				url: '={{ $json.body.url }}',
				authentication: 'predefinedCredentialType',
				nodeCredentialType: type,
				sendBody: '={{ $json.body.method === "POST" }}',
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json.body.json ?? {}) }}',
				options: {},
			},
		},
		credentials: { [type]: CREDENTIAL_REFS[type] },
	});
}

const CALLS = {
	genesysCloudOAuth2Api: 'mbCustomApiCloud',
	sunshineConversationsApi: 'mbCustomApiSun01',
	facebookPageApi: 'mbCustomApiFbPg1',
	facebookAppApi: 'mbCustomApiFbApp',
};
for (const [type, id] of Object.entries(CALLS)) env.addWorkflows(httpRequestWorkflow(id, type));

async function call(type, body) {
	const response = await env.webhook(`custom-api-call-${type.toLowerCase()}`, { body });
	assert.equal(response.status, 200, `${type}: ${response.text}`);
	return response.json;
}

describe('Custom API Call: where n8n offers it', () => {
	// n8n counts a credential's `authenticate` only when it is a property of the loaded credential
	// (Genesys Cloud's generic object); the class-method `authenticate` of the Facebook, Airy and
	// Sunshine credentials does not make it offer the option (n8n 2.40.7, seen here).
	it('Genesys Cloud gets it; Genesys Engage (whose credential has no authenticate), the others and the trigger do not', async () => {
		const types = await env.rest('/types/nodes.json');
		const offers = (name) => {
			const node = types.find((t) => t.name === `${PACKAGE}.${name}`);
			assert.ok(node, `${name} is loaded`);
			return node.properties.some(
				(p) =>
					['resource', 'operation'].includes(p.name) &&
					p.options?.some((o) => o.value === CUSTOM_API_CALL),
			);
		};
		assert.deepEqual(
			Object.fromEntries(
				[
					'genesysCloud',
					'genesysEngage',
					'airy',
					'sunshineConversations',
					'facebookMessenger',
					'messengerTrigger',
				].map((n) => [n, offers(n)]),
			),
			{
				genesysCloud: true,
				genesysEngage: false,
				airy: false,
				sunshineConversations: false,
				facebookMessenger: false,
				messengerTrigger: false,
			},
		);
	});
});

describe("Custom API Call: the HTTP Request node with this package's credentials", () => {
	it('Genesys Cloud: the client-credentials token is minted and sent as Bearer', async () => {
		const gc = env.emulators.genesysCloud;
		gc.api.reset?.();
		const [org] = await call('genesysCloudOAuth2Api', {
			method: 'GET',
			url: `${gc.api.url}/api/v2/organizations/me`,
		});
		assert.ok(org.id, JSON.stringify(org));
		const [request] = gc.api.requestsTo('GET', '/api/v2/organizations/me').slice(-1);
		assert.equal(request.status, 200);
		assert.match(request.headers.authorization, /^Bearer \S+/);
		assert.ok(!JSON.stringify(org).includes(GENESYS_CLOUD.clientSecret));
	});

	it("Sunshine Conversations: the app, with the key's authentication", async () => {
		const sunshine = env.emulators.sunshine;
		const [result] = await call('sunshineConversationsApi', {
			method: 'GET',
			url: `${sunshine.url}/v2/apps/${SUNSHINE.appId}`,
		});
		assert.equal(result.app?.id, SUNSHINE.appId, JSON.stringify(result));
		const request = sunshine.requests.at(-1);
		assert.equal(request.status, 200);
		assert.ok(request.headers.authorization, 'authenticated');
	});

	it('Facebook Page and Facebook App: Graph calls with the token in the Authorization header, never in the URL', async () => {
		const graph = env.emulators.graph;
		const [me] = await call('facebookPageApi', { method: 'GET', url: `${graph.url}/v25.0/me` });
		assert.equal(me.id, GRAPH.pageId, JSON.stringify(me));
		const [app] = await call('facebookAppApi', {
			method: 'GET',
			url: `${graph.url}/v25.0/${GRAPH.appId}`,
		});
		assert.equal(app.id, GRAPH.appId, JSON.stringify(app));
		for (const request of graph.requests.slice(-2)) {
			assert.equal(request.status, 200, `${request.method} ${request.path}`);
			assert.match(request.headers.authorization ?? '', /^(Bearer|OAuth) /);
			assert.doesNotMatch(request.url ?? request.path, /access_token=/);
		}
	});
});
