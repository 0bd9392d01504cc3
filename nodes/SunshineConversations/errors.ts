import type { HttpFailure } from '../shared/httpFailure';
import { isTransientFailure } from '../shared/retry';
import { retryWhen, type CallRetryPolicy, type VendorError } from '../shared/transport';

/**
 * Sunshine Conversations' error translator and retry decisions (pure). A failure answers
 * {"errors": [{"code", "title"}]} (several only on 400); API v1 answered {"error": {code,
 * description}}.
 * @see https://developer.zendesk.com/api-reference/conversations/#section/Introduction
 */

/** One entry of Sunshine's error envelope. */
export interface SunshineError {
	code: string;
	title: string;
}

/** Reads Sunshine's {"errors": [{"code", "title"}]} envelope (v1's {"error": {code, description}} too). */
export function sunshineErrors(data: unknown): SunshineError[] {
	if (!data || typeof data !== 'object') return [];
	const body = data as { errors?: unknown; error?: unknown };
	if (Array.isArray(body.errors)) {
		return body.errors
			.filter((e): e is Record<string, unknown> => Boolean(e) && typeof e === 'object')
			.map((e) => ({ code: String(e.code ?? ''), title: String(e.title ?? e.detail ?? '') }));
	}
	if (body.error && typeof body.error === 'object') {
		const e = body.error as Record<string, unknown>;
		return [{ code: String(e.code ?? ''), title: String(e.description ?? e.message ?? '') }];
	}
	return [];
}

const HINTS: Record<number, string> = {
	400: 'Sunshine Conversations rejected the request; the message says which field.',
	401: 'Check the Key ID and Secret of the Sunshine Conversations credential.',
	403: 'The API key may not access this app: use a key of the app (or an account key) and check the App ID.',
	404: 'Check the ID and that it belongs to the app of the credential.',
	409: 'An integration like this one already exists for the app.',
	423: 'The resource is locked; try again later.',
	429: 'Sunshine Conversations is rate limiting this key; try again later.',
};

/** A message users can act on; the facts carry Sunshine's own codes and titles (`errors`). */
export function sunshineError(failure: HttpFailure): VendorError {
	const errors = sunshineErrors(failure.data);
	const facts = { errors: errors.map((e) => ({ ...e })) };
	const status = failure.status;
	if (status === undefined) {
		return {
			// The network code stays out of the message: n8n would swap such a message for its own.
			message: 'Could not reach Sunshine Conversations',
			description: `Check the Base URL of the Sunshine Conversations credential (${failure.networkCode ?? 'no answer'}).`,
			facts,
		};
	}
	const summary = errors.map((e) => (e.code ? `${e.title} (${e.code})` : e.title)).join('; ');
	return {
		message: `Sunshine Conversations error ${status}: ${summary || 'no details'}`,
		description:
			HINTS[status] ??
			(status >= 500 ? 'Sunshine Conversations had a server error; try again later.' : ''),
		facts,
	};
}

/**
 * Whether a failed call may be repeated: 429 is never applied, so any call may repeat it; a
 * gateway failure or a dropped connection only repeats calls other than POST (a create may have
 * been applied).
 */
export function isRetryableSunshineFailure(failure: HttpFailure, method: string): boolean {
	return failure.status === 429 || (method !== 'POST' && isTransientFailure(failure));
}

/** How a call with `method` is retried: three times at most, after Retry-After when sent. */
export function sunshineRetryPolicy(method: string): CallRetryPolicy {
	return retryWhen({ retries: 3, baseDelayMs: 500, maxDelayMs: 10_000 }, (failure) =>
		isRetryableSunshineFailure(failure, method),
	);
}
