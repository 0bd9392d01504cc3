// Meta redelivers a request it got no timely 200 for, sometimes while the first delivery is still
// being handled. The same payload delivered twice, and several times concurrently, must yield
// each event exactly once across all executions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env, CREDENTIAL_REFS } from '../env.mjs';
import { GRAPH } from '../../emulators/fixtures.mjs';
import { messengerPayload, sign } from '../../../bench/lib/signedEvents.mjs';
import { holdWriteLock } from '../sqliteLock.mjs';
import { join } from 'node:path';

const WORKFLOW_ID = 'mbRedelivery0001';
const WEBHOOK_ID = 'redelivery-trigger-0001';

const REFUSED_WORKFLOW_ID = 'mbRedelivery0002';
const REFUSED_WEBHOOK_ID = 'redelivery-trigger-0002';

const workflow = (id, webhookId) => ({
	id,
	name: `e2e redelivery ${id}`,
	nodes: [
		{
			id: `${id}-trigger`,
			name: 'Messenger Trigger',
			type: 'n8n-nodes-messenger-bridge.messengerTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId,
			parameters: { object: 'page', verifyToken: GRAPH.verifyToken, events: [], options: {} },
			credentials: { facebookAppApi: CREDENTIAL_REFS.facebookAppApi },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
});
env.addWorkflows(
	workflow(WORKFLOW_ID, WEBHOOK_ID),
	workflow(REFUSED_WORKFLOW_ID, REFUSED_WEBHOOK_ID),
);

const deliver = (body, webhookId = WEBHOOK_ID) =>
	env.webhook(`${webhookId}/webhook`, {
		rawBody: body,
		headers: { 'content-type': 'application/json', ...sign(body, GRAPH.appSecret) },
	});

/** Every mid emitted by every execution of the workflow, once the executions have finished. */
async function emittedMids(expectedExecutions, workflowId = WORKFLOW_ID) {
	const executions = await env.waitFor(
		async () => {
			const list = await env.executions(workflowId, { includeData: false, limit: 500 });
			return list.length >= expectedExecutions && list.every((e) => e.status === 'success')
				? list
				: null;
		},
		{ what: `${expectedExecutions} executions`, timeoutMs: 60_000 },
	);
	await new Promise((r) => setTimeout(r, 1500)); // anything extra would have shown up by now
	const all = await env.executions(workflowId, { limit: 500 });
	assert.equal(all.length, executions.length, 'no late, duplicate execution appeared');
	return all.flatMap((execution) =>
		env.nodeOutput(execution, 'Messenger Trigger')[0].map((item) => item.json.mid),
	);
}

describe('e2e: redelivery yields each event once', () => {
	it(
		'the same payload twice in a row, then five times at once, then a batch half old and half new',
		{ timeout: 120_000 },
		async () => {
			const first = messengerPayload({ entries: 3, events: 4, tag: 'redeliver_seq' });
			const sequential = [await deliver(first), await deliver(first)];
			assert.deepEqual(
				sequential.map((r) => r.status),
				[200, 200],
				'Meta gets its 200 every time',
			);

			const second = messengerPayload({ entries: 2, events: 5, tag: 'redeliver_par' });
			const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver(second)));
			assert.deepEqual(
				concurrent.map((r) => r.status),
				[200, 200, 200, 200, 200],
			);

			// A retry that carries old and new events together: only the new ones come out.
			const third = messengerPayload({ entries: 1, events: 3, tag: 'redeliver_mix' });
			const mixed = JSON.parse(first);
			mixed.entry.push(...JSON.parse(third).entry);
			const mixedBody = JSON.stringify(mixed);
			assert.equal((await deliver(mixedBody)).status, 200);

			const expected = [first, second, third].flatMap((body) =>
				[...body.matchAll(/"mid":"([^"]+)"/g)].map((m) => m[1]),
			);
			// One execution for each first delivery: `first`, one of the five `second`s, and `mixed`.
			const mids = await emittedMids(3);
			assert.equal(
				mids.length,
				expected.length,
				`${mids.length} events emitted for ${expected.length} distinct events`,
			);
			assert.deepEqual([...mids].sort(), [...expected].sort());
		},
	);

	it(
		'n8n cannot record the execution (database locked): Meta gets a 5xx, and its retry is emitted, once',
		{ timeout: 120_000 },
		async () => {
			const body = messengerPayload({ entries: 2, events: 3, tag: 'redeliver_dbfail' });
			const lock = await holdWriteLock(join(env.userFolder, '.n8n', 'database.sqlite'));
			let refused;
			try {
				refused = await deliver(body, REFUSED_WEBHOOK_ID);
			} finally {
				await lock.release();
			}
			assert.ok(refused.status >= 500, `n8n answered ${refused.status}: Meta will deliver again`);
			process.stdout.write(
				`# database locked: n8n answered ${refused.status} ${refused.text.slice(0, 120)}\n`,
			);
			assert.ok(!/EVENT_RECEIVED/.test(refused.text));
			const retried = await deliver(body, REFUSED_WEBHOOK_ID);
			assert.equal(retried.status, 200);
			assert.equal(
				(await deliver(body, REFUSED_WEBHOOK_ID)).status,
				200,
				'a second retry is acknowledged too…',
			);
			const expected = [...body.matchAll(/"mid":"([^"]+)"/g)].map((m) => m[1]);
			const mids = await emittedMids(1, REFUSED_WORKFLOW_ID);
			assert.deepEqual(
				[...mids].sort(),
				[...expected].sort(),
				'…and every event comes out exactly once',
			);
		},
	);
});
