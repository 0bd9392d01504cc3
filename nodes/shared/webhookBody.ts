// What the two triggers (Messenger and Genesys Cloud Open Messaging) do with a signed POST before
// and after their own checks: read the exact bytes, reuse n8n's parse of them, and stop
// remembering events whose delivery n8n did not acknowledge.
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

/**
 * n8n answers a webhook 200 once the execution exists and 5xx when it could not register it; the
 * sender then delivers again, and that delivery must not be taken for a duplicate of events that
 * never started a workflow: their keys are forgotten when n8n's answer is not a 2xx.
 */
export function forgetUnlessAcknowledged(
	res: WebhookResponse,
	seen: SeenEvents,
	keys: readonly string[],
): void {
	if (!keys.length) return;
	res.once('finish', () => {
		if (res.statusCode >= 300) for (const key of keys) seen.forget(key);
	});
}
