import type { IHttpRequestMethods } from 'n8n-workflow';
import type { HttpFailure } from '../shared/httpFailure';
import type { RetryDecision } from '../shared/retry';
import { GATEWAY_STATUSES, TRANSIENT_NETWORK_CODES, retryAfterMs } from '../shared/retry';
import type { VendorError } from '../shared/transport';
import { asGwsResult } from './results';

/**
 * Genesys Engage Web Services' error vocabulary and the node's reading of failures (pure). Web
 * Services answers every call with `statusCode` (0 = success) and, on error, `statusMessage`;
 * its CSRF filter refuses a write with a plain 403 before Web Services sees it.
 * @see https://docs.genesys.com/Documentation/GWS/8.6.0/API/ReturnValues
 * @see https://docs.genesys.com/Documentation/GWS/8.5.2/API/CSRFProtection
 */

/** What each `statusCode` means, after the Return Values page (8.5.2 / 8.6.0). */
export const STATUS_MEANINGS: Readonly<Record<number, string>> = {
	0: 'The operation is successful',
	1: 'A required parameter is missing in the request',
	2: 'A specified parameter is not valid for the current state',
	3: 'The operation is forbidden',
	4: 'An internal error occurred in Web Services or a server it works with',
	5: 'The user does not have permission to perform this operation',
	6: 'The requested resource could not be found',
	7: 'The operation was only partially successful',
	8: 'Web Services demands a password change for the user',
	9: 'Processing is incomplete',
	10: 'Input validation error: a value is not within the range of valid values',
	11: 'A read-only property cannot be changed',
	12: 'Unable to retrieve the resource',
	13: 'Unable to create the resource',
	14: 'Unable to delete the resource',
	15: 'Unable to update the resource',
	16: 'Unable to assign the resource',
	17: 'Unable to unassign the resource',
	18: 'The resource already exists',
	19: 'The resource is already in use',
	20: 'The user is not authenticated: check the user name and password of the credential',
};

/** The meaning of a `statusCode`, also for a code the pages do not list. */
export function statusMeaning(code: number): string {
	return STATUS_MEANINGS[code] ?? `Unknown Web Services status code ${code}`;
}

/** An HTTP answer as the session receives it (it reads every status itself). */
export interface Answer {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/** A 2xx status. */
export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** An answer that is not a success, as the shared core's wire failure (kept beside the error). */
export function answerFailure(answer: Answer): HttpFailure {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(answer.headers)) {
		if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
	}
	return {
		status: answer.status,
		data: answer.body,
		headers,
		message: `HTTP ${answer.status}`,
	};
}

/** The start of a body as one line of text (HTML tags dropped), for an error's description. */
export function summarize(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 300);
}

/**
 * What an answer that is not a success means: the meaning of its `statusCode` with the server's
 * `statusMessage` (a 401 without a result is code 20), else its HTTP status and the start of
 * the body. The code is kept as a fact, so a Continue On Fail item carries it.
 */
export function describeAnswer(failure: HttpFailure): VendorError {
	const result = asGwsResult(failure.data);
	const code = result?.statusCode ?? (failure.status === 401 ? 20 : undefined);
	if (code !== undefined && code !== 0) {
		const statusMessage =
			typeof result?.statusMessage === 'string' ? result.statusMessage : undefined;
		return {
			message: `Genesys Engage: ${statusMeaning(code)} (statusCode ${code})`,
			description: statusMessage,
			facts: { statusCode: code },
		};
	}
	return {
		message: `Genesys Engage Web Services answered HTTP ${failure.status} without a result`,
		description: summarize(failure.data),
	};
}

/** No HTTP answer at all (refused, reset, timed out): where it went, never the request itself. */
export function describeUnreachable(
	failure: HttpFailure,
	method: IHttpRequestMethods,
	path: string,
): VendorError {
	return {
		message: `Could not reach Genesys Engage Web Services (${method} ${path})`,
		description: failure.networkCode ? `Network error ${failure.networkCode}` : failure.message,
	};
}

/** The CSRF filter refused a write again after a fresh token was read. */
export function describeCsrfRejectedTwice(failure: HttpFailure): VendorError {
	return {
		message: 'Genesys Engage Web Services rejected the CSRF token twice',
		description: `A fresh token was read from GET /api/v2/me and the call was repeated once; the server still answered 403 (${summarize(failure.data) ?? 'no body'}). Check that nothing between n8n and Web Services drops the JSESSIONID cookie or the X-CSRF-TOKEN header.`,
	};
}

/** The CometD endpoint answered a non-2xx status. */
export function describeNotificationFailure(failure: HttpFailure): VendorError {
	return {
		message: `Genesys Engage Web Services answered HTTP ${failure.status} on its notification channel (CometD)`,
		description: summarize(failure.data),
	};
}

/**
 * A 403 of the CSRF filter: it comes before Web Services handles the call, so it carries no
 * result (a 403 with a `statusCode` is Web Services refusing the operation itself).
 */
export function isCsrfRejection(answer: Answer): boolean {
	if (answer.status !== 403) return false;
	const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
	return /csrf/i.test(text) || !asGwsResult(answer.body);
}

/**
 * Whether the session GET (a read) is worth another try: no answer after a transient network
 * failure, 429, or a gateway's 502/503/504; after the wait the server asks for in Retry-After.
 */
export function sessionOpenRetry(failure: HttpFailure): RetryDecision {
	const retry =
		failure.status === undefined
			? TRANSIENT_NETWORK_CODES.has(failure.networkCode ?? '')
			: failure.status === 429 || GATEWAY_STATUSES.has(failure.status);
	return { retry, delayMs: retryAfterMs(failure.headers['retry-after']) };
}
