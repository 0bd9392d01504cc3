// Genesys Cloud node in the real n8n, on the current API's channels of late 2026: Apple Messages
// for Business (create and wait, update, list, delete), WhatsApp through embedded signup with the
// number activated in the same create (Initiated → Completed → Starting → Active), and LINE on
// the current API refused before any request.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_REFS, env, webhookWorkflow } from '../env.mjs';

const TYPE = 'n8n-nodes-messenger-bridge.genesysCloud';
const credentials = { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api };
const rlFromBody = { __rl: true, mode: 'id', value: '={{ $json.body.id }}' };
const BASE = '/api/v2/conversations/messaging/integrations';

const flows = {
	appleCreate: {
		resource: 'integration',
		operation: 'create',
		channel: 'apple',
		apiVersion: 'current',
		name: '={{ $json.body.name }}',
		messagesForBusinessId: '={{ $json.body.mfb }}',
		businessName: 'Bridge Ltd',
		logoUrl: 'https://example.com/logo.png',
		waitForCompletion: true,
		options: { timeout: 30 },
	},
	appleUpdate: {
		resource: 'integration',
		operation: 'update',
		channel: 'apple',
		apiVersion: 'current',
		integrationId: rlFromBody,
		updateFields: { businessName: '={{ $json.body.businessName }}' },
	},
	appleList: {
		resource: 'integration',
		operation: 'getAll',
		channel: 'apple',
		apiVersion: 'current',
		returnAll: true,
	},
	appleDelete: {
		resource: 'integration',
		operation: 'delete',
		channel: 'apple',
		apiVersion: 'current',
		integrationId: rlFromBody,
	},
	waCreate: {
		resource: 'integration',
		operation: 'create',
		channel: 'whatsapp',
		apiVersion: 'current',
		name: '={{ $json.body.name }}',
		embeddedSignupAccessToken: 'wa-e2e-signup-token',
		phoneNumber: '={{ $json.body.phoneNumber }}',
		pin: '={{ $json.body.pin }}',
		waitForCompletion: true,
		options: { timeout: 30 },
	},
	lineCurrent: {
		resource: 'integration',
		operation: 'getAll',
		channel: 'line',
		apiVersion: 'current',
		returnAll: true,
	},
};

const ids = {};
for (const [key, parameters] of Object.entries(flows)) {
	const id = `mbGcCurrent${key.padEnd(10, '0').slice(0, 10)}`;
	ids[key] = id;
	env.addWorkflows(
		webhookWorkflow({
			id,
			name: `e2e genesys current ${key}`,
			path: `genesys-cloud-current-${key.toLowerCase()}`,
			node: { type: TYPE, name: 'Genesys Cloud', typeVersion: 1.1, parameters },
			credentials,
		}),
	);
}

const call = async (key, body) => {
	const response = await env.webhook(`genesys-cloud-current-${key.toLowerCase()}`, { body });
	assert.equal(response.status, 200, `${key}: ${response.text.slice(0, 300)}`);
	return response.json;
};

describe('e2e: Genesys Cloud current channels', () => {
	let gc;
	before(() => {
		gc = env.emulators.genesysCloud;
	});

	it('Apple Messages for Business: create waits for Completed, then update, list, delete', async () => {
		gc.api.clearRequests();
		const [created] = await call('appleCreate', { name: 'E2E Apple', mfb: 'amb-e2e-0001' });
		assert.equal(created.createStatus, 'Completed');
		assert.equal(created.messagesForBusinessId, 'amb-e2e-0001');
		const [post] = gc.api.requestsTo('POST', `${BASE}/apple`);
		assert.deepEqual(post.body, {
			name: 'E2E Apple',
			messagesForBusinessId: 'amb-e2e-0001',
			businessName: 'Bridge Ltd',
			logoUrl: 'https://example.com/logo.png',
		});
		assert.ok(gc.api.requestsTo('GET', `${BASE}/apple/${created.id}`).length >= 2, 'polled');
		const [updated] = await call('appleUpdate', { id: created.id, businessName: 'Bridge Group' });
		assert.equal(updated.businessName, 'Bridge Group');
		assert.equal(gc.api.requestsTo('PATCH', `${BASE}/apple/${created.id}`).length, 1);
		const listed = await call('appleList', {});
		assert.ok(listed.some((i) => i.id === created.id));
		const [deleted] = await call('appleDelete', { id: created.id });
		assert.deepEqual(deleted, { id: created.id, deleted: true });
	});

	it('WhatsApp: embedded signup, then the number activated once Completed, until Active', async () => {
		gc.api.clearRequests();
		const [active] = await call('waCreate', {
			name: 'E2E WhatsApp',
			phoneNumber: '+15550100001',
			pin: '135791',
		});
		assert.equal(active.createStatus, 'Completed');
		assert.equal(active.status, 'Active');
		assert.equal(active.phoneNumber, '+15550100001');
		assert.equal(gc.api.requestsTo('POST', `${BASE}/whatsapp/embeddedsignup`).length, 1);
		const [patch] = gc.api.requestsTo('PATCH', `${BASE}/whatsapp/embeddedsignup/${active.id}`);
		assert.deepEqual(patch.body, { phoneNumber: '+15550100001', pin: '135791' });
		const text = JSON.stringify(active);
		assert.ok(!text.includes('135791') && !text.includes('wa-e2e-signup-token'));
	});

	it('LINE on the current API fails before any request, naming where it still answers', async () => {
		gc.api.clearRequests();
		const response = await env.webhook('genesys-cloud-current-linecurrent', { body: {} });
		assert.notEqual(response.status, 200);
		assert.equal(gc.api.requests.length, 0);
		const [execution] = await env.executions(ids.lineCurrent);
		const error = env.nodeError(execution, 'Genesys Cloud');
		assert.match(error.message, /LINE integrations are no longer on the current API/);
		assert.match(error.message, /choose API Version "Legacy"/);
	});
});
