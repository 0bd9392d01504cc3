// The Messenger Trigger on n8n's distributed engine (queue mode), as contact centers run it:
// PostgreSQL 17, Redis, one main (no production webhooks), two `n8n webhook` processes A and B
// behind a balancer, one worker; every process with its own hostname (dev/queue.mjs). Deliveries
// go to A and B directly, as a balancer would send them; what ran is counted from main's REST API.
// Meta redelivers a delivery it got no timely 200 for, and a balancer sends the retry wherever it
// likes: with the shared store (`options.deduplicationStore: 'redis'`) each event must come out
// exactly once whatever process gets which copy; the in-process store cannot see the other
// process's memory (the control case shows the limit). The Genesys Cloud Open Messaging Trigger
// shares that store: Genesys retries an outbound notification (up to 5 times on a 10 s timeout,
// 429 or 5xx), and each agent message must start the workflow once wherever the retry lands.
// @see https://developers.facebook.com/docs/messenger-platform/webhooks#delivery-retries
// @see https://developer.genesys.cloud/commdigital/digital/openmessaging/validate
// @see https://docs.n8n.io/hosting/scaling/queue-mode/
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync } from 'node:fs';
import { queuePorts, startQueueCluster } from '../../dev/queue.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';
import { messengerPayload, midsOf } from '../../bench/lib/signedEvents.mjs';
import {
	agentNotification,
	deliver as deliverTo,
	deliverNotification,
	executions as executionsOf,
	finished,
	hookPath,
	NODE,
	OPEN_MESSAGING_NODE,
	openMessagingWorkflow,
	queueCredentials,
	startRedisFront,
	triggerWorkflow,
} from './fixtures.mjs';

const startedAt = Date.now();
const PORTS = queuePorts();

const WF = {
	spread: 'mbQueueSpread001',
	aThenB: 'mbQueueAthenB001',
	bThenA: 'mbQueueBthenA001',
	both: 'mbQueueBoth00001',
	restart: 'mbQueueRestart01',
	overload: 'mbQueueOverload1',
	abandon: 'mbQueueAbandon01',
	control: 'mbQueueControl01',
	outage: 'mbQueueOutage001',
	auto: 'mbQueueAutoSub01',
	openShared: 'mbQueueOpenMsg01',
	openControl: 'mbQueueOpenCtl01',
};
const SHARED = [WF.aThenB, WF.bThenA, WF.both, WF.restart, WF.overload, WF.abandon];
const WORKFLOWS = [
	triggerWorkflow(WF.spread),
	triggerWorkflow(WF.control),
	triggerWorkflow(WF.outage),
	...SHARED.map((id) => triggerWorkflow(id, { store: 'redis' })),
	triggerWorkflow(WF.auto, { autoSubscribe: true }),
	openMessagingWorkflow(WF.openShared, { store: 'redis' }),
	openMessagingWorkflow(WF.openControl),
];

let cluster;
let api;
let graph;
let redisRest;
let autoActivation;

before(async () => {
	const { start } = await import('../emulators/graph/index.mjs');
	graph = await start({ ports: { graph: PORTS.emulatorBase } });
	// The webhook processes start after main activated everything (the Auto Subscribe case).
	cluster = await startQueueCluster({
		ports: PORTS,
		credentials: queueCredentials(PORTS),
		workflows: WORKFLOWS,
		webhooks: false,
	});
	api = cluster.api;
	redisRest = await startRedisFront(cluster);
	for (const wf of WORKFLOWS.filter((w) => w.id !== WF.auto)) await api.activate(wf.id);
	// Main activates Auto Subscribe while no webhook process answers Meta's callback verification.
	graph.clearRequests();
	autoActivation = api.activate(WF.auto).catch((error) => error);
	// The webhook processes start once Meta's callback verification has failed at least once.
	await api.waitFor(
		() => graph.requestsTo('POST', `/${GRAPH.appId}/subscriptions`).some((r) => r.status !== 200),
		{ what: 'a failed callback verification', timeoutMs: 60_000, intervalMs: 200 },
	);
	await Promise.all([cluster.startWebhook(0), cluster.startWebhook(1)]);
	for (const wf of WORKFLOWS.filter((w) => w.id !== WF.auto)) await api.publication(wf.id);
	process.stdout.write(`# queue cluster up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
});

after(async () => {
	await redisRest?.close();
	await cluster?.stop();
	await graph?.close();
	process.stdout.write(`# queue layer took ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
});

const A = 0;
const B = 1;
const deliver = (id, body, to, options) => deliverTo(cluster, id, body, to, options);
const executions = (id) => executionsOf(api, id);

/**
 * A delivery as Meta makes it: a non-200 answer (e.g. the shared store's 503 while another
 * process has the same event in hand and n8n has not answered it yet) is delivered again later,
 * to the same process here. Returns the last status.
 */
async function acknowledged(id, body, to) {
	let status;
	for (let attempt = 0; attempt < 6; attempt++) {
		if (attempt) await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
		status = await deliver(id, body, to);
		if (status === 200) break;
	}
	return status;
}

/**
 * Waits until at least `atLeast` executions of the workflow finished and a few quiet seconds
 * passed with no new one, then returns every emitted mid (one per emitted event; for another
 * trigger, `field` of each item of `node`).
 */
async function emittedMids(id, atLeast, { timeoutMs = 120_000, node = NODE, field = 'mid' } = {}) {
	let list = await api.waitFor(
		async () => {
			const all = await executions(id);
			return all.length >= atLeast && all.every(finished) ? all : null;
		},
		{ what: `${atLeast} finished executions of ${id}`, timeoutMs, intervalMs: 500 },
	);
	for (;;) {
		await new Promise((r) => setTimeout(r, 2000)); // a late duplicate would show up by now
		const again = await executions(id);
		if (again.length === list.length && again.every(finished)) break;
		list = again;
	}
	const mids = [];
	const where = new Map(); // mid → the executions that emitted it, shown when one ran twice
	for (let i = 0; i < list.length; i += 8) {
		const batch = await Promise.all(list.slice(i, i + 8).map((e) => api.execution(e.id)));
		for (const execution of batch) {
			assert.equal(execution.status, 'success', `execution ${execution.id}`);
			for (const item of api.nodeOutput(execution, node)[0]) {
				const mid = item.json[field];
				mids.push(mid);
				where.set(mid, [...(where.get(mid) ?? []), execution.id]);
			}
		}
	}
	for (const [mid, ids] of where)
		if (ids.length > 1) process.stdout.write(`# ${mid} emitted by executions ${ids.join(', ')}\n`);
	return mids;
}

/** How many times each expected event came out: {missing, twice+, extra}. */
function tally(expected, mids) {
	const seen = new Map();
	for (const mid of mids) seen.set(mid, (seen.get(mid) ?? 0) + 1);
	return {
		lost: expected.filter((m) => !seen.has(m)).length,
		duplicated: expected.filter((m) => seen.get(m) > 1).length,
		unexpected: [...seen.keys()].filter((m) => !expected.includes(m)).length,
	};
}

/** `count` payloads of `events` events each, with unique mids. */
const payloads = (tag, count, events = 2) =>
	Array.from({ length: count }, () => messengerPayload({ entries: 1, events, tag }));

describe('queue mode: the package in every process', () => {
	it('main, A, B and the worker run with their own hostnames and load the package', async () => {
		const logs = ['main', 'webhook-a', 'webhook-b', 'worker'].map((name) =>
			readFileSync(`${cluster.dir}/${name}.log`, 'utf8'),
		);
		for (const text of logs) {
			assert.match(text, /Version: 2\.40\.7|n8n ready on/);
			// what n8n logs when a community package or one of its nodes does not load
			assert.doesNotMatch(
				text,
				/Unrecognized node type|Failed to load|Error loading|problem loading|Cannot find module/i,
			);
		}
		// Each process in a UTS namespace of its own (its own hostname, so its own n8n host id).
		const namespaces = ['main', 'webhook-a', 'webhook-b', 'worker'].map((name) =>
			readlinkSync(`/proc/${cluster.processes[name].child.pid}/ns/uts`),
		);
		assert.equal(new Set(namespaces).size, 4, namespaces.join(' '));
		// The webhook processes answer Meta's handshake with the node's code…
		for (const url of cluster.webhookUrls) {
			const r = await fetch(
				`${url}/${hookPath(WF.spread)}?hub.mode=subscribe&hub.verify_token=${GRAPH.verifyToken}&hub.challenge=1158201444`,
			);
			assert.equal(r.status, 200, url);
			assert.equal(await r.text(), '1158201444');
			const wrong = await fetch(
				`${url}/${hookPath(WF.spread)}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`,
			);
			assert.equal(wrong.status, 403);
		}
		// …and a forged signature is refused by both.
		for (const to of [A, B]) {
			const r = await fetch(`${cluster.webhookUrls[to]}/${hookPath(WF.spread)}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-hub-signature-256': `sha256=${'ab'.repeat(32)}`,
				},
				body: messengerPayload({ tag: 'forged' }),
			});
			assert.equal(r.status, 401);
		}
	});

	it('signed deliveries spread over A and B: every event once, 0 lost (the worker runs them)', async () => {
		const bodies = payloads('spread', 60, 2);
		const statuses = [];
		for (let i = 0; i < bodies.length; i += 6)
			statuses.push(
				...(await Promise.all(
					bodies.slice(i, i + 6).map((body, j) => deliver(WF.spread, body, (i + j) % 2)),
				)),
			);
		assert.deepEqual(new Set(statuses), new Set([200]));
		const expected = bodies.flatMap(midsOf);
		const mids = await emittedMids(WF.spread, bodies.length);
		assert.deepEqual(tally(expected, mids), { lost: 0, duplicated: 0, unexpected: 0 });
		assert.equal(mids.length, 120);
	});
});

describe('queue mode: a redelivery to either process is emitted once (shared store)', () => {
	/** Delivers each payload per `pattern`, then checks each event came out exactly once. */
	async function exactlyOnce(id, bodies, pattern) {
		for (const body of bodies) {
			const statuses = await pattern(body);
			assert.ok(
				statuses.every((s) => s === 200),
				`Meta got ${statuses}`,
			);
		}
		const mids = await emittedMids(id, bodies.length);
		return tally(bodies.flatMap(midsOf), mids);
	}

	it('the same signed delivery to A, then to B', async () => {
		const result = await exactlyOnce(WF.aThenB, payloads('ab', 10), async (body) => [
			await acknowledged(WF.aThenB, body, A),
			await acknowledged(WF.aThenB, body, B),
		]);
		assert.deepEqual(result, { lost: 0, duplicated: 0, unexpected: 0 });
	});

	it('the same signed delivery to B, then to A', async () => {
		const result = await exactlyOnce(WF.bThenA, payloads('ba', 10), async (body) => [
			await acknowledged(WF.bThenA, body, B),
			await acknowledged(WF.bThenA, body, A),
		]);
		assert.deepEqual(result, { lost: 0, duplicated: 0, unexpected: 0 });
	});

	it('the same signed delivery to A and B at once', async () => {
		const result = await exactlyOnce(WF.both, payloads('both', 10), (body) =>
			Promise.all([acknowledged(WF.both, body, A), acknowledged(WF.both, body, B)]),
		);
		assert.deepEqual(result, { lost: 0, duplicated: 0, unexpected: 0 });
	});

	it('a redelivery to A after A restarted (its memory is gone)', async () => {
		const bodies = payloads('restart', 10);
		for (const body of bodies) assert.equal(await acknowledged(WF.restart, body, A), 200);
		await emittedMids(WF.restart, bodies.length);
		await cluster.stopWebhook(A);
		await cluster.startWebhook(A);
		for (const body of bodies) assert.equal(await acknowledged(WF.restart, body, A), 200);
		const mids = await emittedMids(WF.restart, bodies.length);
		assert.deepEqual(tally(bodies.flatMap(midsOf), mids), {
			lost: 0,
			duplicated: 0,
			unexpected: 0,
		});
	});

	// What overload does to Meta's side, made repeatable: Meta stops waiting for the answer (its
	// timeout) at every stage of n8n's work (before n8n read the body, while the trigger runs,
	// after n8n answered) and delivers again, here to the other process. The delays span the
	// ~80 ms a delivery takes end to end on this cluster.
	it('abandoned deliveries: Meta hangs up at any point and redelivers to the other process; each event once, 0 lost', async () => {
		const HANG_UP_MS = [1, 5, 15, 30, 50, 80, 120, 200, 400, 800];
		const bodies = payloads('abandon', HANG_UP_MS.length * 3, 1);
		const history = new Map();
		let hungUp = 0;
		const abandonThenRedeliver = async (body, i) => {
			const first = i % 2;
			const status = await deliver(WF.abandon, body, first, {
				timeoutMs: HANG_UP_MS[i % HANG_UP_MS.length],
			});
			const attempts = [`${'AB'[first]}→${status}`];
			if (status === 'timeout') hungUp++;
			for (let attempt = 1; status !== 200 && attempt <= 8; attempt++) {
				await new Promise((r) => setTimeout(r, 1000 * attempt));
				const to = (first + attempt) % 2;
				const again = await deliver(WF.abandon, body, to, { timeoutMs: 20_000 });
				attempts.push(`${'AB'[to]}→${again}`);
				if (again === 200) break;
			}
			history.set(body, attempts);
		};
		await Promise.all(
			bodies.map(async (body, i) => {
				await new Promise((r) => setTimeout(r, 50 * i));
				await abandonThenRedeliver(body, i);
			}),
		);
		const unacknowledged = bodies.filter((b) => !history.get(b).at(-1).endsWith('→200'));
		assert.deepEqual(
			unacknowledged.map((b) => history.get(b).join(' ')),
			[],
			'Meta got a 200 for every delivery in the end',
		);
		assert.ok(hungUp >= bodies.length / 2, `Meta hung up on ${hungUp} of ${bodies.length}`);
		const mids = await emittedMids(WF.abandon, 1);
		const result = tally(bodies.flatMap(midsOf), mids);
		const attempts = [...history.values()].reduce((n, a) => n + a.length, 0);
		process.stdout.write(
			`# abandoned: Meta hung up on ${hungUp} of ${bodies.length} deliveries; ${attempts} attempts in all; ${mids.length} events emitted: ${JSON.stringify(result)}\n`,
		);
		if (result.lost || result.duplicated) {
			const counts = new Map();
			for (const mid of mids) counts.set(mid, (counts.get(mid) ?? 0) + 1);
			for (const [i, body] of bodies.entries()) {
				const [mid] = midsOf(body);
				if (counts.get(mid) !== 1)
					process.stdout.write(
						`# ${mid} (hung up after ${HANG_UP_MS[i % HANG_UP_MS.length]} ms) emitted ${counts.get(mid) ?? 0}×: ${history.get(body).join(' ')}\n`,
					);
			}
		}
		assert.deepEqual(result, { lost: 0, duplicated: 0, unexpected: 0 });
	});

	// Not yet proven (#15): before settling was retried, events of deliveries the client abandoned
	// ran twice (claims left pending until they expired); one run since passed. It takes minutes of
	// retries and depends on the machine's load, so `npm test` runs it only on request.
	const overloadSkip = process.env.MB_QUEUE_OVERLOAD
		? false
		: 'minutes long and load-dependent (#15): MB_QUEUE_OVERLOAD=1 runs it';
	it(
		'overload: twice what the processes absorb (at most 40 deliveries/s) for 10 s, with redeliveries (timeouts and duplicates) over A and B',
		{ skip: overloadSkip },
		async () => {
			// The machine's 2 cores are shared with every n8n process (and whatever else runs): the
			// offered rate is twice what one sequential sender gets acknowledged, capped at 40/s.
			const probe = payloads('probe', 10, 1);
			const probeStarted = Date.now();
			for (const [i, body] of probe.entries())
				assert.equal(await deliver(WF.overload, body, i % 2), 200);
			const perDeliveryMs = (Date.now() - probeStarted) / probe.length;
			const rate = Math.max(5, Math.min(40, Math.round((2 * 1000) / perDeliveryMs)));
			const seconds = Number(process.env.MB_QUEUE_OVERLOAD_SECONDS ?? 10);
			const bodies = payloads('overload', rate * seconds, 1);
			await emittedMids(WF.overload, probe.length);
			let timeouts = 0;
			let redeliveries = 0;
			const started = Date.now();
			/**
			 * Meta's side: no answer within 5 s is a timeout; it delivers again later (15 s, 30 s, …
			 * here; minutes in production), and the balancer sends the retry to the other process.
			 * A shorter timeout or quicker retries only make n8n collapse: every webhook request costs
			 * database queries before n8n reads its body, aborted or not.
			 */
			const history = new Map(); // body → what each attempt got, for the report of a failure
			const untilAcknowledged = async (body, to) => {
				for (let attempt = 0; attempt < 6; attempt++) {
					if (attempt) await new Promise((r) => setTimeout(r, 15_000 * attempt));
					const sentAt = Date.now() - started;
					const status = await deliver(WF.overload, body, (to + attempt) % 2, { timeoutMs: 5000 });
					history.set(body, [
						...(history.get(body) ?? []),
						`${'AB'[(to + attempt) % 2]}@${(sentAt / 1000).toFixed(1)}s→${status}`,
					]);
					if (status === 200) return;
					if (status === 'timeout') timeouts++;
					redeliveries++;
				}
				throw new Error('never acknowledged');
			};
			const pending = [];
			for (let i = 0; i < bodies.length; i++) {
				const due = started + (i * 1000) / rate;
				if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
				pending.push(untilAcknowledged(bodies[i], i % 2));
				// one delivery in five is redelivered to the other process at once (Meta's duplicates)
				if (i % 5 === 0) {
					redeliveries++;
					pending.push(untilAcknowledged(bodies[i], (i + 1) % 2));
				}
			}
			const acknowledged = await Promise.allSettled(pending);
			const offered = ((Date.now() - started) / 1000).toFixed(1);
			assert.deepEqual(
				acknowledged.filter((a) => a.status === 'rejected').map((a) => a.reason.message),
				[],
				'Meta got a 200 for every delivery in the end',
			);
			const mids = await emittedMids(WF.overload, 1, { timeoutMs: 240_000 });
			const result = tally([...probe, ...bodies].flatMap(midsOf), mids);
			process.stdout.write(
				`# overload: ${perDeliveryMs.toFixed(0)} ms per sequential delivery → ${rate}/s offered: ${bodies.length} deliveries over ${seconds} s (all acknowledged after ${offered} s), ${redeliveries} redeliveries (${timeouts} after a timeout), ${mids.length} events emitted for ${bodies.length + probe.length}: ${JSON.stringify(result)}\n`,
			);
			if (result.lost || result.duplicated) {
				const counts = new Map();
				for (const mid of mids) counts.set(mid, (counts.get(mid) ?? 0) + 1);
				for (const body of bodies) {
					const [mid] = midsOf(body);
					if (counts.get(mid) !== 1)
						process.stdout.write(
							`# ${mid} emitted ${counts.get(mid) ?? 0}×: ${(history.get(body) ?? []).join(' ')}\n`,
						);
				}
			}
			assert.deepEqual(result, { lost: 0, duplicated: 0, unexpected: 0 });
		},
	);
});

describe('queue mode: Genesys Cloud Open Messaging Trigger, Genesys retries to either process', () => {
	const notify = (id, body, to, options) => deliverNotification(cluster, id, body, to, options);
	const idOf = (body) => JSON.parse(body).id;
	const emittedIds = (id, atLeast) =>
		emittedMids(id, atLeast, { node: OPEN_MESSAGING_NODE, field: 'messageId' });

	/**
	 * Genesys' side: a timeout, 429 or 5xx is retried (up to 5 times; 5 s apart in production,
	 * 300 ms here), the balancer sending each retry to the other process. Returns every status.
	 */
	async function genesysDelivers(id, body, first) {
		const statuses = [];
		for (let attempt = 0; attempt <= 5; attempt++) {
			if (attempt) await new Promise((r) => setTimeout(r, 300));
			const status = await notify(id, body, (first + attempt) % 2);
			statuses.push(status);
			if (status !== 'timeout' && status !== 429 && status < 500) break;
		}
		return statuses;
	}

	it('shared store: the same notification to A then B, and to A and B at once: each message runs once', async () => {
		const sequential = Array.from({ length: 5 }, (_, n) => agentNotification('ab', n));
		const together = Array.from({ length: 5 }, (_, n) => agentNotification('both', n));
		for (const body of sequential) {
			assert.deepEqual(await genesysDelivers(WF.openShared, body, A), [200]);
			assert.deepEqual(await genesysDelivers(WF.openShared, body, B), [200], 'B drops it');
		}
		const answers = [];
		for (const body of together)
			answers.push(
				...(await Promise.all([
					genesysDelivers(WF.openShared, body, A),
					genesysDelivers(WF.openShared, body, B),
				])),
			);
		assert.ok(
			answers.every((statuses) => statuses.at(-1) === 200),
			`Genesys got ${JSON.stringify(answers)}`,
		);
		const busy = answers.flat().filter((status) => status !== 200);
		assert.ok(
			busy.every((status) => status === 429),
			`a busy notification is answered 429: ${busy}`,
		);
		process.stdout.write(
			`# open messaging, at once: ${busy.length} of ${together.length * 2} deliveries answered 429 and retried\n`,
		);
		const all = [...sequential, ...together];
		const ids = await emittedIds(WF.openShared, all.length);
		assert.deepEqual(tally(all.map(idOf), ids), { lost: 0, duplicated: 0, unexpected: 0 });
	});

	it('control: the in-process store runs a notification retried to the other process twice (the documented limit)', async () => {
		const bodies = Array.from({ length: 3 }, (_, n) => agentNotification('control', n));
		for (const body of bodies) {
			assert.equal(await notify(WF.openControl, body, A), 200);
			assert.equal(await notify(WF.openControl, body, B), 200);
			assert.equal(await notify(WF.openControl, body, B), 200, 'B itself remembers it');
		}
		const ids = await emittedIds(WF.openControl, bodies.length * 2);
		assert.deepEqual(tally(bodies.map(idOf), ids), { lost: 0, duplicated: 3, unexpected: 0 });
		assert.equal(ids.length, 6);
	});
});

describe('queue mode: limits and outages', () => {
	it('control: the default in-process store emits a delivery redelivered to the other process twice', async () => {
		const bodies = payloads('control', 5);
		for (const body of bodies) {
			assert.equal(await deliver(WF.control, body, A), 200);
			assert.equal(await deliver(WF.control, body, B), 200);
			assert.equal(await deliver(WF.control, body, B), 200, 'B itself remembers it');
		}
		const mids = await emittedMids(WF.control, bodies.length * 2);
		assert.equal(mids.length, 20, 'each of the 10 events twice: once per process');
		assert.deepEqual(tally(bodies.flatMap(midsOf), mids), {
			lost: 0,
			duplicated: 10,
			unexpected: 0,
		});
	});

	it('worker outage: deliveries are acknowledged and held in Redis, then run once by the worker', async () => {
		await cluster.stopWorker();
		const bodies = payloads('outage', 10);
		for (const [i, body] of bodies.entries())
			assert.equal(await deliver(WF.outage, body, i % 2), 200);
		await new Promise((r) => setTimeout(r, 1500));
		const held = await executions(WF.outage);
		assert.ok(
			held.every((e) => !finished(e)),
			`nothing ran: ${held.map((e) => e.status)}`,
		);
		await cluster.startWorker();
		const mids = await emittedMids(WF.outage, bodies.length);
		assert.deepEqual(tally(bodies.flatMap(midsOf), mids), {
			lost: 0,
			duplicated: 0,
			unexpected: 0,
		});
	});
});

describe('queue mode: Auto Subscribe', () => {
	const callbackUrl = `http://localhost:${PORTS.balancer}/${hookPath(WF.auto)}`;

	it('activated by main before any webhook process answered: activation succeeds once they do', async () => {
		await autoActivation;
		const publication = await api.waitFor(
			async () => {
				const status = await api.rest(`/rest/workflows/${WF.auto}/publication-status`);
				return status?.status === 'published' || status?.status === 'failed' ? status : null;
			},
			{ what: 'Auto Subscribe publication', timeoutMs: 90_000, intervalMs: 500 },
		);
		assert.equal(publication.status, 'published', JSON.stringify(publication));
		const sub = graph.state.appSubscriptions.get('page');
		assert.ok(sub, 'app subscribed');
		assert.equal(sub.callback_url, callbackUrl);
		assert.deepEqual(graph.state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId), [
			'messages',
			'messaging_postbacks',
		]);
		const body = messengerPayload({ tag: 'auto', events: 2 });
		assert.equal(await deliver(WF.auto, body, B), 200);
		assert.deepEqual((await emittedMids(WF.auto, 1)).sort(), midsOf(body).sort());
	});

	it('deactivation undoes exactly the subscriptions activation made', async () => {
		graph.clearRequests();
		await api.deactivate(WF.auto);
		await api.waitFor(() => !graph.state.appSubscriptions.has('page'), {
			what: 'app unsubscribed',
		});
		await api.waitFor(
			() => graph.state.pageSubscriptions.get(GRAPH.pageId)?.get(GRAPH.appId) === undefined,
			{ what: 'page unsubscribed' },
		);
		assert.deepEqual(
			graph.requestsTo('DELETE', '/').map((r) => r.path),
			[`/v25.0/${GRAPH.pageId}/subscribed_apps`, `/v25.0/${GRAPH.appId}/subscriptions`],
		);
		assert.equal(graph.requestsTo('POST', '/').length, 0, 'nothing subscribed anew');
	});
});
