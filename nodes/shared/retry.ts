import { sleep } from 'n8n-workflow';

export interface RetryDecision {
	retry: boolean;
	/** Milliseconds to wait before the next attempt; computed by backoff when absent. */
	delayMs?: number;
}

export interface RetryPolicy {
	/** Attempts after the first one. */
	retries: number;
	/** Base of the exponential backoff, in ms. */
	baseDelayMs: number;
	/** Upper bound for any single wait, in ms. */
	maxDelayMs: number;
	decide: (error: unknown, attempt: number) => RetryDecision;
}

/** Exponential backoff with full jitter: a random wait in [base·2^n / 2, base·2^n], capped. */
export function backoffDelay(
	attempt: number,
	baseDelayMs: number,
	maxDelayMs: number,
	random = Math.random,
): number {
	const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Runs `operation` and repeats it while the policy says the failure is worth retrying.
 * The policy, not this function, knows which calls are safe to repeat.
 */
export async function withRetry<T>(operation: () => Promise<T>, policy: RetryPolicy): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		let failure: unknown;
		try {
			return await operation();
		} catch (error) {
			failure = error;
		}
		// The failure is already the caller's typed error (NodeApiError); it is passed on as is.
		const decision = attempt < policy.retries ? policy.decide(failure, attempt) : { retry: false };
		if (!decision.retry) throw failure;
		const wait = Math.min(
			policy.maxDelayMs,
			decision.delayMs ?? backoffDelay(attempt, policy.baseDelayMs, policy.maxDelayMs),
		);
		await sleep(wait);
	}
}

/** Seconds (or an HTTP date) from a Retry-After header, in ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Network failures after which the server may not have seen the request, or dropped it half-way:
 * worth another try for a call that is safe to repeat. The one list of the package.
 * @see https://nodejs.org/api/errors.html#common-system-errors
 */
export const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
]);

/** Gateway answers that say the service behind it did not answer in time or at all. */
export const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * A failure that may pass on a second try: a dropped connection (see TRANSIENT_NETWORK_CODES) or
 * a gateway's 502/503/504. Only for calls that are safe to repeat: the first try may have been
 * applied.
 */
export function isTransientFailure(failure: { status?: number; networkCode?: string }): boolean {
	if (failure.status === undefined) return TRANSIENT_NETWORK_CODES.has(failure.networkCode ?? '');
	return GATEWAY_STATUSES.has(failure.status);
}
