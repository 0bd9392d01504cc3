import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { HttpFailure } from '../shared/httpFailure';
import { retryAfterMs } from '../shared/retry';
import type { CallRetryPolicy, VendorError } from '../shared/transport';

/**
 * Genesys Cloud's error translator and retry decisions (pure). Errors come as an ErrorBody
 * (`message`, `code`, `status`, `contextId`, `messageParams`, `details`); the login service answers
 * OAuth errors (`error`, `error_description`).
 * @see https://developer.genesys.cloud/platform/api/
 * @see https://developer.genesys.cloud/platform/api/rate-limits
 */

/** What a call does and needs, for the messages of its errors. */
export interface CallPurpose {
	/** What the call does, for messages ("create a facebook integration"). */
	operation: string;
	/** The permission Genesys requires, named in the error when the role lacks it. */
	permission?: string;
}

interface ErrorBody {
	message?: unknown;
	code?: unknown;
	status?: unknown;
	contextId?: unknown;
	messageParams?: Record<string, unknown>;
	details?: Array<{ fieldName?: unknown; errorCode?: unknown }>;
	error?: unknown;
	error_description?: unknown;
}

/** The permission(s) a missing.permissions error names ("…permission(s): [a, b]"). */
export function missingPermissionOf(body: ErrorBody): string | undefined {
	const fromParams = body.messageParams?.permissions;
	const source =
		typeof fromParams === 'string'
			? fromParams
			: typeof body.message === 'string'
				? body.message
				: '';
	const bracketed = /\[([^\]]+)\]/.exec(source)?.[1];
	const bare = /permission\(s\):\s*([\w:, ]+)/.exec(source)?.[1];
	const found = (bracketed ?? bare)?.trim();
	return found || undefined;
}

/**
 * A failed Genesys Cloud call as the node reports it: a message naming what failed (the missing
 * permission, when that is the cause), the next step, and the facts support asks for (`code`,
 * `status`, `contextId` from the body or the `ININ-Correlation-Id` header, `permission`).
 * @see https://developer.genesys.cloud/platform/api/
 */
export function describeGenesysError(failure: HttpFailure, call: CallPurpose): VendorError {
	const { status, data } = failure;
	const body: ErrorBody = data && typeof data === 'object' ? (data as ErrorBody) : {};
	const code =
		typeof body.code === 'string'
			? body.code
			: typeof body.error === 'string'
				? body.error
				: undefined;
	const contextId =
		typeof body.contextId === 'string' ? body.contextId : failure.headers['inin-correlation-id'];
	const vendorMessage =
		typeof body.message === 'string'
			? body.message
			: typeof body.error_description === 'string'
				? body.error_description
				: typeof data === 'string' && data.length < 300
					? data
					: undefined;
	const parts: string[] = [];
	let message = `Genesys Cloud: ${vendorMessage ?? `HTTP ${status ?? 'error'}`}`;
	let permission: string | undefined;

	if (code === 'missing.permissions' || code === 'missing.any.permissions') {
		permission = missingPermissionOf(body) ?? call.permission;
		message = `Genesys Cloud: the OAuth client is missing the permission ${permission ?? '(unknown)'} needed to ${call.operation}`;
		parts.push(
			`Give the OAuth client's role the permission "${permission ?? call.permission}" (Admin → Roles / Permissions), then run again.`,
		);
	} else if (status === 401) {
		parts.push(
			'Genesys Cloud rejected the token even after renewing it: check the client ID, secret and region of the credential.',
		);
	} else if (status === 404) {
		parts.push(
			'No such integration on this channel and API version: check the ID, the channel and the API version.',
		);
	} else if (status === 429) {
		parts.push(
			'Rate limited by Genesys Cloud (300 requests per minute per token); retried after Retry-After, still limited.',
		);
	}
	const fields = (body.details ?? [])
		.map((d) => d.fieldName)
		.filter((f): f is string => typeof f === 'string');
	if (fields.length) parts.push(`Fields: ${fields.join(', ')}.`);
	if (code) parts.push(`Code: ${code}.`);
	if (contextId) parts.push(`Context ID: ${contextId} (quote it to Genesys support).`);
	const next = parts.join(' ');
	const facts: IDataObject = {};
	if (code !== undefined) facts.code = code;
	if (status !== undefined) facts.status = status;
	if (contextId !== undefined) facts.contextId = contextId;
	if (permission !== undefined) facts.permission = permission;
	return {
		message,
		// Without an HTTP answer the network error is the only clue.
		description: status ? next : `${failure.message}. ${next}`.trim(),
		facts,
	};
}

/** Longest wait a Retry-After may impose before the node gives up retrying. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Wait after a 429 without a readable Retry-After. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 3_000;
const RATE_LIMIT_RETRIES = 4;
const SERVER_ERROR_RETRIES = 3;

/**
 * The retry policy of one call, counting each kind of failure on its own. A 429 was not applied:
 * wait Retry-After (at most a minute; a longer wait fails at once) and repeat, up to 4 times. A
 * 5xx or a network failure is repeated with backoff on GET only, up to 3 times: a write that may
 * have been applied is left to the caller, which knows how to look it up.
 * @see https://developer.genesys.cloud/platform/api/rate-limits
 */
export function genesysRetry(method: IHttpRequestMethods): CallRetryPolicy {
	let rateLimitRetries = 0;
	let serverRetries = 0;
	return {
		retries: RATE_LIMIT_RETRIES + SERVER_ERROR_RETRIES,
		baseDelayMs: 500,
		maxDelayMs: MAX_RETRY_AFTER_MS,
		decide: (failure) => {
			if (failure.status === 429) {
				const wait = retryAfterMs(failure.headers['retry-after']) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
				// A wait longer than the cap is not worth holding the workflow for: fail now.
				if (wait > MAX_RETRY_AFTER_MS || rateLimitRetries >= RATE_LIMIT_RETRIES)
					return { retry: false };
				rateLimitRetries += 1;
				return { retry: true, delayMs: wait };
			}
			if (isAmbiguous(failure) && method === 'GET' && serverRetries < SERVER_ERROR_RETRIES) {
				serverRetries += 1;
				return { retry: true };
			}
			return { retry: false };
		},
	};
}

/**
 * A failure after which the server may have applied the request: a 5xx, or a network failure
 * with no answer at all.
 */
export function isAmbiguous(failure: HttpFailure): boolean {
	return failure.status === undefined ? Boolean(failure.networkCode) : failure.status >= 500;
}
