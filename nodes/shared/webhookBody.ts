// What the two triggers (Messenger and Genesys Cloud Open Messaging) do with a signed POST before
// and after their own checks: read the exact bytes, reuse n8n's parse of them, and stop
// remembering events whose delivery n8n did not acknowledge.
import { sleep } from 'n8n-workflow';
import type { IWebhookFunctions } from 'n8n-workflow';

import type { SeenEvents } from './seenEvents';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;
type WebhookResponse = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * The request's raw bytes (what the signature covers) and, when n8n already parsed a JSON body
 * from these same bytes before calling the node, that parse (saves a second `JSON.parse`).
 */
export async function webhookBody(
	req: WebhookRequest,
): Promise<{ rawBody: Buffer; parsedBody?: object }> {
	const parsedByN8n =
		Boolean(req.rawBody?.length) &&
		/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''));
	if (!req.rawBody) await req.readRawBody();
	const body: unknown = req.body;
	return {
		rawBody: req.rawBody ?? Buffer.alloc(0),
		parsedBody: parsedByN8n && body !== null && typeof body === 'object' ? body : undefined,
	};
}

/** What a trigger needs of n8n's HTTP response to learn its answer. */
export interface AnsweredResponse {
	statusCode: number;
	writableEnded: boolean;
	/** True once the connection is gone (the sender gave up), possibly before the node even ran. */
	destroyed?: boolean;
	end: (...args: never[]) => unknown;
	once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** How long to wait for n8n's answer after the sender hung up, by default. */
export const ANSWER_WAIT_MS = 120_000;

/**
 * The status n8n answered the delivery with, once it has. n8n answers only after it registered
 * the execution (or failed to), so the moment it ends the response is what counts: `end` is
 * watched, because when the sender gave up waiting first (the connection closed before n8n
 * answered), n8n's late answer goes into a closed connection, and behind n8n's compression
 * middleware neither 'finish' nor `writableEnded` tells of it. The connection may even be gone
 * before the node ran (n8n busy): then no 'close' comes any more. Waits at most `waitMs` after the
 * close; undefined when n8n never answered.
 * @see https://nodejs.org/api/http.html#responseendchunk-encoding-callback
 */
export async function answeredStatus(
	res: AnsweredResponse,
	{ waitMs = ANSWER_WAIT_MS, pollMs = 250 }: { waitMs?: number; pollMs?: number } = {},
): Promise<number | undefined> {
	if (res.writableEnded) return res.statusCode;
	let endedWith: number | undefined;
	const end = res.end as (...args: unknown[]) => unknown;
	res.end = function (this: unknown, ...args: unknown[]) {
		endedWith ??= res.statusCode;
		return end.apply(this, args);
	} as AnsweredResponse['end'];
	const closedFirst = await new Promise<boolean>((resolve) => {
		res.once('finish', () => resolve(false));
		res.once('close', () => resolve(!res.writableEnded && endedWith === undefined));
		// Under load n8n may run the node after the sender hung up: 'close' was emitted already.
		if (res.destroyed) resolve(true);
	});
	if (!closedFirst) return endedWith ?? res.statusCode;
	for (let waited = 0; waited < waitMs; waited += pollMs) {
		if (endedWith !== undefined) return endedWith;
		if (res.writableEnded) return res.statusCode;
		await sleep(pollMs);
	}
	return endedWith ?? (res.writableEnded ? res.statusCode : undefined);
}

/**
 * n8n answers a webhook 200 once the execution exists and 5xx when it could not register it; the
 * sender then delivers again, and that delivery must not be taken for a duplicate of events that
 * never started a workflow: their keys are forgotten when n8n's answer is not a 2xx, or never
 * came. The answer is learnt as the shared store learns it (answeredStatus), also when the sender
 * hung up before n8n answered ('finish' is then never emitted).
 */
export function forgetUnlessAcknowledged(
	res: WebhookResponse,
	seen: SeenEvents,
	keys: readonly string[],
): void {
	if (!keys.length) return;
	void answeredStatus(res as unknown as AnsweredResponse).then((status) => {
		if (status === undefined || status >= 300) for (const key of keys) seen.forget(key);
	});
}
