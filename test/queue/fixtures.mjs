// What the queue-mode tests and bench/queue.mjs share: Messenger Trigger and Genesys Cloud Open
// Messaging Trigger workflows (in-process or shared de-duplication store), their credentials, the
// Redis REST front over the cluster's real redis-server, deliveries to one webhook process, and
// counting what ran through main's REST API.
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { emulatorCredentials, GENESYS_OPEN_MESSAGING, GRAPH } from '../emulators/fixtures.mjs';
import { sign } from '../../bench/lib/signedEvents.mjs';

export const NODE = 'Messenger Trigger';
const REDIS_TOKEN = 'queue-test-redis-rest-token';
const REDIS_CREDENTIAL = { id: 'mbRedisRestQ0001', name: 'Redis REST (queue test)' };

/**
 * The credentials to import: Facebook App and Page (Graph emulator), the Open Messaging webhook's
 * secret token, Redis REST (the front).
 */
export function queueCredentials(ports) {
	return [
		...emulatorCredentials({ ports: { graph: ports.emulatorBase } }).filter((c) =>
			['facebookAppApi', 'facebookPageApi', 'genesysCloudOpenMessagingApi'].includes(c.type),
		),
		{
			...REDIS_CREDENTIAL,
			type: 'redisRestApi',
			data: { url: `http://127.0.0.1:${ports.redisRest}`, token: REDIS_TOKEN },
		},
	];
}

const refs = Object.fromEntries(
	emulatorCredentials().map((c) => [c.type, { id: c.id, name: c.name }]),
);

/**
 * A Messenger Trigger workflow with the webhook path `queue-<id>/webhook`; `store: 'redis'`
 * de-duplicates through the shared store (`options.deduplicationStore`, credential
 * `redisRestApi`), `autoSubscribe` subscribes the app and the Page on activation.
 */
export function triggerWorkflow(id, { store = 'process', autoSubscribe = false } = {}) {
	return {
		id,
		name: `queue ${id}`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: NODE,
				type: 'n8n-nodes-messenger-bridge.messengerTrigger',
				typeVersion: 1.1,
				position: [0, 0],
				webhookId: `queue-${id}`,
				parameters: {
					object: 'page',
					verifyToken: GRAPH.verifyToken,
					events: autoSubscribe ? ['message', 'postback'] : [],
					options: {
						...(store === 'redis' ? { deduplicate: true, deduplicationStore: 'redis' } : {}),
						...(autoSubscribe ? { autoSubscribe: true } : {}),
					},
				},
				credentials: {
					facebookAppApi: refs.facebookAppApi,
					...(store === 'redis' ? { redisRestApi: REDIS_CREDENTIAL } : {}),
					...(autoSubscribe ? { facebookPageApi: refs.facebookPageApi } : {}),
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

export const hookPath = (id) => `webhook/queue-${id}/webhook`;

export const OPEN_MESSAGING_NODE = 'Open Messaging Trigger';

/**
 * A Genesys Cloud Open Messaging Trigger workflow with the webhook path `queue-<id>/webhook`;
 * `store: 'redis'` de-duplicates through the shared store.
 */
export function openMessagingWorkflow(id, { store = 'process' } = {}) {
	return {
		id,
		name: `queue ${id}`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: OPEN_MESSAGING_NODE,
				type: 'n8n-nodes-messenger-bridge.genesysCloudOpenMessagingTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: `queue-${id}`,
				parameters: {
					types: [],
					options: store === 'redis' ? { deduplicationStore: 'redis' } : {},
				},
				credentials: {
					genesysCloudOpenMessagingApi: refs.genesysCloudOpenMessagingApi,
					...(store === 'redis' ? { redisRestApi: REDIS_CREDENTIAL } : {}),
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** An agent's outbound Open Messaging notification as Genesys sends it, with a unique id. */
export function agentNotification(tag, n) {
	return JSON.stringify({
		id: `om-${tag}-${n}-${Date.now().toString(36)}`,
		channel: {
			id: '6f5a1c2e-0000-4000-8000-0000000000q1',
			platform: 'Open',
			type: 'Private',
			to: { id: `customer-${n}`, idType: 'Opaque' },
			from: { id: '6f5a1c2e-0000-4000-8000-0000000000q1' },
			time: new Date().toISOString(),
		},
		type: 'Text',
		text: `agent reply ${n}`,
		direction: 'Outbound',
	});
}

/**
 * One notification delivery, signed as Genesys signs it (base64 HMAC-SHA256 of the raw body), to
 * webhook process `to`: its status, or 'timeout'.
 */
export async function deliverNotification(cluster, id, body, to, { timeoutMs = 10_000 } = {}) {
	const signature = createHmac('sha256', GENESYS_OPEN_MESSAGING.secretToken)
		.update(body)
		.digest('base64');
	try {
		const response = await fetch(`${cluster.webhookUrls[to]}/${hookPath(id)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signature}` },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		await response.text();
		return response.status;
	} catch (error) {
		if (error.name === 'TimeoutError') return 'timeout';
		throw error;
	}
}

// The shared store's REST front (test/emulators/redis-rest, from the store's branch of #15).
const REDIS_REST = new URL('../emulators/redis-rest/index.mjs', import.meta.url);
/** Whether this checkout has the shared store (its REST front and the node option). */
export const hasSharedStore = existsSync(REDIS_REST);

/**
 * Starts the Upstash-compatible REST front over the cluster's redis-server, where the Redis REST
 * credential points; without the shared store, nothing (the credential then points at a closed port).
 */
export async function startRedisFront(cluster) {
	if (!hasSharedStore) return undefined;
	const { startRedisRest } = await import(REDIS_REST);
	return startRedisRest({
		port: cluster.ports.redisRest,
		redisPort: cluster.redis.port,
		token: REDIS_TOKEN,
	});
}

/** One delivery, signed as Meta signs it, to webhook process `to` (0 = A, 1 = B): its status, or 'timeout'. */
export async function deliver(cluster, id, body, to, { timeoutMs = 30_000 } = {}) {
	try {
		const response = await fetch(`${cluster.webhookUrls[to]}/${hookPath(id)}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...sign(body, GRAPH.appSecret) },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		await response.text();
		return response.status;
	} catch (error) {
		if (error.name === 'TimeoutError') return 'timeout';
		throw error;
	}
}

/**
 * Every execution of a workflow, through main's REST API: it answers newest first, at most 100 a
 * page whatever `limit` asks, so this pages on with `lastId` until a page comes back empty (each
 * execution once, even if a page overlaps the one before).
 */
export async function executions(api, id) {
	const all = [];
	let lastId;
	for (;;) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: id }));
		const page = await api.rest(
			`/rest/executions?filter=${filter}&limit=100${lastId ? `&lastId=${lastId}` : ''}`,
		);
		const results = page.results ?? page;
		if (!results.length) return [...new Map(all.map((e) => [e.id, e])).values()];
		all.push(...results);
		lastId = results.map((e) => Number(e.id)).reduce((a, b) => Math.min(a, b));
	}
}

export const finished = (execution) => !['new', 'running', 'waiting'].includes(execution.status);
