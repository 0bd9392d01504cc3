// What the trigger suites share: a workflow of one trigger node, posting a signed Meta delivery
// to its production URL, and reading the executions it started (their count, the trigger output
// of the n-th, that none started).
import assert from 'node:assert/strict';
import { env } from '../env.mjs';
import { GRAPH } from '../../emulators/fixtures.mjs';
import { metaJson, signatureHeaders } from '../../unit/trigger-payloads.mjs';

export const MESSENGER_TRIGGER = 'Messenger Trigger';

/** A workflow of one trigger node (`node`: its name, type, typeVersion, parameters, credentials). */
export function triggerWorkflow({ id, name, webhookId, node, publish = true }) {
	return {
		id,
		name,
		publish,
		nodes: [{ id: `${id}-trigger`, typeVersion: 1, position: [0, 0], webhookId, ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** A Messenger Trigger workflow: object page, the emulator's verify token, every event, unless `parameters` say otherwise. */
export function messengerTriggerWorkflow({
	id,
	name,
	webhookId,
	typeVersion = 1,
	parameters,
	credentials,
	publish,
}) {
	return triggerWorkflow({
		id,
		name,
		webhookId,
		publish,
		node: {
			name: MESSENGER_TRIGGER,
			type: 'n8n-nodes-messenger-bridge.messengerTrigger',
			typeVersion,
			parameters: {
				object: 'page',
				verifyToken: GRAPH.verifyToken,
				events: [],
				options: {},
				...parameters,
			},
			credentials,
		},
	});
}

/** The trigger's production webhook path (`wf.hook` is its webhook id). */
export const webhookPath = (wf) => `${wf.hook}/webhook`;

/** POSTs `body` (an object, or the exact bytes as a string) to `wf`, signed as Meta signs it. */
export async function postSigned(
	wf,
	body,
	{ headers, secret = GRAPH.appSecret, contentType = 'application/json' } = {},
) {
	const raw = typeof body === 'string' ? body : metaJson(body);
	const signed = signatureHeaders(Buffer.from(raw), secret);
	return env.webhook(webhookPath(wf), {
		rawBody: raw,
		headers: { ...signed, 'content-type': contentType, ...(headers ?? {}) },
	});
}

export const executionCount = async (wf) =>
	(await env.executions(wf.id, { includeData: false })).length;

/** Waits until the workflow has `n` executions, all finished; returns them oldest first. */
export async function finishedExecutions(wf, n) {
	const list = await env.waitFor(
		async () => {
			const executions = await env.executions(wf.id, { includeData: false });
			return executions.length >= n &&
				executions.every((e) => e.status !== 'running' && e.status !== 'new')
				? executions
				: null;
		},
		{ what: `execution ${n} of ${wf.id}` },
	);
	return [...list].sort((a, b) => Number(a.id) - Number(b.id));
}

/** Waits for the workflow's execution number `n` (1-based, oldest first) and returns it with its data. */
export async function nthExecution(wf, n) {
	const ordered = await finishedExecutions(wf, n);
	return env.execution(ordered[n - 1].id);
}

/** The trigger output (item jsons) of an execution read with its data. */
export const triggerOutput = (execution, node = MESSENGER_TRIGGER) =>
	env.nodeOutput(execution, node)[0].map((i) => i.json);

/** Waits for the workflow's execution number `n` (1-based, oldest first) and returns its trigger output. */
export async function nthOutput(wf, n, node = MESSENGER_TRIGGER) {
	return triggerOutput(await nthExecution(wf, n), node);
}

/** Asserts that no new execution appears for a while. */
export async function assertNothingStarted(wf, before, ms = 800) {
	await new Promise((r) => setTimeout(r, ms));
	assert.equal(await executionCount(wf), before, 'no execution started');
}
