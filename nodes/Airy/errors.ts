import type { HttpFailure } from '../shared/httpFailure';
import { GATEWAY_STATUSES, isTransientFailure } from '../shared/retry';
import { retryWhen, type CallRetryPolicy, type VendorError } from '../shared/transport';

/**
 * Airy Core's error translator and retry decisions (pure). Airy answers a Graph API failure with
 * 500 {"message": <Graph's message>}, an unknown channel with 404 without a body, a missing route
 * with Spring's JSON error (it has a `path`), and any other failure with 503 without a body.
 * @see https://airy.co/docs/core/sources/facebook
 * @see https://github.com/airyhq/airy/blob/HEAD/backend/components/facebook/connector/src/main/java/co/airy/core/sources/facebook/ChannelsController.java
 */

/** Airy's own message, when its answer carries one (on 500 it is the Graph API's message). */
function vendorMessageOf(data: unknown): string | undefined {
	const message = data && typeof data === 'object' ? (data as { message?: unknown }).message : '';
	return typeof message === 'string' && message ? message : undefined;
}

/**
 * Turns what Airy Core answered to `action` (e.g. `channels.facebook.connect`) into a message a
 * user can act on; the facts keep the action and Airy's own message.
 */
export function airyError(failure: HttpFailure, action: string): VendorError {
	const status = failure.status;
	const data = failure.data;
	const vendorMessage = vendorMessageOf(data);
	const facts = vendorMessage ? { action, vendorMessage } : { action };
	if (status === undefined) {
		return {
			// The network code stays out of the message: n8n would swap such a message for its own.
			message: 'Could not reach Airy Core',
			description: `Check the Base URL of the Airy Core credential and that the instance is running (${failure.networkCode ?? 'no answer'}, call ${action}).`,
			facts,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: 'Airy Core refused the credential',
			description: "Check the Token of the Airy Core credential (the instance's system token).",
			facts,
		};
	}
	if (status === 404) {
		const routeMissing = Boolean(data && typeof data === 'object' && 'path' in data);
		const unknownChannel = action.endsWith('.disconnect') && !routeMissing;
		return {
			message: unknownChannel
				? 'Airy Core has no channel with this ID'
				: `Airy Core does not offer ${action}`,
			description: unknownChannel
				? 'Use the "id" of a channel that Connect returned (or that Airy lists as a channel).'
				: 'The instance does not have this source enabled, or the Base URL points somewhere else.',
			facts,
		};
	}
	if (status === 500 && vendorMessage) {
		return {
			message: `Facebook rejected the request made by Airy Core: ${vendorMessage}`,
			description:
				'Airy Core passed on an error from the Facebook Graph API. Check the token (and that it can manage the page) and the Facebook app configured in Airy Core.',
			facts,
		};
	}
	if (status === 400) {
		return {
			message: `Airy Core rejected the request${vendorMessage ? `: ${vendorMessage}` : ''}`,
			description: 'A required field is missing or has the wrong form.',
			facts,
		};
	}
	if (GATEWAY_STATUSES.has(status)) {
		return {
			message: `Airy Core is unavailable (HTTP ${status})`,
			description:
				'Airy Core could not complete the call (its store or the Facebook source failed). Try again later; check the instance logs if it persists.',
			facts,
		};
	}
	return {
		message: `Airy Core answered HTTP ${status}${vendorMessage ? `: ${vendorMessage}` : ''}`,
		description: `Call: ${action}`,
		facts,
	};
}

/**
 * Whether a failed call may be repeated: a rate limit (429) always; a gateway failure or a
 * dropped connection only for calls that change nothing when repeated (explore reads, disconnect
 * is idempotent in Airy). A connect may have been applied, so it is never repeated blindly.
 */
export function isRetryableAiryFailure(failure: HttpFailure, action: string): boolean {
	const idempotent = action.endsWith('.explore') || action.endsWith('.disconnect');
	return failure.status === 429 || (idempotent && isTransientFailure(failure));
}

/** How a call to `action` is retried: twice at most, after Retry-After when Airy sends one. */
export function airyRetryPolicy(action: string): CallRetryPolicy {
	return retryWhen({ retries: 2, baseDelayMs: 500, maxDelayMs: 5000 }, (failure) =>
		isRetryableAiryFailure(failure, action),
	);
}
