// bench/openMessagingBridge: the time n8n adds per message on the bridge's inbound leg, in ONE real n8n:
//   1. this package: Messenger Trigger → Genesys Cloud node, Open Messaging → Send Inbound Message
//      (signature check, one item per event, de-duplication, token reuse, checks, the POST);
//   2. the baseline: n8n's Webhook node → HTTP Request node (predefined credential Genesys Cloud
//      OAuth2 API) posting the same inbound body, with no checks.
// Both post to the Genesys Cloud emulator's /inbound/open/message, which timestamps each arrival.
// Per message: latency = arrival at the emulator − send of the Messenger POST (the trigger and
// the Webhook both answer at once, so this is n8n's whole added time). Prints p50/p90/p99 per
// target, the p50 ratio (goal ≤ 1.2×), and messages lost (never arrived) or duplicated (arrived
// more than once; a refused POST is redelivered as Meta does), over MB_OM_MESSAGES messages each (default 1000), MB_OM_CONCURRENCY at a time.
// Run: npm run build && node bench/openMessagingBridge.mjs
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
const OURS_HOOK = 'b0e1d9e2-0000-4000-8000-00000000be01';
const INTEGRATION = {
	ours: '0be1d9e2-5a3c-4f7e-9b21-00000000bea1',
	baseline: '0be1d9e2-5a3c-4f7e-9b21-00000000bea2',
};

env.addWorkflows(
	{
		id: 'mbBenchOpenOurs1',
		name: 'bench open messaging: ours',
		nodes: [
			{
				id: 'o1',
				name: 'Messenger Trigger',
				type: 'n8n-nodes-messenger-bridge.messengerTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: OURS_HOOK,
				parameters: {
					object: 'page',
					verifyToken: GRAPH.verifyToken,
					events: ['message'],
					options: {},
				},
				credentials: { facebookAppApi: CREDENTIAL_REFS.facebookAppApi },
			},
			{
				id: 'o2',
				name: 'Genesys',
				type: 'n8n-nodes-messenger-bridge.genesysCloud',
				typeVersion: 1.1,
				position: [240, 0],
				parameters: {
					resource: 'openMessaging',
					operation: 'sendInboundMessage',
					integrationId: { __rl: true, mode: 'id', value: INTEGRATION.ours },
					customerId: '={{ $json.senderId }}',
					customerIdType: 'Opaque',
					messageId: '={{ $json.mid }}',
					text: '={{ $json.text }}',
					options: { time: '={{ $json.timestamp }}' },
				},
				credentials: { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api },
			},
		],
		connections: { 'Messenger Trigger': { main: [[{ node: 'Genesys', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	},
	{
		id: 'mbBenchOpenBase1',
		name: 'bench open messaging: Webhook → HTTP Request',
		nodes: [
			{
				id: 'b1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b0e1d9e2-0000-4000-8000-00000000be02',
				parameters: {
					httpMethod: 'POST',
					path: 'bench-open-baseline',
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: 'b2',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: `http://127.0.0.1:${PORTS.genesysApi}/api/v2/conversations/messages/${INTEGRATION.baseline}/inbound/open/message`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'genesysCloudOAuth2Api',
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify({ channel: { messageId: $json.body.entry[0].messaging[0].message.mid, from: { id: $json.body.entry[0].messaging[0].sender.id, idType: "Opaque" }, time: new Date($json.body.entry[0].messaging[0].timestamp).toISOString() }, text: $json.body.entry[0].messaging[0].message.text }) }}',
					options: {},
				},
				credentials: { genesysCloudOAuth2Api: CREDENTIAL_REFS.genesysCloudOAuth2Api },
			},
		],
		connections: { Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	},
);

env.n8nEnv = { ...env.n8nEnv, EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none', N8N_LOG_LEVEL: 'warn' };

const percentile = (sorted, p) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Sends `count` messages through one target and collects each one's latency and arrivals. */
async function drive(name, path, count, tally) {
	const gc = env.emulators.genesysCloud;
	const integrationId = INTEGRATION[name];
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
	for (const [name, id] of Object.entries(INTEGRATION)) {
		const entity = createIntegration(gc.api.state, 'current', 'open', {
			name: `bench ${name}`,
			outboundNotificationWebhookUrl: 'https://bench.example.com/',
			outboundNotificationWebhookSignatureSecretToken: 'bench-secret',
		});
		const open = gc.api.state.integrations.get('open');
		open.delete(entity.id);
		entity.id = id;
		open.set(id, entity);
	}
	const paths = { ours: `${OURS_HOOK}/webhook`, baseline: 'bench-open-baseline' };
	const tallies = Object.fromEntries(
		Object.keys(paths).map((k) => [
			k,
			{ latencies: [], seconds: 0, messages: 0, lost: 0, duplicated: 0, refused: 0 },
		]),
	);
	// Warm-up (token minted, code loaded, not counted), then halves in the order A B B A so that
	// neither target always runs first.
	const warm = { latencies: [], seconds: 0, messages: 0, lost: 0, duplicated: 0, refused: 0 };
	for (const name of Object.keys(paths)) await drive(name, paths[name], 20, warm);
	const half = Math.ceil(MESSAGES / 2);
	for (const name of ['ours', 'baseline', 'baseline', 'ours'])
		await drive(name, paths[name], half, tallies[name]);
	const results = Object.entries(tallies).map(([name, t]) => summary(name, t));
	console.table(results);
	const ratio = results[0].p50 / results[1].p50;
	console.log(`p50 ratio ours/baseline: ${ratio.toFixed(2)}× (goal ≤ 1.2×)`);
} finally {
	await env.stop();
}
