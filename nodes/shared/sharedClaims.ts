import { createHash, randomBytes } from 'crypto';
import { sleep } from 'n8n-workflow';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	redisRestPipeline,
	type RedisCommand,
	type RedisReply,
	type RedisRestContext,
	type RedisRestFailure,
	type RedisRestResult,
} from './redisRest';
import { answeredStatus, type AnsweredResponse } from './webhookBody';

export { answeredStatus, type AnsweredResponse } from './webhookBody';

/**
 * De-duplication shared by every n8n process that receives a trigger's deliveries (queue mode
 * with several webhook processes behind a balancer), kept in Redis through its REST protocol.
 * Used by the Messenger Trigger and the Genesys Cloud Open Messaging Trigger; what differs
 * between them (log label, the sender's name, the answers, the periods) is a `ClaimSettings`.
 *
 * Each event of a delivery is claimed before it is emitted, atomically, with
 * `SET <key> pending:<owner> NX PX <pending period>`: the one delivery that sets the key emits the
 * event. When n8n has acknowledged the delivery (answered 2xx: the execution is registered) the
 * claim becomes `done` for the retention period; when n8n answered non-2xx, the claim is released
 * (deleted only if this delivery still owns it) so the sender's next retry emits the event. A
 * process that crashes between claim and answer leaves a pending claim that expires after the
 * short pending period, and the sender's next retry gets through. Keys hold hashes only: no
 * message content, no ids of people, Pages or conversations.
 * @see https://redis.io/docs/latest/commands/set/
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks#event-notifications
 */

/**
 * How long a claim stays pending without an answer from n8n, by default (the Messenger Trigger's):
 * longer than n8n ever takes to register an execution and answer (seconds, even under load), far
 * shorter than Meta's retry schedule (which goes on for hours), so a crashed process delays its
 * events by minutes at most. A sender that gives up sooner needs a shorter one (ClaimSettings).
 */
export const CLAIM_PENDING_MS = 120_000;

/** How long a delivery waits for the store before answering 503 (the sender retries later). */
export const STORE_TIMEOUT_MS = 3_000;

/** The default retention (Meta retries a delivery that was not acknowledged for up to 36 hours). */
export const DEFAULT_RETENTION_HOURS = 36;

/** Every key starts so; the part in braces keeps one trigger's keys in one Redis Cluster slot. */
export const CLAIM_KEY_PREFIX = 'messenger-bridge:dedupe:';

const DONE = 'done';
const PENDING = 'pending:';

/**
 * Compare-and-delete of every key that still holds this delivery's pending claim: a claim that
 * expired and was taken by another delivery in the meantime is left alone.
 * @see https://redis.io/docs/latest/develop/interact/programmability/eval-intro/
 */
export const RELEASE_SCRIPT =
	"local n = 0 for _, key in ipairs(KEYS) do if redis.call('GET', key) == ARGV[1] then n = n + redis.call('DEL', key) end end return n";

function digest(text: string, length: number): string {
	return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/** The namespace of one trigger node of one workflow (its keys never meet another trigger's). */
export function claimNamespace(workflowId: string, triggerId: string): string {
	return digest(`${workflowId}\n${triggerId}`, 16);
}

/** The store key of one event: the namespace and a hash of the event's de-duplication key. */
export function claimKey(namespace: string, eventKey: string): string {
	return `${CLAIM_KEY_PREFIX}{${namespace}}:${digest(eventKey, 22)}`;
}

/** A fresh owner token: what a pending claim holds, so that only its delivery releases it. */
export function newOwner(): string {
	return randomBytes(12).toString('base64url');
}

/** What one event's claim found. */
export type ClaimState =
	/** This delivery claimed it: emit it. */
	| 'claimed'
	/** An earlier delivery emitted it and n8n acknowledged that: drop it. */
	| 'done'
	/** Another delivery holds it and n8n has not answered that one yet. */
	| 'pending';

/** One pipeline for all keys: per key, the claim and (when the claim fails) what holds it. */
export function claimCommands(keys: string[], owner: string, pendingMs: number): RedisCommand[] {
	const commands: RedisCommand[] = [];
	for (const key of keys) {
		commands.push(['SET', key, `${PENDING}${owner}`, 'NX', 'PX', pendingMs], ['GET', key]);
	}
	return commands;
}

/**
 * The state of each key from the claim pipeline's replies. A failed SET whose GET finds nothing
 * lost a race with a release or an expiry: it counts as pending (the sender retries), never as new.
 */
export function readClaims(replies: RedisReply[], count: number): ClaimState[] | undefined {
	if (replies.length !== count * 2) return undefined;
	const states: ClaimState[] = [];
	for (let i = 0; i < count; i++) {
		if (replies[2 * i] === 'OK') states.push('claimed');
		else states.push(replies[2 * i + 1] === DONE ? 'done' : 'pending');
	}
	return states;
}

export function doneCommands(keys: string[], retentionMs: number): RedisCommand[] {
	return keys.map((key) => ['SET', key, DONE, 'PX', retentionMs]);
}

export function releaseCommand(keys: string[], owner: string): RedisCommand {
	return ['EVAL', RELEASE_SCRIPT, keys.length, ...keys, `${PENDING}${owner}`];
}

/** Claims this delivery made and must settle once n8n has answered. */
export interface Claims {
	owner: string;
	keys: string[];
}

export type SharedCheck<T> =
	/** Emit `items` (possibly none: all were emitted before); settle `claims` after n8n's answer. */
	| { kind: 'emit'; items: T[]; claims: Claims }
	/**
	 * Another delivery of one of these events is in progress (n8n has not answered it yet): nothing
	 * is emitted and this delivery's own claims are already released. Answer with a status the
	 * sender retries (ClaimSettings.busyStatus): by then the other delivery is done (dropped) or
	 * released (emitted then).
	 */
	| { kind: 'busy'; releaseFailure?: RedisRestFailure }
	/** The store could not be asked: emit nothing, answer 503 (the sender retries). */
	| { kind: 'failed'; failure: RedisRestFailure };

export interface SharedCheckOptions {
	namespace: string;
	pendingMs?: number;
	timeoutMs?: number;
}

/**
 * Claims every event of a delivery in one round trip and keeps the ones this delivery claimed.
 * Events with the same key in one delivery are claimed once and emitted once.
 */
export async function claimEvents<T>(
	context: RedisRestContext,
	items: T[],
	keyOf: (item: T) => string,
	{ namespace, pendingMs = CLAIM_PENDING_MS, timeoutMs = STORE_TIMEOUT_MS }: SharedCheckOptions,
): Promise<SharedCheck<T>> {
	const owner = newOwner();
	const firstOfKey = new Map<string, T>();
	for (const item of items) {
		const key = claimKey(namespace, keyOf(item));
		if (!firstOfKey.has(key)) firstOfKey.set(key, item);
	}
	const keys = [...firstOfKey.keys()];
	if (!keys.length) return { kind: 'emit', items: [], claims: { owner, keys: [] } };
	const answer = await redisRestPipeline(context, claimCommands(keys, owner, pendingMs), {
		timeoutMs,
	});
	if (!answer.ok) return { kind: 'failed', failure: answer.failure };
	const states = readClaims(answer.replies, keys.length);
	if (!states)
		return {
			kind: 'failed',
			failure: { kind: 'invalidAnswer', message: 'the claim replies do not match the keys' },
		};
	const claimed = keys.filter((_, i) => states[i] === 'claimed');
	if (states.includes('pending')) {
		const released = await releaseClaims(context, { owner, keys: claimed }, timeoutMs);
		return released.ok ? { kind: 'busy' } : { kind: 'busy', releaseFailure: released.failure };
	}
	return {
		kind: 'emit',
		items: claimed.map((key) => firstOfKey.get(key) as T),
		claims: { owner, keys: claimed },
	};
}

/** Deletes the keys that still hold this delivery's pending claim. */
export async function releaseClaims(
	context: RedisRestContext,
	claims: Claims,
	timeoutMs = STORE_TIMEOUT_MS,
): Promise<RedisRestResult> {
	if (!claims.keys.length) return { ok: true, replies: [] };
	return await redisRestPipeline(context, [releaseCommand(claims.keys, claims.owner)], {
		timeoutMs,
	});
}

/**
 * After n8n's answer: `done` for the retention period when it acknowledged the delivery, else
 * released. If this fails, the pending claims expire on their own after the pending period.
 */
export async function settleClaims(
	context: RedisRestContext,
	claims: Claims,
	acknowledged: boolean,
	{ retentionMs, timeoutMs = STORE_TIMEOUT_MS }: { retentionMs: number; timeoutMs?: number },
): Promise<RedisRestResult> {
	if (!claims.keys.length) return { ok: true, replies: [] };
	if (!acknowledged) return await releaseClaims(context, claims, timeoutMs);
	return await redisRestPipeline(context, doneCommands(claims.keys, retentionMs), { timeoutMs });
}

/** The retention option (hours) in milliseconds, at least the pending period. */
export function retentionMsOf(
	hours: unknown,
	defaultHours = DEFAULT_RETENTION_HOURS,
	pendingMs = CLAIM_PENDING_MS,
): number {
	const value = Number(hours);
	const hoursKept = Number.isFinite(value) && value > 0 ? value : defaultHours;
	const ms = hoursKept * 3_600_000;
	return Math.max(Math.round(ms), pendingMs);
}

/** What differs between the triggers that share this store. */
export interface ClaimSettings {
	/** The trigger's name in the log ("Messenger Trigger"). */
	label: string;
	/** Who retries an unanswered delivery, for the log ("Meta"). */
	sender: string;
	/** The answer when an event is held by another delivery n8n has not answered yet. */
	busyStatus: 429 | 503;
	/** Seconds the sender may wait before that retry (Retry-After), when it reads the header. */
	busyRetryAfterSeconds?: number;
	/** The body of a 200 when every event was emitted before. */
	acknowledgedBody: string;
	/** How long a claim stays pending without n8n's answer (default CLAIM_PENDING_MS). */
	pendingMs?: number;
	/** The retention when the option is unset or invalid (default DEFAULT_RETENTION_HOURS). */
	defaultRetentionHours?: number;
}

/** Logs what the store said, for the one who runs n8n: never the token, never event content. */
function warn(context: IWebhookFunctions, settings: ClaimSettings, message: string): void {
	context.logger.warn(`${settings.label} (shared de-duplication): ${message}`);
}

/**
 * How often settling is tried, with 1 s, 2 s, 4 s between tries: a store slowed by load must not
 * leave a claim pending until it expires, when the sender's retry would run the event again.
 * Settling is off the delivery's critical path, so it also waits longer for each answer.
 */
export const SETTLE_ATTEMPTS = 4;
const SETTLE_TIMEOUT_MS = 3 * STORE_TIMEOUT_MS;

/**
 * After n8n's answer to the delivery: done when it acknowledged (2xx), released otherwise, tried
 * again while the store fails. Never rejects: a failure is logged, and the pending claims expire
 * on their own.
 */
async function settleAfterAnswer(
	context: IWebhookFunctions,
	settings: ClaimSettings,
	res: AnsweredResponse,
	claims: Claims,
	retentionMs: number,
): Promise<void> {
	const pendingMs = settings.pendingMs ?? CLAIM_PENDING_MS;
	const status = await answeredStatus(res, { waitMs: pendingMs });
	if (status === undefined) {
		warn(
			context,
			settings,
			`n8n did not answer the delivery within ${pendingMs / 1000} s; its events' claims expire and ${settings.sender}'s retry is emitted`,
		);
		return;
	}
	const acknowledged = status < 300;
	for (let attempt = 1; ; attempt++) {
		const settled = await settleClaims(context, claims, acknowledged, {
			retentionMs,
			timeoutMs: SETTLE_TIMEOUT_MS,
		});
		if (settled.ok) return;
		if (attempt >= SETTLE_ATTEMPTS) {
			warn(
				context,
				settings,
				`could not mark ${claims.keys.length} event(s) ${acknowledged ? 'done' : 'released'} in ${attempt} tries (${settled.failure.message}); their claims expire after ${pendingMs / 1000} s`,
			);
			return;
		}
		await sleep(1000 * 2 ** (attempt - 1));
	}
}

/**
 * The webhook's answer with the shared store: claims the delivery's events (`units`, each with
 * its de-duplication key), answers 503 when the store cannot be asked, `busyStatus` when another
 * delivery of an event is still in progress (the sender retries; never emits unchecked), 200 when
 * every event was emitted before, and otherwise emits the items of the units this delivery
 * claimed (`itemsOf`, default the unit itself) and settles the claims once n8n has answered.
 */
export async function emitClaimed<T>(
	context: IWebhookFunctions,
	settings: ClaimSettings,
	units: T[],
	keyOf: (unit: T) => string,
	retentionHours: unknown,
	itemsOf: (unit: T) => IDataObject[] = (unit) => [unit as IDataObject],
): Promise<IWebhookResponseData> {
	const res = context.getResponseObject();
	const node = context.getNode();
	const pendingMs = settings.pendingMs ?? CLAIM_PENDING_MS;
	const namespace = claimNamespace(String(context.getWorkflow().id ?? ''), node.id);
	const check = await claimEvents(context, units, keyOf, { namespace, pendingMs });
	if (check.kind === 'failed') {
		warn(
			context,
			settings,
			`${check.failure.message}; answered 503 so that ${settings.sender} delivers again`,
		);
		res.status(503).type('text/plain').send('Service Unavailable');
		return { noWebhookResponse: true };
	}
	if (check.kind === 'busy') {
		warn(
			context,
			settings,
			`an event of this delivery is being delivered by another request that n8n has not answered yet; answered ${settings.busyStatus} so that ${settings.sender} delivers again`,
		);
		if (check.releaseFailure)
			warn(
				context,
				settings,
				`releasing this delivery's claims failed: ${check.releaseFailure.message}`,
			);
		if (settings.busyRetryAfterSeconds !== undefined)
			res.setHeader('Retry-After', String(settings.busyRetryAfterSeconds));
		res
			.status(settings.busyStatus)
			.type('text/plain')
			.send(settings.busyStatus === 429 ? 'Too Many Requests' : 'Service Unavailable');
		return { noWebhookResponse: true };
	}
	const items = check.items.flatMap(itemsOf);
	if (check.claims.keys.length) {
		const retentionMs = retentionMsOf(retentionHours, settings.defaultRetentionHours, pendingMs);
		void settleAfterAnswer(context, settings, res, check.claims, retentionMs).catch(
			(error: Error) => warn(context, settings, `settling the claims failed: ${error.message}`),
		);
	}
	if (!items.length) {
		// Every event was emitted before (or a claimed unit had nothing to emit): acknowledged.
		res.status(200).type('text/plain').send(settings.acknowledgedBody);
		return { noWebhookResponse: true };
	}
	return { workflowData: [items.map((json) => ({ json }))] };
}
