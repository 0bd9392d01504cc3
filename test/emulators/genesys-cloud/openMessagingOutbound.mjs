// Genesys Cloud's side of Open Messaging outbound: an "agent" (or bot) that replies. A test-only
// route, POST /__emulator/open/{integrationId}/agent, makes the emulator send the outbound
// notification to the integration's outboundNotificationWebhookUrl as Genesys does:
// - the Outbound Open NormalizedMessage format (direction Outbound, channel.platform Open, the
//   customer in channel.to, the integration in channel.id/from);
// - signed X-Hub-Signature-256: sha256=<BASE64 HMAC-SHA256 of the raw body> with the
//   integration's outboundNotificationWebhookSignatureSecretToken, plus its webhookHeaders;
// - retried up to 5 times, 5 s apart, when the request times out (10 s) or gets 429 or 5xx;
//   any other answer ends the delivery.
// Facts: developer.genesys.cloud Open Messaging "Outbound messages", "Validate webhook
// notifications" (retry policy) and the OpenOutboundNormalizedMessage schema.
import { createHmac, randomUUID } from 'node:crypto';
import { json } from '../lib/server.mjs';

/** Genesys' documented retry policy; tests shorten the waits through `state.openOutbound`. */
export const GENESYS_RETRY_POLICY = { maxRetries: 5, retryDelayMs: 5_000, timeoutMs: 10_000 };

/** The header Genesys sends: base64, not hex. */
export function genesysSignature(rawBody, secretToken) {
	return `sha256=${createHmac('sha256', secretToken).update(rawBody).digest('base64')}`;
}

/** What the emulator keeps about outbound traffic (created on first use; tests may change it). */
export function outboundState(shared) {
	shared.openOutbound ??= { ...GENESYS_RETRY_POLICY, deliveries: [] };
	return shared.openOutbound;
}

const DEFAULT_CUSTOMER = { id: 'customer-0001@bridge', idType: 'Opaque' };

/** The notification Genesys builds for one agent action (body = what the test asks for). */
export function outboundMessage(integration, body = {}) {
	const type = body.type ?? 'Text';
	const id = body.id ?? randomUUID().replace(/-/g, '');
	const message = {
		id,
		channel: {
			id: integration.id,
			messageId: id,
			platform: 'Open',
			type: 'Private',
			to: body.to ?? DEFAULT_CUSTOMER,
			from: { nickname: integration.name, id: integration.id, idType: 'Opaque' },
			time: body.time ?? new Date().toISOString(),
		},
		direction: 'Outbound',
		type,
	};
	if (body.conversationId !== null)
		message.conversationId = body.conversationId ?? 'd06cb41e-f938-4dcf-b823-c8af1a39d7e5';
	if (type !== 'Receipt' && type !== 'Event')
		message.originatingEntity = body.originatingEntity ?? 'Human';
	if (body.text !== undefined) message.text = body.text;
	if (body.content !== undefined) message.content = body.content;
	if (type === 'Event')
		message.events = body.events ?? [
			{ eventType: 'Typing', typing: { type: 'On', duration: 5000 } },
		];
	if (type === 'Receipt') {
		message.status = body.status ?? 'Delivered';
		if (body.reasons) message.reasons = body.reasons;
		message.isFinalReceipt = body.isFinalReceipt ?? message.status !== 'Sent';
	}
	return message;
}

/**
 * One delivery: the first request and Genesys' retries. `signature` 'valid' (default), 'hex'
 * (the digest in hex, as Meta signs), 'wrong' (another secret) or 'none' (no header).
 */
async function deliver(state, integration, raw, signature) {
	const headers = { 'content-type': 'application/json', ...(integration.webhookHeaders ?? {}) };
	const secret = integration.outboundNotificationWebhookSignatureSecretToken;
	if (signature === 'valid') headers['x-hub-signature-256'] = genesysSignature(raw, secret);
	if (signature === 'wrong')
		headers['x-hub-signature-256'] = genesysSignature(raw, `${secret}-not-the-secret`);
	if (signature === 'hex')
		headers['x-hub-signature-256'] =
			`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
	const delivery = { url: integration.outboundNotificationWebhookUrl, attempts: [] };
	state.deliveries.push(delivery);
	for (let attempt = 0; attempt <= state.maxRetries; attempt++) {
		if (attempt) await new Promise((resolve) => setTimeout(resolve, state.retryDelayMs));
		const started = Date.now();
		let outcome;
		try {
			const response = await fetch(delivery.url, {
				method: 'POST',
				headers,
				body: raw,
				signal: AbortSignal.timeout(state.timeoutMs),
			});
			outcome = { status: response.status, body: await response.text() };
		} catch (error) {
			outcome = {
				error:
					error.name === 'TimeoutError' ? 'timeout' : String(error.cause?.code ?? error.message),
			};
		}
		outcome.ms = Date.now() - started;
		delivery.attempts.push(outcome);
		const retryable = outcome.error || outcome.status === 429 || outcome.status >= 500;
		if (!retryable) break;
	}
	const last = delivery.attempts.at(-1);
	delivery.delivered = Boolean(last.status >= 200 && last.status < 300);
	return delivery;
}

/** The test-only routes; index.mjs adds them to the API server. */
export function openMessagingOutboundRoutes(shared) {
	return [
		[
			'POST',
			'/__emulator/open/:integrationId/agent',
			async (ctx) => {
				const state = outboundState(shared);
				const integration = shared.integrations.get('open')?.get(ctx.params.integrationId);
				if (!integration)
					return json(404, { message: `No Open integration ${ctx.params.integrationId}` });
				const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
				const message = outboundMessage(integration, body);
				const raw = Buffer.from(JSON.stringify(message));
				// `times` > 1: the same notification sent again after a delivery ended (as Genesys does
				// when it never saw an answer), each with its own retries.
				const deliveries = [];
				for (let i = 0; i < (body.times ?? 1); i++)
					deliveries.push(await deliver(state, integration, raw, body.signature ?? 'valid'));
				return json(200, { message, deliveries });
			},
		],
	];
}
