// Auto Subscribe with n8n in queue mode: the main process activates the workflow while Meta's
// callback verification goes through the balancer to webhook processes that may not answer yet
// (Graph code 2200). The trigger's real create()/delete() in n8n-core's HookContext against the
// Graph emulator, whose verification GET reaches a loopback "webhook process" running the
// trigger's own webhook() — started late, or not at all.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { CredentialStore, hookContext, loadNode, root, runWebhook } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';

const require = createRequire(import.meta.url);
const lifecycle = require(join(root, 'dist/nodes/MessengerTrigger/lifecycle.js'));

const node = loadNode('MessengerTrigger');
const WEBHOOK_PATH = '/webhook/f2b6a1de-0c1e-4a57-9d8b-0c5f1d7b2a11/webhook';
let graph;

const parameters = {
	object: 'page',
	verifyToken: GRAPH.verifyToken,
	events: [],
	options: { autoSubscribe: true },
};

function credentials() {
	const graphSettings = { graphApiBaseUrl: graph.url, graphApiVersion: 'v25.0' };
	return new CredentialStore({
		facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret, ...graphSettings },
		facebookPageApi: {
			pageAccessToken: GRAPH.pageAccessToken,
			pageId: GRAPH.pageId,
			appSecret: GRAPH.appSecret,
			...graphSettings,
		},
	});
}

/** A webhook process: answers Meta's GET with the trigger's own webhook(). */
function webhookProcess(answerParameters = parameters) {
	const hits = [];
	const server = createServer(async (req, res) => {
		const url = new URL(req.url, 'http://x');
		hits.push(Object.fromEntries(url.searchParams));
		const run = await runWebhook(node, {
			parameters: answerParameters,
			credentials: { facebookAppApi: { appId: GRAPH.appId, appSecret: GRAPH.appSecret } },
			webhookName: 'setup',
			method: 'GET',
			query: Object.fromEntries(url.searchParams),
		});
		res.writeHead(run.res.statusCode, run.res.headers);
		res.end(run.res.body);
	});
	return {
		hits,
		listen: (port = 0) =>
			new Promise((resolve) =>
				server.listen(port, '127.0.0.1', () => resolve(server.address().port)),
			),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** A free port nothing listens on (yet). */
async function freePort() {
	const probe = createServer();
	const port = await new Promise((resolve) =>
		probe.listen(0, '127.0.0.1', () => resolve(probe.address().port)),
	);
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

function hooks(callbackUrl, { staticData = {}, logger } = {}) {
	const context = hookContext(node, {
		parameters,
		credentials: credentials(),
		staticData,
		webhookUrl: callbackUrl,
		logger,
	});
	const m = node.webhookMethods.default;
	return {
		record: () => staticData['node:Messenger Trigger']?.autoSubscribe,
		create: () => m.create.call(context),
		delete: () => m.delete.call(context),
	};
}

function recordingLogger() {
	const lines = [];
	const log = (level) => (message) => lines.push(`${level} ${message}`);
	return {
		lines,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
}

const pageFields = () => graph.state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId);
const subscribePosts = () => graph.requestsTo('POST', `/${GRAPH.appId}/subscriptions`);

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.state.appSubscriptions.clear();
	graph.state.pageSubscriptions.clear();
	graph.state.unansweredVerifications = 0;
	graph.state.callbackVerifications = 0;
	graph.clearRequests();
	graph.clearFaults();
});

describe('Auto Subscribe while the webhook processes start', () => {
	it('the webhook process comes up 2.5 s after activation began: subscribed, then delete undoes exactly that', async () => {
		const port = await freePort();
		const callbackUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
		const late = webhookProcess();
		const { logger, lines } = recordingLogger();
		const h = hooks(callbackUrl, { logger });
		const started = Date.now();
		const upLater = new Promise((resolve) => setTimeout(resolve, 2_500)).then(() =>
			late.listen(port),
		);
		try {
			assert.equal(await h.create(), true);
			const took = Date.now() - started;
			assert.ok(took >= 2_500 && took < 9_000, `took ${took} ms`);
			assert.ok(subscribePosts().length >= 2, 'subscribed again after a failed verification');
			assert.equal(subscribePosts().at(-1).status, 200);
			assert.equal(late.hits.length, 1, 'verified once the process answered');
			assert.ok(
				lines.some((line) => /^info .*subscribing again in 1 s/.test(line)),
				lines.join('\n'),
			);
			assert.equal(graph.state.appSubscriptions.get('page').callback_url, callbackUrl);
			assert.ok(pageFields().length > 0);
			assert.equal(h.record().appCreated, true);

			graph.clearRequests();
			assert.equal(await h.delete(), true);
			assert.deepEqual(
				graph.requests.map((r) => `${r.method} ${r.path}`),
				[
					`DELETE /v25.0/${GRAPH.pageId}/subscribed_apps`,
					`DELETE /v25.0/${GRAPH.appId}/subscriptions`,
				],
			);
			assert.equal(graph.state.appSubscriptions.size, 0);
			assert.equal(pageFields(), undefined);
		} finally {
			await upLater;
			await late.close();
		}
	}, 20_000);

	it('Graph fails verification twice (emulator switch): the third subscribe passes; delete restores what was there before', async () => {
		const process = webhookProcess();
		const port = await process.listen();
		const callbackUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
		// Before activation the app already had this URL with one field, and the Page one field.
		graph.state.appSubscriptions.set('page', {
			object: 'page',
			callback_url: callbackUrl,
			verify_token: GRAPH.verifyToken,
			active: true,
			version: 'v25.0',
			fields: ['messages'],
		});
		graph.state.pageSubscriptions.set(GRAPH.pageId, new Map([[GRAPH.appId, ['messages']]]));
		graph.state.unansweredVerifications = 2;
		const h = hooks(callbackUrl);
		try {
			assert.equal(await h.create(), true);
			assert.equal(graph.state.callbackVerifications, 3);
			assert.deepEqual(
				subscribePosts().map((r) => r.status),
				[400, 400, 200],
			);
			assert.ok(graph.state.appSubscriptions.get('page').fields.length > 1);
			assert.equal(await h.delete(), true);
			assert.deepEqual(graph.state.appSubscriptions.get('page').fields, ['messages']);
			assert.deepEqual(pageFields(), ['messages']);
		} finally {
			await process.close();
		}
	}, 20_000);

	it('no webhook process within the retries: a clear error, nothing subscribed, delete has nothing to undo', async () => {
		const process = webhookProcess();
		const port = await process.listen();
		const callbackUrl = `http://127.0.0.1:${port}${WEBHOOK_PATH}`;
		graph.state.unansweredVerifications = 100;
		const h = hooks(callbackUrl);
		const started = Date.now();
		try {
			await assert.rejects(h.create(), (error) => {
				assert.equal(error.constructor.name, 'NodeOperationError');
				assert.match(error.message, /Meta could not verify the callback URL/);
				assert.match(error.description, /start the webhook processes/);
				assert.match(error.description, /activate the workflow again/);
				assert.match(error.description, /Couldn't connect to server/);
				return true;
			});
			const took = Date.now() - started;
			const waits = lifecycle.VERIFICATION_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
			assert.ok(took >= waits && took < waits + 5_000, `took ${took} ms`);
			assert.equal(
				graph.state.callbackVerifications,
				lifecycle.VERIFICATION_RETRY_DELAYS_MS.length + 1,
			);
			assert.equal(graph.state.appSubscriptions.size, 0);
			assert.equal(pageFields(), undefined);
			assert.equal(h.record(), undefined);
			// n8n removes the webhooks of a failed activation (delete()): nothing to undo.
			graph.clearRequests();
			assert.equal(await h.delete(), true);
			assert.equal(graph.requests.length, 0);
		} finally {
			await process.close();
		}
	}, 30_000);

	it('a webhook process that refuses the verify token fails at once (a setting to fix, not a wait)', async () => {
		const process = webhookProcess({ ...parameters, verifyToken: 'another-token' });
		const port = await process.listen();
		const h = hooks(`http://127.0.0.1:${port}${WEBHOOK_PATH}`);
		try {
			await assert.rejects(h.create(), /HTTP Status Code = 403/);
			assert.equal(graph.state.callbackVerifications, 1);
		} finally {
			await process.close();
		}
	});
});

describe('which failed verifications are worth another try', () => {
	it('no connection, timeouts, 404, 408, 429 and 5xx: yes; 403 and a wrong challenge: no', () => {
		const pass = lifecycle.verificationMayPass;
		assert.equal(pass("(#2200) callback verification failed: Couldn't connect to server"), true);
		assert.equal(
			pass('(#2200) callback verification failed: Operation timed out after 6001 milliseconds'),
			true,
		);
		for (const status of [404, 408, 429, 500, 502, 503, 504])
			assert.equal(
				pass(
					`(#2200) callback verification failed: HTTP Status Code = ${status}; HTTP Message = x`,
				),
				true,
				String(status),
			);
		assert.equal(
			pass(
				'(#2200) callback verification failed: HTTP Status Code = 403; HTTP Message = Forbidden',
			),
			false,
		);
		assert.equal(
			pass(
				'(#2200) callback verification failed: Response does not match challenge, expected value="1"',
			),
			false,
		);
	});
});
