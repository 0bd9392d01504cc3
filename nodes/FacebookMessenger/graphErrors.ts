import type { HttpFailure } from '../shared/httpFailure';
import { retryAfterMs } from '../shared/retry';

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

/** Throttling codes (messenger-platform.md §5): 4, 17, 32, 341, 613, 80001, 80006. */
export const RATE_LIMIT_CODES = [4, 17, 32, 341, 613, 80001, 80006];
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

/** Reads Meta's BUC header: the largest estimated_time_to_regain_access (minutes) → ms. */
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
