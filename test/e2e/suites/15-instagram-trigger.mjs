// The Messenger Trigger on the Instagram Login route inside the real n8n: object instagram with
// the Instagram Login credential. A delivery signed with the Instagram app secret (or the Facebook
// App secret) starts one execution, any other secret is refused with 401; Auto Subscribe
// subscribes the app (Graph emulator, which verifies n8n's callback with a GET) and the Instagram
// account (Instagram emulator, graph.instagram.com), and deactivation undoes both.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, CREDENTIAL_REFS, N8N_PORT } from '../env.mjs';
import { GRAPH, INSTAGRAM, SECRET_VALUES } from '../../emulators/fixtures.mjs';
import { metaJson, envelope, entry, igEvents, IG_ID } from '../../unit/trigger-payloads.mjs';
import {
	assertNothingStarted,
	executionCount,
	messengerTriggerWorkflow,
	nthOutput,
	postSigned,
	webhookPath,
} from '../lib/trigger.mjs';

const hook = (n) => `7a1e0c00-0000-4000-8000-0000000015${String(n).padStart(2, '0')}`;

const instagramTrigger = (id, webhookId, parameters, { publish = true } = {}) =>
	messengerTriggerWorkflow({
		id,
		name: `e2e instagram trigger ${id}`,
		webhookId,
		typeVersion: 1.1,
		parameters: { object: 'instagram', ...parameters },
		publish,
		credentials: {
			facebookAppApi: CREDENTIAL_REFS.facebookAppApi,
			instagramLoginApi: CREDENTIAL_REFS.instagramLoginApi,
		},
	});

const WF = {
	signed: { id: 'mbIgTrigSigned01', hook: hook(1) },
	auto: { id: 'mbIgTrigAutoSub1', hook: hook(2) },
};

env.addWorkflows(
	instagramTrigger(WF.signed.id, WF.signed.hook, {}),
	instagramTrigger(
		WF.auto.id,
		WF.auto.hook,
		{ events: ['message', 'read'], options: { autoSubscribe: true } },
		{ publish: false },
	),
);

/** One Instagram message with its own mid (de-duplication never links two tests). */
const message = (tag) =>
	metaJson(
		envelope('instagram', [
			entry(IG_ID, [
				{ ...igEvents.message, message: { ...igEvents.message.message, mid: `ig_e2e_${tag}` } },
			]),
		]),
	);

describe('e2e: Messenger Trigger on the Instagram Login route', () => {
	it('signed with the Instagram app secret → 200 and one execution with the event', async () => {
		const before = await executionCount(WF.signed);
		const r = await postSigned(WF.signed, message('igsecret'), { secret: INSTAGRAM.appSecret });
		assert.equal(r.status, 200);
		assert.equal(r.text, 'EVENT_RECEIVED');
		const items = await nthOutput(WF.signed, before + 1);
		assert.deepEqual(
			items.map((i) => [i.object, i.entryId, i.eventType, i.mid]),
			[['instagram', IG_ID, 'message', 'ig_e2e_igsecret']],
		);
		assert.equal(await executionCount(WF.signed), before + 1);
	});

	it('signed with the Facebook App secret → accepted too', async () => {
		const before = await executionCount(WF.signed);
		const r = await postSigned(WF.signed, message('fbsecret'), { secret: GRAPH.appSecret });
		assert.equal(r.status, 200);
		const items = await nthOutput(WF.signed, before + 1);
		assert.equal(items[0].mid, 'ig_e2e_fbsecret');
	});

	it('signed with any other secret → 401, nothing started, nothing revealed', async () => {
		const before = await executionCount(WF.signed);
		const r = await postSigned(WF.signed, message('third'), { secret: 'a-third-apps-secret' });
		assert.equal(r.status, 401);
		for (const secret of SECRET_VALUES) assert.ok(!r.text.includes(secret));
		await assertNothingStarted(WF.signed, before);
	});

	describe('Auto Subscribe', () => {
		const graph = () => env.emulators.graph;
		const instagram = () => env.emulators.instagram;
		const callbackUrl = `http://localhost:${N8N_PORT}/webhook/${webhookPath(WF.auto)}`;
		after(async () => {
			// Leave the shared emulators as other suites expect them.
			await env.deactivate(WF.auto.id).catch(() => {});
			graph().state.appSubscriptions.delete('instagram');
			instagram().state.subscribedFields = [];
		});

		it('activation subscribes the app (object instagram) and the Instagram account; events flow; deactivation undoes both', async () => {
			graph().state.appSubscriptions.delete('instagram');
			instagram().state.subscribedFields = [];
			graph().clearRequests();
			instagram().clearRequests();
			await env.activate(WF.auto.id);
			const publication = await env.publication(WF.auto.id);
			assert.equal(publication.status, 'published', JSON.stringify(publication));

			const app = graph().state.appSubscriptions.get('instagram');
			assert.ok(app, 'app subscribed to the instagram object');
			assert.equal(app.callback_url, callbackUrl);
			assert.deepEqual(app.fields, ['messages', 'messaging_seen']);
			const verified = graph().requestsTo('POST', `/${GRAPH.appId}/subscriptions`);
			assert.equal(verified.length, 1);
			assert.equal(verified[0].status, 200, "n8n answered Meta's verification GET");
			assert.deepEqual(instagram().state.subscribedFields, ['messages', 'messaging_seen']);
			const subscribe = instagram().requestsTo('POST', '/me/subscribed_apps');
			assert.equal(subscribe.length, 1);
			assert.equal(subscribe[0].headers.authorization, `Bearer ${INSTAGRAM.accessToken}`);
			for (const r of [...graph().requests, ...instagram().requests])
				assert.ok(!r.url.includes('access_token'), r.url);
			assert.equal(graph().requestsTo('POST', '/subscribed_apps').length, 0, 'no Page involved');

			assert.equal(
				(await postSigned(WF.auto, message('auto'), { secret: INSTAGRAM.appSecret })).status,
				200,
			);
			const items = await nthOutput(WF.auto, 1);
			assert.deepEqual(
				items.map((i) => i.mid),
				['ig_e2e_auto'],
			);

			await env.deactivate(WF.auto.id);
			await env.waitFor(() => instagram().state.subscribedFields.length === 0, {
				what: 'Instagram account unsubscribed',
			});
			await env.waitFor(() => !graph().state.appSubscriptions.has('instagram'), {
				what: 'app unsubscribed',
			});
			assert.deepEqual(
				instagram()
					.requestsTo('DELETE', '/')
					.map((r) => r.path),
				['/v25.0/me/subscribed_apps'],
			);
			assert.deepEqual(
				graph()
					.requestsTo('DELETE', '/')
					.map((r) => r.path),
				[`/v25.0/${GRAPH.appId}/subscriptions`],
			);
		});
	});
});
