import type { IDataObject } from 'n8n-workflow';

import type { HttpFailure } from './httpFailure';
import { retryAfterMs, type RetryDecision } from './retry';
import type { VendorError } from './transport';

/**
 * The Graph API's error translator (pure): what Meta's error body and headers say, the next step
 * for the common errors, and which failures are safe to repeat. One for every Graph call of the
 * package (the Facebook Messenger node and the Messenger Trigger).
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling/
 */

/** What a Graph error body says, in plain data (never the request, never a token). */
export interface GraphErrorInfo {
	status?: number;
	message: string;
	type?: string;
	code?: number;
	subcode?: number;
	fbtraceId?: string;
	userTitle?: string;
	userMessage?: string;
	/** A plain-language next step for the common errors. */
	hint?: string;
	/** Throttled: Meta refused the call, so repeating it later cannot duplicate anything. */
	rateLimited: boolean;
	/** Meta answered with a temporary failure ("try again later"): not applied either. */
	temporary: boolean;
	/** From X-Business-Use-Case-Usage estimated_time_to_regain_access (minutes), in ms. */
	regainMs?: number;
	/** From a Retry-After header, in ms. */
	retryAfterMs?: number;
	/** No HTTP answer at all (refused, reset, timeout). */
	networkCode?: string;
}

/**
 * Throttling codes: 4 (app), 17 (user), 32 (Page), 341 (application limit), 613 (calls within
 * a time window), 80001 / 80002 / 80006 (Page, Instagram and Messenger business use-case limits).
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting/
 */
export const RATE_LIMIT_CODES = [4, 17, 32, 341, 613, 80001, 80002, 80006];
/**
 * Temporary failures: 1200 "Temporary send message failure. Please try again later" (safe to
 * resend: Meta says the message was not sent); 1 and 2 (unknown / service unavailable), which
 * only idempotent reads repeat, since 2 can also mean a block and 1 says nothing.
 */
export const TEMPORARY_CODES = [1, 2, 1200];
/** Subcodes of 4 that are not throttling but a per-user marketing cap: never retried. */
const NOT_RETRYABLE_SUBCODES = [2018354];

const num = (value: unknown) =>
	value === undefined || value === null || value === '' ? undefined : Number(value);

/**
 * A plain-language next step for the Graph errors people meet most (outside the 24-hour window,
 * blocked recipient, unknown PSID, expired token, missing permission, throttling, file too large).
 * @see https://developers.facebook.com/docs/messenger-platform/error-codes
 */
export function hintFor(code?: number, subcode?: number): string | undefined {
	if (code === 10 && (subcode === 2018278 || subcode === 2018065)) {
		return 'The person last wrote more than 24 hours ago. Reply after they message the Page again, or (for a person answering) send with Messaging Type "Message Tag" and tag Human Agent (7 days).';
	}
	if (code === 551 || subcode === 1545041 || (code === 10 && subcode === 2018108)) {
		return 'This person is not available: they blocked the Page, left Messenger or cannot receive messages. Do not retry; mark the contact as unreachable.';
	}
	if (code === 100 && subcode === 2018001) {
		return 'No matching user: the Recipient ID is not a PSID of this Page. Use sender.id from a webhook event of the same Page (IDs differ per Page and per app).';
	}
	if (code === 190) {
		return 'The access token is invalid or expired (password change, app removed, or a short-lived token). Create a new token (Token → Exchange, then Token → Get Page Tokens) and update the credential.';
	}
	if (
		code === 10 ||
		code === 200 ||
		code === 230 ||
		(code !== undefined && code >= 200 && code < 300)
	) {
		return 'Missing permission: the token lacks a permission or task this call needs (pages_messaging to send, pages_show_list to list Pages, pages_manage_metadata to subscribe). Grant it in the app and create a new token; apps in development mode can only message people with a role on the app.';
	}
	if (code !== undefined && RATE_LIMIT_CODES.includes(code)) {
		return 'Meta is throttling this app or Page. Send fewer messages at once (lower Concurrency) or wait before running again.';
	}
	if (code === 100 && subcode === 2018109)
		return 'The attachment is too large: files up to 25 MB (images by URL up to 8 MB).';
	return undefined;
}

/**
 * How long Meta says the app is throttled for: the largest `estimated_time_to_regain_access`
 * (minutes) of the X-Business-Use-Case-Usage header, or of X-App-Usage when that is the only
 * one, in ms.
 * @see https://developers.facebook.com/docs/graph-api/overview/rate-limiting/#headers
 */
export function regainMsFrom(headers: Record<string, string>): number | undefined {
	const raw = headers['x-business-use-case-usage'] ?? headers['x-app-usage'];
	if (!raw) return undefined;
	try {
		const usage = JSON.parse(raw) as Record<string, unknown>;
		let minutes: number | undefined;
		const visit = (value: unknown) => {
			if (Array.isArray(value)) value.forEach(visit);
			else if (value && typeof value === 'object') {
				const estimate = (value as Record<string, unknown>).estimated_time_to_regain_access;
				if (estimate !== undefined) minutes = Math.max(minutes ?? 0, Number(estimate) || 0);
				Object.values(value).forEach(visit);
			}
		};
		visit(usage);
		return minutes === undefined ? undefined : minutes * 60_000;
	} catch {
		return undefined;
	}
}

/** What a failed Graph call says: Meta's error body read into plain data, never a token. */
export function graphErrorInfo(failure: HttpFailure): GraphErrorInfo {
	const body = (failure.data ?? {}) as { error?: Record<string, unknown> };
	const error = body && typeof body === 'object' ? body.error : undefined;
	if (!error) {
		return {
			status: failure.status,
			message: failure.status
				? `Graph API answered HTTP ${failure.status}`
				: `Graph API could not be reached (${failure.networkCode ?? 'network error'})`,
			rateLimited: failure.status === 429,
			temporary: false,
			retryAfterMs: retryAfterMs(failure.headers['retry-after']),
			networkCode: failure.networkCode,
		};
	}
	const code = num(error.code);
	const subcode = num(error.error_subcode);
	const rateLimited =
		(code !== undefined &&
			RATE_LIMIT_CODES.includes(code) &&
			!NOT_RETRYABLE_SUBCODES.includes(subcode ?? -1)) ||
		failure.status === 429;
	return {
		status: failure.status,
		message: String(error.message ?? 'Graph API error'),
		type: error.type === undefined ? undefined : String(error.type),
		code,
		subcode,
		fbtraceId: error.fbtrace_id === undefined ? undefined : String(error.fbtrace_id),
		userTitle: error.error_user_title === undefined ? undefined : String(error.error_user_title),
		userMessage: error.error_user_msg === undefined ? undefined : String(error.error_user_msg),
		hint: hintFor(code, subcode),
		rateLimited,
		temporary: code !== undefined && TEMPORARY_CODES.includes(code),
		regainMs: regainMsFrom(failure.headers),
		retryAfterMs: retryAfterMs(failure.headers['retry-after']),
	};
}

/** Whether a failure may be repeated without risking a second delivery. */
export function shouldRetry(info: GraphErrorInfo, kind: 'read' | 'write'): boolean {
	if (info.rateLimited) return true;
	if (kind === 'write') return info.code === 1200;
	if (info.temporary) return true;
	return info.status !== undefined ? info.status >= 500 : info.networkCode !== undefined;
}

/** Meta asks to wait longer than this: fail now with the hint rather than hold the workflow. */
export const RETRY_MAX_REGAIN_MS = 60_000;

/**
 * Whether and when to repeat a failed Graph call: only what `shouldRetry` allows, after the wait
 * Meta asked for (regain time, else Retry-After), and never when that wait is over the cap.
 */
export function graphRetryDecision(info: GraphErrorInfo, kind: 'read' | 'write'): RetryDecision {
	if (!shouldRetry(info, kind)) return { retry: false };
	const delayMs = info.regainMs || info.retryAfterMs;
	if (delayMs !== undefined && delayMs > RETRY_MAX_REGAIN_MS) return { retry: false };
	return delayMs ? { retry: true, delayMs } : { retry: true };
}

/**
 * A Graph failure as the package reports it: Meta's message; the hint, Meta's user message and
 * the facts support asks for (code, subcode, fbtrace_id) as the description; and those facts as
 * public facts (`code`, `subcode`, `fbtraceId`, `hint`), which a Continue On Fail item carries.
 */
export function graphVendorError(info: GraphErrorInfo): VendorError {
	const named = [
		info.code !== undefined ? `code ${info.code}` : undefined,
		info.subcode !== undefined ? `subcode ${info.subcode}` : undefined,
		info.fbtraceId ? `fbtrace_id ${info.fbtraceId}` : undefined,
	].filter(Boolean);
	const description = [
		info.hint,
		info.userMessage,
		named.length ? `Graph API ${named.join(', ')}.` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const facts: IDataObject = {
		...(info.code !== undefined ? { code: info.code } : {}),
		...(info.subcode !== undefined ? { subcode: info.subcode } : {}),
		...(info.fbtraceId ? { fbtraceId: info.fbtraceId } : {}),
		...(info.hint ? { hint: info.hint } : {}),
	};
	return { message: info.message, description: description || undefined, facts };
}
