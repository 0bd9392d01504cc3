// bench/openMessagingBridge: the time n8n adds per message on the bridge's inbound leg, in ONE real n8n,
// each target its own workflow:
//   ours      Messenger Trigger → Genesys Cloud node, Open Messaging → Send Inbound Message with
//             Message From: Messenger Trigger Event (signature check, one item per event,
//             de-duplication, token reuse, checks, the POST; no expression);
//   perField  the same with Customer ID, Message ID, Text and Time mapped by expressions (as users
//             who map by hand run it);
//   baseline  n8n's Webhook node → HTTP Request node (predefined credential Genesys Cloud OAuth2
//             API) posting the same inbound body built by one expression, with no checks.
// MB_OM_DIAGNOSE=1 adds targets that tell where a difference comes from (the Messenger Trigger
// with n8n's HTTP Request, n8n's Webhook with our node, one expression only).
// All post to the Genesys Cloud emulator's /inbound/open/message, which timestamps each arrival.
// Per message: latency = arrival at the emulator − send of the Messenger POST (the trigger and
// the Webhook both answer at once, so this is n8n's whole added time). Prints p50/p90/p99 per
// target, n8n's CPU time per message (its process group; robust on a shared machine), each
// target's p50 and CPU against the baseline (goal ≤ 1.2×), and messages lost (never arrived) or
// duplicated (arrived more than once; a refused POST is redelivered as Meta does), over
// MB_OM_MESSAGES messages per target (default 1000), MB_OM_CONCURRENCY at a time, in 4 rounds
// that alternate the order of the targets.
// Run: node bench/openMessagingBridge.mjs (it builds and packs the package, as the e2e run does);
// n8n settings via MB_E2E_N8N_ENV, e.g. MB_E2E_N8N_ENV=N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { messengerPayload, midsOf, sign } from './lib/signedEvents.mjs';

process.env.MB_E2E_PORT ??= '5950';
process.env.MB_EMULATOR_PORT_BASE ??= '5960';
const { env, CREDENTIAL_REFS } = await import('../test/e2e/env.mjs');
const { GRAPH, PORTS } = await import('../test/emulators/fixtures.mjs');
const { createIntegration } = await import('../test/emulators/genesys-cloud/model.mjs');

const MESSAGES = Number(process.env.MB_OM_MESSAGES ?? 1000);
const CONCURRENCY = Number(process.env.MB_OM_CONCURRENCY ?? 4);
const DIAGNOSE = process.env.MB_OM_DIAGNOSE === '1';

const integrationOf = (n) => `0be1d9e2-5a3c-4f7e-9b21-00000000bea${n}`;
const hookOf = (n) => `b0e1d9e2-0000-4000-8000-00000000be0${n}`;

const messengerTrigger = (n) => ({
	id: `t${n}`,
	name: 'Messenger Trigger',
	type: 'n8n-nodes-messenger-bridge.messengerTrigger',
	typeVersion: 1.1,
	position: [0, 0],
	webhookId: hookOf(n),
	parameters: {
		object: 'page',
		verifyToken: GRAPH.verifyToken,
		events: ['message'],
		options: {},
	},
	credentials: { facebookAppApi: CREDENTIAL_REFS.facebookAppApi },
});
const webhookNode = (n) => ({
	id: `t${n}`,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: hookOf(n),
	parameters: {
		httpMethod: 'POST',
		path: `bench-open-${n}`,
		responseMode: 'onReceived',
		options: {},
	},
});
const sendInbound = (n, parameters) => ({
	id: `s${n}`,
	name: 'Genesys',
	type: 'n8n-nodes-messenger-bridge.genesysCloud',
	typeVersion: 1.1,
	position: [240, 0],
	parameters: {
		resource: 'openMessaging',
		operation: 'sendInboundMessage',
		integrationId: { __rl: true, mode: 'id', value: integrationOf(n) },
		customerIdType: 'Opaque',
		...parameters,
	},
	credentials: { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api },
});
/** n8n's HTTP Request posting the inbound body built by ONE expression over `at` (the event). */
const httpRequest = (n, at) => ({
	id: `s${n}`,
	name: 'Genesys',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [240, 0],
	parameters: {
		method: 'POST',
		url: `http://127.0.0.1:${PORTS.genesysApi}/api/v2/conversations/messages/${integrationOf(n)}/inbound/open/message`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'genesysCloudOAuth2Api',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: `={{ JSON.stringify({ channel: { messageId: ${at.mid}, from: { id: ${at.senderId}, idType: "Opaque" }, time: new Date(${at.timestamp}).toISOString() }, text: ${at.text} }) }}`,
		options: {},
	},
	credentials: { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api },
});
const RAW = '$json.body.entry[0].messaging[0]';
const fromWebhook = {
	mid: `${RAW}.message.mid`,
	senderId: `${RAW}.sender.id`,
	timestamp: `${RAW}.timestamp`,
	text: `${RAW}.message.text`,
};
const fromTrigger = {
	mid: '$json.mid',
	senderId: '$json.senderId',
	timestamp: '$json.timestamp',
	text: '$json.text',
};
/** Send Inbound Message with each field mapped by its own expression, as the node's placeholders suggest. */
const perFieldParameters = (at) => ({
	customerId: `={{ ${at.senderId} }}`,
	messageId: `={{ ${at.mid} }}`,
	text: `={{ ${at.text} }}`,
	options: { time: `={{ ${at.timestamp} }}` },
});

/**
 * The targets, each its own workflow, webhook and integration. The first three are the result;
 * MB_OM_DIAGNOSE=1 adds the ones that tell where the difference comes from.
 */
const TARGETS = [
	{
		name: 'ours',
		label:
			'Messenger Trigger → Send Inbound Message, Message From: Messenger Trigger Event (no expression)',
		start: messengerTrigger(1),
		action: sendInbound(1, { messageFrom: 'messengerTrigger' }),
	},
	{
		name: 'perField',
		label: 'Messenger Trigger → Send Inbound Message, 4 fields by expression',
		start: messengerTrigger(6),
		action: sendInbound(6, perFieldParameters(fromTrigger)),
	},
	{
		name: 'baseline',
		label: 'Webhook → HTTP Request (1 expression)',
		start: webhookNode(2),
		action: httpRequest(2, fromWebhook),
	},
	...(DIAGNOSE
		? [
				{
					name: 'oneExpression',
					label: 'Messenger Trigger → Send Inbound Message, only Message ID by expression',
					start: messengerTrigger(3),
					action: sendInbound(3, {
						customerId: '24000000000000001',
						messageId: '={{ $json.mid }}',
						text: 'Hello',
					}),
				},
				{
					name: 'triggerToHttp',
					label: 'Messenger Trigger → HTTP Request (1 expression)',
					start: messengerTrigger(4),
					action: httpRequest(4, fromTrigger),
				},
				{
					name: 'webhookToNode',
					label: 'Webhook → Send Inbound Message, 4 fields by expression',
					start: webhookNode(5),
					action: sendInbound(5, perFieldParameters(fromWebhook)),
				},
			]
		: []),
];
for (const [i, t] of TARGETS.entries()) {
	t.integrationId = integrationOf(Number(t.action.id.slice(1)));
	t.path =
		t.start.type === 'n8n-nodes-base.webhook'
			? t.start.parameters.path
			: `${t.start.webhookId}/webhook`;
	env.addWorkflows({
		id: `mbBenchOpen${String(i).padStart(5, '0')}`,
		name: `bench open messaging: ${t.name}`,
		nodes: [t.start, t.action],
		connections: { [t.start.name]: { main: [[{ node: t.action.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	});
}

env.n8nEnv = { ...env.n8nEnv, EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_LOG_LEVEL: 'warn' };

const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/**
 * CPU time (ms) n8n's processes used so far (its process group: n8n and any runner it starts).
 * Unlike latency, it hardly depends on what else runs on a shared machine.
 */
function n8nCpuMs() {
	const group = env.n8n.process.pid;
	let ticks = 0;
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			// Fields after the command name: state ppid pgrp … utime(14) stime(15).
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// gone meanwhile
		}
	}
	return (ticks / CLOCK_TICKS_PER_S) * 1000;
}

const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Sends `count` messages through one target and collects each one's latency and arrivals. */
async function drive({ name, path, integrationId }, count, tally) {
	const gc = env.emulators.genesysCloud;
	const sentAt = new Map();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			next += 1;
			const body = messengerPayload({ tag: `om${name}` });
			const [mid] = midsOf(body);
			sentAt.set(mid, Date.now());
			// A refusal (non-2xx) is redelivered after a second, as Meta does; the node's once-per-ID
			// sending must keep a redelivered message from reaching the agent twice.
			for (let attempt = 0; ; attempt++) {
				const response = await env.webhook(path, {
					rawBody: body,
					headers: { ...sign(body, GRAPH.appSecret) },
				});
				if (response.status === 200) break;
				tally.refused += 1;
				if (attempt === 3) throw new Error(`${name}: HTTP ${response.status} ${response.text}`);
				await sleep(1000);
			}
		}
	};
	const started = performance.now();
	const cpuBefore = n8nCpuMs();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const byMid = () => {
		const map = new Map();
		for (const a of gc.api.state.openInbound.arrivalsOf(integrationId, 'message')) {
			const mid = a.body.channel.messageId;
			if (sentAt.has(mid)) map.set(mid, [...(map.get(mid) ?? []), a]);
		}
		return map;
	};
	const deadline = Date.now() + 120_000;
	while (byMid().size < count && Date.now() < deadline) await sleep(100);
	await sleep(500); // a late duplicate would arrive now
	tally.seconds += (performance.now() - started) / 1000;
	tally.cpuMs += n8nCpuMs() - cpuBefore;
	tally.messages += count;
	const arrived = byMid();
	for (const [mid, list] of arrived) tally.latencies.push(list[0].at - sentAt.get(mid));
	tally.lost += [...sentAt.keys()].filter((mid) => !arrived.has(mid)).length;
	tally.duplicated += [...arrived.values()].filter((list) => list.length > 1).length;
}

const summary = (name, t) => {
	const sorted = [...t.latencies].sort((a, b) => a - b);
	return {
		name,
		messages: t.messages,
		perSecond: (t.messages / t.seconds).toFixed(1),
		cpuMsPerMessage: (t.cpuMs / t.messages).toFixed(1),
		p50: percentile(sorted, 50),
		p90: percentile(sorted, 90),
		p99: percentile(sorted, 99),
		refusedThenRedelivered: t.refused,
		lost: t.lost,
		duplicated: t.duplicated,
	};
};

await env.start();
try {
	const gc = env.emulators.genesysCloud;
	gc.api.state.rateLimit = { perWindow: 1e9, windowMs: 60_000 };
	for (const { name, integrationId } of TARGETS) {
		const entity = createIntegration(gc.api.state, 'current', 'open', {
			name: `bench ${name}`,
			outboundNotificationWebhookUrl: 'https://bench.example.com/',
			outboundNotificationWebhookSignatureSecretToken: 'bench-secret',
		});
		const open = gc.api.state.integrations.get('open');
		open.delete(entity.id);
		entity.id = integrationId;
		open.set(integrationId, entity);
	}
	const fresh = () => ({
		latencies: [],
		seconds: 0,
		cpuMs: 0,
		messages: 0,
		lost: 0,
		duplicated: 0,
		refused: 0,
	});
	const tallies = new Map(TARGETS.map((t) => [t, fresh()]));
	// Warm-up (token minted, code loaded, not counted), then ROUNDS rounds, each target in turn,
	// every other round in reverse, so that no target always runs first or last.
	const warm = fresh();
	for (const t of TARGETS) await drive(t, 20, warm);
	const ROUNDS = 4;
	for (let round = 0; round < ROUNDS; round++) {
		const order = round % 2 ? [...TARGETS].reverse() : TARGETS;
		for (const t of order) await drive(t, Math.ceil(MESSAGES / ROUNDS), tallies.get(t));
	}
	const results = TARGETS.map((t) => summary(t.name, tallies.get(t)));
	console.table(results);
	const baseline = results.find((r) => r.name === 'baseline');
	for (const [i, r] of results.entries()) {
		if (r === baseline) continue;
		console.log(
			`${r.name}: p50 ${(r.p50 / baseline.p50).toFixed(2)}× the baseline (goal ≤ 1.2×), n8n CPU ${(r.cpuMsPerMessage / baseline.cpuMsPerMessage).toFixed(2)}×: ${TARGETS[i].label}`,
		);
	}
	console.log(`baseline: ${TARGETS.find((t) => t.name === 'baseline').label}`);
} finally {
	await env.stop();
}
