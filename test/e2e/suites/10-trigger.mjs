// The Messenger Trigger inside the real n8n: Meta's handshake, signed batches, refusals, options,
// redelivery, a 1000-event batch, and Auto Subscribe against the Graph emulator, which verifies
// the callback with a GET to n8n exactly as Meta does.
import { describe, it, after } from 'node:test';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { env, CREDENTIAL_REFS, N8N_PORT } from '../env.mjs';
import { GRAPH, SECRET_VALUES } from '../../emulators/fixtures.mjs';
import {
	metaJson,
	signatureHeaders,
	envelope,
	entry,
	pageEvents,
	igEvents,
	bigBatch,
	PAGE_ID,
	IG_ID,
} from '../../unit/trigger-payloads.mjs';
import {
	assertNothingStarted,
	executionCount,
	messengerTriggerWorkflow,
	nthOutput,
	postSigned,
	webhookPath,
} from '../lib/trigger.mjs';

const hook = (n) => `7a1e0c00-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

const triggerWorkflow = (id, webhookId, parameters, { page = false, publish = true } = {}) =>
	messengerTriggerWorkflow({
		id,
		name: `e2e trigger ${id}`,
		webhookId,
		parameters,
		publish,
		credentials: {
			facebookAppApi: CREDENTIAL_REFS.facebookAppApi,
			...(page ? { facebookPageApi: CREDENTIAL_REFS.facebookPageApi } : {}),
		},
	});

const WF = {
	default: { id: 'mbTrigDefault001', hook: hook(1) },
	all: { id: 'mbTrigAllOpts001', hook: hook(2) },
	filter: { id: 'mbTrigFilter0001', hook: hook(3) },
	instagram: { id: 'mbTrigInstagram1', hook: hook(4) },
	auto: { id: 'mbTrigAutoSub001', hook: hook(5) },
	rotation: { id: 'mbTrigRotation01', hook: hook(8) },
};

// The rotation test changes its credential's secret, so it has a credential of its own.
const ROTATING = { id: 'mbFbAppRotate001', name: 'Facebook App (rotating secret)' };
const rotatingData = (appSecret) => ({ appId: GRAPH.appId, appSecret, graphApiVersion: 'v25.0' });
env.extraCredentials.push({
	...ROTATING,
	type: 'facebookAppApi',
	data: rotatingData(GRAPH.appSecret),
});

env.addWorkflows(
	triggerWorkflow(WF.default.id, WF.default.hook, {}),
	triggerWorkflow(WF.all.id, WF.all.hook, {
		options: { includeEchoes: true, includeStandby: true, deduplicate: false },
	}),
	triggerWorkflow(WF.filter.id, WF.filter.hook, { events: ['postback'] }),
	triggerWorkflow(WF.instagram.id, WF.instagram.hook, { object: 'instagram' }),
	{
		...triggerWorkflow(WF.rotation.id, WF.rotation.hook, {}),
		nodes: triggerWorkflow(WF.rotation.id, WF.rotation.hook, {}).nodes.map((n) => ({
			...n,
			credentials: { facebookAppApi: ROTATING },
		})),
	},
	triggerWorkflow(
		WF.auto.id,
		WF.auto.hook,
		{ events: ['message', 'postback'], options: { autoSubscribe: true, includeEchoes: true } },
		{ page: true, publish: false },
	),
);

/** The importable examples, pointed at the emulator credentials (Auto Subscribe is proven above). */
function example(file, id, webhookId) {
	const wf = JSON.parse(readFileSync(new URL(`../../../examples/${file}`, import.meta.url)));
	for (const n of wf.nodes) {
		if (n.type !== 'n8n-nodes-messenger-bridge.messengerTrigger') continue;
		n.webhookId = webhookId;
		n.parameters = {
			...n.parameters,
			verifyToken: GRAPH.verifyToken,
			options: { ...n.parameters.options, autoSubscribe: false },
		};
		n.credentials = { facebookAppApi: CREDENTIAL_REFS.facebookAppApi };
	}
	return { ...wf, id };
}
const EX = {
	instagram: { id: 'mbTrigExampleIg1', hook: hook(6) },
	routing: { id: 'mbTrigExampleRt1', hook: hook(7) },
};
env.addWorkflows(
	example('messenger-trigger-instagram.json', EX.instagram.id, EX.instagram.hook),
	example('messenger-trigger-auto-subscribe.json', EX.routing.id, EX.routing.hook),
);

/** Gives every mid of a payload a per-test suffix, so that de-duplication never links tests. */
function tagged(body, tag) {
	return JSON.parse(
		JSON.stringify(body).replace(
			/"(mid|mids)":("|\[")([^"]+)"/g,
			(_, k, q, v) => `"${k}":${q}${v}_${tag}"`,
		),
	);
}

/** Waits for the workflow's first execution and returns the output of `nodeName`. */
async function firstOutputOf(wf, nodeName) {
	await nthOutput(wf, 1);
	const [only] = await env.executions(wf.id);
	return (env.nodeOutput(only, nodeName) ?? []).map((out) => out.map((i) => i.json));
}

describe('e2e: Messenger Trigger', () => {
	describe('handshake', () => {
		it('right token → 200 text/plain with the exact challenge', async () => {
			const r = await env.webhook(
				`${webhookPath(WF.default)}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(GRAPH.verifyToken)}&hub.challenge=1158201444`,
				{ method: 'GET' },
			);
			assert.equal(r.status, 200);
			assert.match(r.headers.get('content-type'), /^text\/plain/);
			assert.equal(r.text, '1158201444');
		});
		it('wrong token or mode → 403 without the challenge', async () => {
			for (const query of [
				'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=424242',
				'hub.mode=unsubscribe&hub.verify_token=bridge-verify-token&hub.challenge=424242',
				'',
			]) {
				const r = await env.webhook(`${webhookPath(WF.default)}?${query}`, { method: 'GET' });
				assert.equal(r.status, 403, query);
				assert.ok(!r.text.includes('424242'));
			}
		});
	});

	describe('signed events', () => {
		it('a signed multi-entry batch with escaped unicode: one item per event', async () => {
			const before = await executionCount(WF.default);
			const body = tagged(
				envelope('page', [
					entry(PAGE_ID, [pageEvents.message, pageEvents.postback, pageEvents.echo], {
						standby: [pageEvents.read],
					}),
					entry('104000000000002', [pageEvents.reaction, pageEvents.messageEdit]),
				]),
				'multi',
			);
			const raw = metaJson(body);
			assert.match(raw, /\\u00fc.*\\ud83d\\ude00.*https:\\\/\\\//, 'the bytes carry Meta escapes');
			const started = Date.now();
			const r = await postSigned(WF.default, raw);
			const ms = Date.now() - started;
			assert.equal(r.status, 200);
			assert.equal(r.text, 'EVENT_RECEIVED');
			assert.ok(ms < 5000, `acknowledged in ${ms} ms`);
			const items = await nthOutput(WF.default, before + 1);
			assert.deepEqual(
				items.map((i) => [i.entryId, i.eventType, i.isEcho, i.isStandby]),
				[
					[PAGE_ID, 'message', false, false],
					[PAGE_ID, 'postback', false, false],
					['104000000000002', 'reaction', false, false],
					['104000000000002', 'messageEdit', false, false],
				],
			);
			assert.equal(items[0].text, pageEvents.message.message.text);
			assert.equal(items[0].senderId, pageEvents.message.sender.id);
			assert.equal(items[0].timestamp, pageEvents.message.timestamp);
			assert.equal(items[0].mid, 'm_text1_multi');
			assert.deepEqual(items[1].event, body.entry[0].messaging[1], 'event untouched');
			assert.equal(items[3].text, 'Grüße (edited) / ✓');
		});

		const body = envelope('page', [entry(PAGE_ID, [pageEvents.message])]);
		const raw = metaJson(body);
		const good = signatureHeaders(Buffer.from(raw), GRAPH.appSecret);
		const refusals = {
			forged: { 'x-hub-signature-256': `sha256=${'ab'.repeat(32)}` },
			missing: { 'x-hub-signature-256': undefined, 'x-hub-signature': undefined },
			truncated: { 'x-hub-signature-256': good['x-hub-signature-256'].slice(0, 30) },
			otherSecret: signatureHeaders(Buffer.from(raw), 'another-apps-secret'),
		};
		for (const [name, override] of Object.entries(refusals)) {
			it(`${name} signature → 401, nothing started, nothing revealed`, async () => {
				const before = await executionCount(WF.default);
				const headers = { ...good, ...override };
				for (const k of Object.keys(headers)) if (headers[k] === undefined) delete headers[k];
				const r = await env.webhook(webhookPath(WF.default), { rawBody: raw, headers });
				assert.equal(r.status, 401);
				assert.ok(!r.text.includes(good['x-hub-signature-256'].slice(7)));
				for (const secret of SECRET_VALUES) assert.ok(!r.text.includes(secret));
				await assertNothingStarted(WF.default, before);
			});
		}

		it("signed non-JSON → 400 (text/plain) or n8n's own 422 (application/json); nothing started", async () => {
			const before = await executionCount(WF.default);
			const asText = await postSigned(WF.default, 'object=page&entry=1', {
				contentType: 'text/plain',
			});
			assert.equal(asText.status, 400);
			const asJson = await postSigned(WF.default, '{"object":"page",', {
				contentType: 'application/json',
			});
			assert.ok([400, 422].includes(asJson.status), `status ${asJson.status}`);
			const otherObject = await postSigned(
				WF.default,
				envelope('instagram', [entry(IG_ID, [igEvents.message])]),
			);
			assert.equal(otherObject.status, 400);
			await assertNothingStarted(WF.default, before);
		});

		it('echo and standby: off by default, on when asked', async () => {
			const body = tagged(
				envelope('page', [
					entry(PAGE_ID, [pageEvents.echo, pageEvents.quickReply], {
						standby: [pageEvents.message],
					}),
				]),
				'es',
			);
			const beforeDefault = await executionCount(WF.default);
			const beforeAll = await executionCount(WF.all);
			assert.equal((await postSigned(WF.default, body)).status, 200);
			assert.equal((await postSigned(WF.all, body)).status, 200);
			const off = await nthOutput(WF.default, beforeDefault + 1);
			assert.deepEqual(
				off.map((i) => i.eventType),
				['message'],
			);
			assert.equal(off[0].payload, 'COLOR_RED');
			const on = await nthOutput(WF.all, beforeAll + 1);
			assert.deepEqual(
				on.map((i) => [i.eventType, i.isStandby]),
				[
					['echo', false],
					['message', false],
					['message', true],
				],
			);
		});

		it('an echo-only batch starts nothing', async () => {
			const before = await executionCount(WF.default);
			assert.equal(
				(
					await postSigned(
						WF.default,
						tagged(envelope('page', [entry(PAGE_ID, [pageEvents.echo])]), 'echo-only'),
					)
				).status,
				200,
			);
			await assertNothingStarted(WF.default, before);
		});

		it('the events filter', async () => {
			const before = await executionCount(WF.filter);
			const body = tagged(
				envelope('page', [
					entry(PAGE_ID, [
						pageEvents.message,
						pageEvents.postback,
						pageEvents.read,
						pageEvents.stringTimestamp,
					]),
				]),
				'filter',
			);
			assert.equal((await postSigned(WF.filter, body)).status, 200);
			const items = await nthOutput(WF.filter, before + 1);
			assert.deepEqual(
				items.map((i) => [i.eventType, i.timestamp]),
				[
					['postback', pageEvents.postback.timestamp],
					['postback', 1527459824000],
				],
			);
		});

		it('a redelivered event starts nothing; with de-duplication off it does', async () => {
			const body = tagged(
				envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.delivery])]),
				'redeliver',
			);
			const before = await executionCount(WF.default);
			assert.equal((await postSigned(WF.default, body)).status, 200);
			assert.equal((await nthOutput(WF.default, before + 1)).length, 2);
			const again = await postSigned(WF.default, body);
			assert.equal(again.status, 200, 'acknowledged, so Meta stops retrying');
			await assertNothingStarted(WF.default, before + 1);
			const beforeAll = await executionCount(WF.all);
			await postSigned(WF.all, body);
			await postSigned(WF.all, body);
			await nthOutput(WF.all, beforeAll + 2);
		});

		it('Instagram: unsend, story mention, seen, reaction', async () => {
			const before = await executionCount(WF.instagram);
			const body = tagged(
				envelope('instagram', [
					entry(IG_ID, [
						igEvents.message,
						igEvents.deleted,
						igEvents.storyMention,
						igEvents.seen,
						igEvents.reaction,
					]),
				]),
				'ig',
			);
			assert.equal((await postSigned(WF.instagram, body)).status, 200);
			const items = await nthOutput(WF.instagram, before + 1);
			assert.deepEqual(
				items.map((i) => [i.object, i.eventType, i.isDeleted ?? false]),
				[
					['instagram', 'message', false],
					['instagram', 'message', true],
					['instagram', 'message', false],
					['instagram', 'read', false],
					['instagram', 'reaction', false],
				],
			);
			assert.equal(items[2].attachments[0].type, 'story_mention');
			assert.equal(items[0].text, 'Olá 🌍 / ok');
		});

		it('a 100-entry × 10-event batch: 1000 items in one execution, acknowledged fast', async () => {
			const before = await executionCount(WF.default);
			const raw = metaJson(bigBatch(100, 10, 'e2e'));
			const started = Date.now();
			const r = await postSigned(WF.default, raw);
			const ms = Date.now() - started;
			assert.equal(r.status, 200);
			assert.ok(ms < 5000, `acknowledged in ${ms} ms`);
			const items = await nthOutput(WF.default, before + 1);
			assert.equal(items.length, 1000);
			assert.equal(new Set(items.map((i) => i.mid)).size, 1000);
			assert.equal(items[999].mid, 'm_e2e_99_9');
			process.stdout.write(
				`# trigger e2e: ${raw.length} bytes, 1000 events acknowledged in ${ms} ms\n`,
			);
		});

		it('app secret reset at Meta and in n8n: the new signature is accepted at once, the old one refused', async () => {
			const message = (tag) =>
				tagged(envelope('page', [entry(PAGE_ID, [pageEvents.message])]), `rotation-${tag}`);
			assert.equal((await postSigned(WF.rotation, message('before'))).status, 200);
			await nthOutput(WF.rotation, 1);
			await env.rest(`/rest/credentials/${ROTATING.id}`, {
				method: 'PATCH',
				body: {
					name: ROTATING.name,
					type: 'facebookAppApi',
					data: rotatingData(GRAPH.rotatedAppSecret),
				},
			});
			// Within the trigger's 10 s secret cache: the new secret must be read on the first mismatch.
			const started = Date.now();
			assert.equal(
				(await postSigned(WF.rotation, message('after'), { secret: GRAPH.rotatedAppSecret }))
					.status,
				200,
			);
			assert.ok(Date.now() - started < 10_000);
			const items = await nthOutput(WF.rotation, 2);
			assert.equal(items[0].mid, `${pageEvents.message.message.mid}_rotation-after`);
			const old = await postSigned(WF.rotation, message('old'), { secret: GRAPH.appSecret });
			assert.equal(old.status, 401);
			await assertNothingStarted(WF.rotation, 2);
		});
	});

	describe('the importable examples run', () => {
		it('messenger-trigger-instagram.json: unsends dropped, story mention and reaction described', async () => {
			const body = tagged(
				envelope('instagram', [
					entry(IG_ID, [
						igEvents.message,
						igEvents.deleted,
						igEvents.storyMention,
						igEvents.reaction,
						igEvents.seen,
					]),
				]),
				'exig',
			);
			assert.equal((await postSigned(EX.instagram, body)).status, 200);
			const [out] = await firstOutputOf(EX.instagram, 'Story Mentions And Messages');
			assert.deepEqual(
				out.map((i) => [i.kind, i.text]),
				[
					['text', 'Olá 🌍 / ok'],
					['story_mention', ''],
					['reaction ❤', ''],
				],
			);
		});
		it('messenger-trigger-auto-subscribe.json: postbacks and messages routed apart', async () => {
			const body = tagged(
				envelope('page', [
					entry(PAGE_ID, [pageEvents.postback, pageEvents.message, pageEvents.read]),
				]),
				'exrt',
			);
			assert.equal((await postSigned(EX.routing, body)).status, 200);
			const [postbacks] = await firstOutputOf(EX.routing, 'Postback');
			const [messages] = await firstOutputOf(EX.routing, 'Message');
			assert.deepEqual(postbacks, [{ psid: pageEvents.postback.sender.id, button: 'GET_STARTED' }]);
			assert.deepEqual(messages, [
				{
					psid: pageEvents.message.sender.id,
					text: pageEvents.message.message.text,
					attachments: 0,
				},
			]);
		});
	});

	describe('Auto Subscribe', () => {
		const graph = () => env.emulators.graph;
		const callbackUrl = `http://localhost:${N8N_PORT}/webhook/${webhookPath(WF.auto)}`;
		after(async () => {
			// Leave the shared emulator as other suites expect it.
			await env.deactivate(WF.auto.id).catch(() => {});
			graph().state.appSubscriptions.delete('page');
			graph().state.pageSubscriptions.get(GRAPH.pageId)?.delete(GRAPH.appId);
		});

		it("activation subscribes the app (Meta verifies n8n's callback) and the Page; events flow; deactivation undoes both", async () => {
			graph().state.appSubscriptions.delete('page');
			graph().state.pageSubscriptions.get(GRAPH.pageId)?.delete(GRAPH.appId);
			graph().clearRequests();
			await env.activate(WF.auto.id);
			const publication = await env.publication(WF.auto.id);
			assert.equal(publication.status, 'published', JSON.stringify(publication));
			const sub = graph().state.appSubscriptions.get('page');
			assert.ok(sub, 'app subscribed');
			assert.equal(sub.callback_url, callbackUrl);
			assert.deepEqual(sub.fields, ['message_echoes', 'messages', 'messaging_postbacks']);
			assert.deepEqual(graph().state.pageSubscriptions.get(GRAPH.pageId).get(GRAPH.appId), [
				'message_echoes',
				'messages',
				'messaging_postbacks',
			]);
			const post1 = graph().requestsTo('POST', `/${GRAPH.appId}/subscriptions`);
			assert.equal(post1.length, 1);
			assert.equal(post1[0].status, 200, 'the verification GET to n8n answered the challenge');
			for (const r of graph().requests) assert.ok(!r.url.includes('access_token'));

			const body = tagged(
				envelope('page', [entry(PAGE_ID, [pageEvents.message, pageEvents.echo])]),
				'auto',
			);
			assert.equal((await postSigned(WF.auto, body)).status, 200);
			const items = await nthOutput(WF.auto, 1);
			assert.deepEqual(
				items.map((i) => i.eventType),
				['message', 'echo'],
			);

			await env.deactivate(WF.auto.id);
			await env.waitFor(() => !graph().state.appSubscriptions.has('page'), {
				what: 'app unsubscribed',
			});
			await env.waitFor(
				() => graph().state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId) === undefined,
				{ what: 'page unsubscribed' },
			);
			assert.deepEqual(
				graph()
					.requestsTo('DELETE', '/')
					.map((r) => r.path),
				[`/v25.0/${GRAPH.pageId}/subscribed_apps`, `/v25.0/${GRAPH.appId}/subscriptions`],
			);
			await env.waitFor(
				async () => (await env.publication(WF.auto.id)).status === 'not_published',
				{ what: 'unpublished' },
			);
		});

		it('an app already subscribed with another callback URL: activation fails clearly, nothing overwritten', async () => {
			const other = {
				object: 'page',
				callback_url: 'https://other-n8n.example/webhook/x/webhook',
				verify_token: 'x',
				active: true,
				version: 'v25.0',
				fields: ['messages'],
			};
			graph().state.appSubscriptions.set('page', { ...other });
			graph().clearRequests();
			await env.activate(WF.auto.id).catch((error) => error);
			// n8n retries a failed trigger activation for ~18 s before it reports it as failed.
			const publication = await env.publication(WF.auto.id);
			assert.equal(publication.status, 'failed');
			assert.notEqual(publication.status, 'published', JSON.stringify(publication));
			const messages = JSON.stringify(publication);
			assert.match(
				messages,
				/already subscribed to \\?"page\\?" webhooks with another callback URL/,
			);
			assert.deepEqual(graph().state.appSubscriptions.get('page'), other);
			assert.equal(graph().requestsTo('POST', '/subscriptions').length, 0, 'never overwritten');
			await env.deactivate(WF.auto.id).catch(() => {});
			graph().state.appSubscriptions.delete('page');
		});
	});
});
