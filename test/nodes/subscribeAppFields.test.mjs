// Facebook Messenger → Page → Subscribe App refuses an empty or unknown field choice before any
// request, on both routes (Facebook Page over graph.facebook.com, Instagram Login over
// graph.instagram.com), each with its own field list in the message.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import {
	CredentialStore,
	graphCredentials,
	loadNode,
	runExecute,
	workflow,
} from '../helpers/harness.mjs';
import { start as startGraph } from '../emulators/graph/index.mjs';
import { start as startInstagram } from '../emulators/instagram/index.mjs';
import { INSTAGRAM } from '../emulators/fixtures.mjs';

const { NodeOperationError } = workflow;
const node = loadNode('FacebookMessenger');
let graph;
let ig;

const ROUTES = {
	facebookPage: {
		parameter: 'subscribedFields',
		credentials: () => graphCredentials(graph.url),
		unknown:
			/^Unknown webhook field\(s\): message_edit, nope\. Use: message_deliveries, .*, standby$/,
		requests: () => graph.requests.length,
	},
	instagramLogin: {
		parameter: 'instagramSubscribedFields',
		credentials: () =>
			new CredentialStore({
				instagramLoginApi: {
					appId: INSTAGRAM.appId,
					appSecret: INSTAGRAM.appSecret,
					accessToken: INSTAGRAM.accessToken,
					graphApiBaseUrl: ig.url,
				},
			}),
		unknown:
			/^Unknown Instagram webhook field\(s\): message_reads, nope\. Use: comments, .*, story_insights$/,
		requests: () => ig.requests.length,
	},
};

const run = (authentication, fields) => {
	const route = ROUTES[authentication];
	return runExecute(node, {
		parameters: {
			authentication,
			resource: 'page',
			operation: 'subscribeApp',
			[route.parameter]: fields,
		},
		credentials: route.credentials(),
	});
};

beforeAll(async () => {
	graph = await startGraph({ ports: { graph: 0 } });
	ig = await startInstagram({ ports: { instagram: 0 } });
});
afterAll(async () => {
	await graph.close();
	await ig.close();
});
beforeEach(() => {
	graph.clearRequests();
	ig.clearRequests();
});

describe.each(Object.keys(ROUTES))('page: subscribeApp on the %s route', (authentication) => {
	const route = ROUTES[authentication];

	it('refuses an empty choice before any request', async () => {
		const { error } = await run(authentication, []);
		assert.ok(error instanceof NodeOperationError);
		assert.equal(error.message, 'No Subscribed Fields chosen: pick at least one (e.g. messages)');
		assert.equal(route.requests(), 0);
	});

	it('refuses fields the route does not know, naming them and the allowed ones', async () => {
		// message_edit is an Instagram field, message_reads a Page field: each is foreign to the other.
		const foreign = authentication === 'instagramLogin' ? 'message_reads' : 'message_edit';
		const { error } = await run(authentication, ['messages', foreign, 'nope']);
		assert.ok(error instanceof NodeOperationError);
		assert.match(error.message, route.unknown);
		assert.equal(route.requests(), 0);
	});

	it('subscribes with known fields, as typed', async () => {
		const { error, output } = await run(authentication, ['messages']);
		assert.equal(error, undefined);
		assert.deepEqual(output[0][0].json.subscribedFields, ['messages']);
		assert.equal(route.requests() > 0, true);
	});
});
