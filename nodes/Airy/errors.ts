import type { HttpFailure } from '../shared/httpFailure';

export interface AiryErrorDetails {
	message: string;
	description: string;
	httpCode?: string;
	/** Airy's own message (on 500 it is the Graph API's message passed through). */
	vendorMessage?: string;
}

/**
 * Turns what Airy Core answered into a message a user can act on. Airy answers a Graph API
 * failure with 500 {"message": <Graph's message>}, an unknown channel with 404, and any other
 * failure with 503 without a body (see airyhq/airy ChannelsController).
 */
export function airyErrorDetails(failure: HttpFailure, action: string): AiryErrorDetails {
	const status = failure.status;
	const data = failure.data as { message?: unknown; error?: unknown } | undefined;
	const vendorMessage =
		data && typeof data === 'object' && typeof data.message === 'string' && data.message
			? data.message
			: undefined;
	const httpCode = status === undefined ? undefined : String(status);
	if (status === undefined) {
		return {
			// The network code stays out of the message: n8n would swap such a message for its own.
			message: 'Could not reach Airy Core',
			description: `Check the Base URL of the Airy Core credential and that the instance is running (${failure.networkCode ?? 'no answer'}, call ${action}).`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: 'Airy Core refused the credential',
			description: "Check the Token of the Airy Core credential (the instance's system token).",
			httpCode,
			vendorMessage,
		};
	}
	if (status === 404) {
		// A missing route answers Spring's JSON error with a `path`; an unknown channel has no body.
		const routeMissing = Boolean(data && typeof data === 'object' && 'path' in data);
		const unknownChannel = action.endsWith('.disconnect') && !routeMissing;
		return {
			message: unknownChannel
				? 'Airy Core has no channel with this ID'
				: `Airy Core does not offer ${action}`,
			description: unknownChannel
				? 'Use the "id" of a channel that Connect returned (or that Airy lists as a channel).'
				: 'The instance does not have this source enabled, or the Base URL points somewhere else.',
			httpCode,
			vendorMessage,
		};
	}
	if (status === 500 && vendorMessage) {
		return {
			message: `Facebook rejected the request made by Airy Core: ${vendorMessage}`,
			description:
				'Airy Core passed on an error from the Facebook Graph API. Check the token (and that it can manage the page) and the Facebook app configured in Airy Core.',
			httpCode,
			vendorMessage,
		};
	}
	if (status === 400) {
		return {
			message: `Airy Core rejected the request${vendorMessage ? `: ${vendorMessage}` : ''}`,
			description: 'A required field is missing or has the wrong form.',
			httpCode,
			vendorMessage,
		};
	}
	if (status === 503 || status === 502 || status === 504) {
		return {
			message: `Airy Core is unavailable (HTTP ${status})`,
			description:
				'Airy Core could not complete the call (its store or the Facebook source failed). Try again later; check the instance logs if it persists.',
			httpCode,
			vendorMessage,
		};
	}
	return {
		message: `Airy Core answered HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}`,
		description: `Call: ${action}`,
		httpCode,
		vendorMessage,
	};
}

/** Calls that change nothing when repeated: explore reads, disconnect is idempotent in Airy. */
export function isRetryableAiryFailure(failure: HttpFailure, action: string): boolean {
	const idempotent = action.endsWith('.explore') || action.endsWith('.disconnect');
	if (failure.status === 429) return true;
	if (!idempotent) return false;
	if (failure.status === undefined)
		return ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'].includes(failure.networkCode ?? '');
	return failure.status === 502 || failure.status === 503 || failure.status === 504;
}
