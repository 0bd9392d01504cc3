import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { httpBaseUrl } from './baseUrl';
import { httpFailure } from './httpFailure';

/**
 * A client of the Upstash Redis REST protocol, over n8n's request helper and the `redisRestApi`
 * credential: `POST <url>/pipeline` with `[["SET","k","v"],["GET","k"]]` answers
 * `[{"result":"OK"},{"result":"v"}]` (or `{"error":"…"}` per command). Nodes may not open TCP
 * sockets (n8n's community rules forbid `net` and `tls`), so this is how a node reaches Redis.
 * @see https://upstash.com/docs/redis/features/restapi
 */

export const REDIS_REST_CREDENTIAL = 'redisRestApi';

/** One command and its arguments, as the protocol's JSON array. */
export type RedisCommand = Array<string | number>;

/** What Redis answered to one command, as JSON: strings, integers, null and arrays of those. */
export type RedisReply = string | number | null | RedisReply[];

/**
 * Why the store could not answer. Every kind means the same to a caller: the answer is unknown,
 * nothing may be assumed about what the commands did.
 */
export type RedisRestFailureKind =
	| 'noCredential'
	| 'invalidUrl'
	| 'unauthorized'
	| 'timeout'
	| 'unreachable'
	| 'serverError'
	| 'commandError'
	| 'invalidAnswer';

export interface RedisRestFailure {
	kind: RedisRestFailureKind;
	/** For the log: says what happened and what to check, never the token. */
	message: string;
	status?: number;
}

export type RedisRestResult =
	| { ok: true; replies: RedisReply[] }
	| { ok: false; failure: RedisRestFailure };

/** The parts of a webhook (or hook) context the client uses. */
export type RedisRestContext = Pick<IWebhookFunctions, 'getNode' | 'getCredentials' | 'helpers'>;

interface KeptCredential {
	data: ICredentialDataDecryptedObject;
	expiresAt: number;
}

/**
 * Decrypted `redisRestApi` credentials kept a few seconds per credential id, as the trigger keeps
 * app secrets: reading a credential is a database query and a decryption in n8n, and a delivery
 * should cost one round trip to the store, not one more to n8n's database. A 401 drops the kept
 * copy and tries once more with a fresh read, so a rotated token is picked up at once.
 */
const kept = new Map<string, KeptCredential>();
const KEEP_MS = 10_000;
const KEEP_MAX = 64;

/** Forgets the kept credentials (tests, and a credential that just failed). */
export function forgetRedisRestCredentials(): void {
	kept.clear();
}

async function credentialOf(
	context: RedisRestContext,
	fresh: boolean,
): Promise<{ id: string; data: ICredentialDataDecryptedObject; wasKept: boolean }> {
	const id = context.getNode().credentials?.[REDIS_REST_CREDENTIAL]?.id ?? '';
	const entry = id && !fresh ? kept.get(id) : undefined;
	if (entry && entry.expiresAt > Date.now()) return { id, data: entry.data, wasKept: true };
	const data = await context.getCredentials(REDIS_REST_CREDENTIAL);
	if (id) {
		kept.delete(id);
		while (kept.size >= KEEP_MAX) kept.delete(kept.keys().next().value as string);
		kept.set(id, { data, expiresAt: Date.now() + KEEP_MS });
	}
	return { id, data, wasKept: false };
}

/** What a failed request was, from what n8n's request helper threw (never its headers). */
export function describeRedisRestFailure(error: unknown, timeoutMs: number): RedisRestFailure {
	const failure = httpFailure(error);
	const body = failure.data as { error?: unknown } | undefined;
	const said = typeof body?.error === 'string' ? `: ${body.error}` : '';
	if (failure.status === 401 || failure.status === 403)
		return {
			kind: 'unauthorized',
			status: failure.status,
			message: `the Redis REST store refused the token (HTTP ${failure.status}): check the Token of the Redis REST API credential`,
		};
	if (failure.status !== undefined && failure.status >= 500)
		return {
			kind: 'serverError',
			status: failure.status,
			message: `the Redis REST store answered HTTP ${failure.status}${said}`,
		};
	if (failure.status !== undefined)
		return {
			kind: 'commandError',
			status: failure.status,
			message: `the Redis REST store refused the request (HTTP ${failure.status})${said}`,
		};
	const code = failure.networkCode ?? '';
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(failure.message))
		return {
			kind: 'timeout',
			message: `the Redis REST store did not answer within ${timeoutMs} ms`,
		};
	return {
		kind: 'unreachable',
		message: `the Redis REST store is unreachable (${code || failure.message}): check the URL of the Redis REST API credential`,
	};
}

/**
 * Reads the answer of `POST /pipeline`: one reply per command, or the first error a command got.
 */
export function readPipelineAnswer(answer: unknown, count: number): RedisRestResult {
	if (!Array.isArray(answer) || answer.length !== count)
		return {
			ok: false,
			failure: {
				kind: 'invalidAnswer',
				message: `the Redis REST store answered ${Array.isArray(answer) ? `${answer.length} replies to ${count} commands` : 'something other than a list of replies'}: is the URL a Redis REST endpoint?`,
			},
		};
	const replies: RedisReply[] = [];
	for (const entry of answer as Array<IDataObject | null>) {
		if (entry && typeof entry.error === 'string')
			return {
				ok: false,
				failure: {
					kind: 'commandError',
					message: `Redis refused a command: ${entry.error}`,
				},
			};
		if (!entry || !('result' in entry))
			return {
				ok: false,
				failure: {
					kind: 'invalidAnswer',
					message: 'the Redis REST store answered a reply without "result"',
				},
			};
		replies.push(entry.result as RedisReply);
	}
	return { ok: true, replies };
}

/**
 * Sends `commands` in one `POST <url>/pipeline` and returns their replies in order, or a typed
 * failure (never throws for what the store or the network did). Commands run in order, not as a
 * transaction: callers rely only on each command being atomic.
 */
export async function redisRestPipeline(
	context: RedisRestContext,
	commands: RedisCommand[],
	{ timeoutMs }: { timeoutMs: number },
): Promise<RedisRestResult> {
	if (!commands.length) return { ok: true, replies: [] };
	for (let fresh = false; ; fresh = true) {
		let credential: Awaited<ReturnType<typeof credentialOf>>;
		try {
			credential = await credentialOf(context, fresh);
		} catch (error) {
			return {
				ok: false,
				failure: {
					kind: 'noCredential',
					message: `the Redis REST API credential could not be read (${(error as Error).message}): select one on the trigger`,
				},
			};
		}
		const baseURL = httpBaseUrl(credential.data.url);
		if (!baseURL)
			return {
				ok: false,
				failure: {
					kind: 'invalidUrl',
					message:
						'the URL of the Redis REST API credential is not an http(s) URL without a path, user, query or fragment',
				},
			};
		const options: IHttpRequestOptions = {
			method: 'POST',
			baseURL,
			url: '/pipeline',
			body: commands,
			json: true,
			timeout: timeoutMs,
		};
		let answer: unknown;
		try {
			answer = await context.helpers.httpRequestWithAuthentication.call(
				context as IWebhookFunctions,
				REDIS_REST_CREDENTIAL,
				options,
				{
					credentialsDecrypted: {
						id: credential.id,
						name: REDIS_REST_CREDENTIAL,
						type: REDIS_REST_CREDENTIAL,
						data: credential.data,
					},
				},
			);
		} catch (error) {
			const failure = describeRedisRestFailure(error, timeoutMs);
			// A token rotated in n8n within the last seconds: once more with the credential as saved.
			if (failure.kind === 'unauthorized' && credential.wasKept) continue;
			return { ok: false, failure };
		}
		return readPipelineAnswer(answer, commands.length);
	}
}
