import type { HttpFailure } from '../shared/httpFailure';

export interface SunshineError {
	code: string;
	title: string;
}

export interface SunshineErrorDetails {
	message: string;
	description: string;
	httpCode?: string;
	errors: SunshineError[];
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

/** A message users can act on, carrying Sunshine's own codes and titles. */
export function sunshineErrorDetails(failure: HttpFailure): SunshineErrorDetails {
	const errors = sunshineErrors(failure.data);
	const status = failure.status;
	if (status === undefined) {
		return {
			// The network code stays out of the message: n8n would swap such a message for its own.
			message: 'Could not reach Sunshine Conversations',
			description: `Check the Base URL of the Sunshine Conversations credential (${failure.networkCode ?? 'no answer'}).`,
			errors,
		};
	}
	const summary = errors.map((e) => (e.code ? `${e.title} (${e.code})` : e.title)).join('; ');
	return {
		message: `Sunshine Conversations error ${status}: ${summary || 'no details'}`,
		description:
			HINTS[status] ??
			(status >= 500 ? 'Sunshine Conversations had a server error; try again later.' : ''),
		httpCode: String(status),
		errors,
	};
}

/** 429 is never applied, so any call may repeat it; 5xx only repeats calls that are safe to repeat. */
export function isRetryableSunshineFailure(failure: HttpFailure, method: string): boolean {
	if (failure.status === 429) return true;
	if (method === 'POST') return false;
	if (failure.status === undefined)
		return ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'].includes(failure.networkCode ?? '');
	return failure.status === 502 || failure.status === 503 || failure.status === 504;
}
