import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { httpBaseUrl } from './baseUrl';
import { GRAPH_API_VERSION } from './graphConstants';
import {
	graphErrorInfo,
	graphRetryDecision,
	graphVendorError,
	hintFor,
	type GraphErrorInfo,
} from './graphErrors';
import { RETRY_BASE_DELAY_MS, RETRY_MAX_DELAY_MS } from './graph';
import {
	IG_TOKEN_GRANT_HEADER,
	IG_TOKEN_HEADER,
	INSTAGRAM_API_BASE_URL,
	type InstagramTokenGrant,
} from './instagramConstants';
import {
	createTransport,
	type ApiCall,
	type InvalidSetting,
	type RequestContext,
} from './transport';

/**
 * The transport of the Instagram API with Instagram Login: the shared core bound once to
 * graph.instagram.com with the `instagramLoginApi` credential. Meta's error bodies there have
 * the Graph API's shape, so Graph's translator and retry policy apply, with hints that name the
 * Instagram token and scopes.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login
 */

export const INSTAGRAM_CREDENTIAL = 'instagramLoginApi';

/** One call to graph.instagram.com (the same shape as a Graph call, without the token choice). */
export interface InstagramCall extends ApiCall {
	/** Path after the version, starting with "/" (after the base URL for a token grant). */
	path: string;
	/**
	 * "read" calls are idempotent and repeat on throttling and temporary failures; "write" calls
	 * (sends, subscriptions, token grants) repeat only when Meta's answer proves it refused them.
	 */
	kind: 'read' | 'write';
	/** Attempts after the first (default 4); 0 disables retries. */
	retries?: number;
	/**
	 * One of the two token endpoints, which live outside the version path and read the token from
	 * the query string: the credential adds it there (and the app secret for an exchange).
	 */
	grant?: InstagramTokenGrant;
	/** With `grant`: the token to exchange or refresh, when not the credential's own. */
	grantToken?: string;
}

/**
 * `<graphApiBaseUrl>` (token grants) or `<graphApiBaseUrl>/<graphApiVersion>` of the Instagram
 * Login credential's data, defaulting to graph.instagram.com and the pinned version.
 * @see https://developers.facebook.com/docs/instagram-platform/overview
 */
export function instagramBaseUrl(
	credentials: ICredentialDataDecryptedObject,
	versioned = true,
): string | InvalidSetting {
	const base = httpBaseUrl(String(credentials.graphApiBaseUrl || INSTAGRAM_API_BASE_URL));
	if (!base) {
		return {
			error: 'The Graph API Base URL of the Instagram Login credential is not a valid URL',
			description:
				'Open the credential and enter an http(s) URL without a path, such as https://graph.instagram.com (or clear it for that default).',
		};
	}
	if (!versioned) return base;
	const version = String(credentials.graphApiVersion || GRAPH_API_VERSION)
		.trim()
		.replace(/^\/+|\/+$/g, '');
	return `${base}/${version || GRAPH_API_VERSION}`;
}

/** The account a credential addresses: its Instagram account ID, or "me". */
export function instagramAccountId(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.accountId ?? '').trim() || 'me';
}

/**
 * A next step for the errors people meet on this route, where it differs from the Facebook
 * route's (another token, other scopes, another window message); otherwise Graph's.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/get-started
 */
export function instagramHint(code?: number, subcode?: number): string | undefined {
	if (code === 190) {
		return 'The Instagram access token is invalid or expired (a long-lived token lasts 60 days unless refreshed; a password change or removing the app also ends it). Generate a new token in the Meta App Dashboard (Instagram → API setup with Instagram login) and update the Instagram Login credential; keep it alive with Token → Refresh.';
	}
	if (code === 10 && subcode === 2534022) {
		return 'The person last wrote more than 24 hours ago (the messaging window is closed). Reply after they message the account again, or send with the Human Agent tag (7 days).';
	}
	// The two subcodes below are those integrators report for the Instagram Send API; Meta's
	// reference lists no subcodes for it.
	if (code === 10 && subcode === 2534025) {
		return 'This comment cannot get a private reply: it already has one, or it is more than 7 days old. Answer in the comment thread, or wait until the person writes to the account.';
	}
	if (code === 100 && subcode === 2534014) {
		return 'No conversation with this Instagram-scoped ID: the person never wrote to this account, or the ID belongs to another account. Use the senderId of a Messenger Trigger item of this account.';
	}
	if (
		code === 10 ||
		code === 200 ||
		code === 230 ||
		(code !== undefined && code >= 200 && code < 300)
	) {
		return 'Missing permission: the Instagram token lacks instagram_business_basic or instagram_business_manage_messages. Add them under Instagram → API setup with Instagram login, generate a new token and update the credential; apps in development mode can only message people with a role on the app.';
	}
	if (code === 4 || code === 17 || code === 32 || code === 613 || code === 80002) {
		return 'Meta is throttling this app or Instagram account. Send fewer messages at once (lower Concurrency) or wait before running again.';
	}
	return hintFor(code, subcode);
}

/** A failed call's facts with the Instagram hints. */
export function instagramErrorInfo(failure: Parameters<typeof graphErrorInfo>[0]): GraphErrorInfo {
	const info = graphErrorInfo(failure);
	if (info.code === undefined) return info;
	return { ...info, hint: instagramHint(info.code, info.subcode) };
}

function grantHeaders(call: InstagramCall): Record<string, string> {
	if (!call.grant) return {};
	return {
		[IG_TOKEN_GRANT_HEADER]: call.grant,
		...(call.grantToken ? { [IG_TOKEN_HEADER]: call.grantToken } : {}),
	};
}

const instagramTransport = createTransport<InstagramCall>({
	credential: INSTAGRAM_CREDENTIAL,
	baseUrl: (credentials, call) => instagramBaseUrl(credentials, !call.grant),
	headers: grantHeaders,
	describe: (failure) => graphVendorError(instagramErrorInfo(failure)),
	retry: (call) => ({
		retries: call.retries ?? 4,
		baseDelayMs: RETRY_BASE_DELAY_MS,
		maxDelayMs: RETRY_MAX_DELAY_MS,
		decide: (failure) => graphRetryDecision(instagramErrorInfo(failure), call.kind),
	}),
});

/**
 * One call to graph.instagram.com with the call's retry policy; resolves to the parsed JSON
 * body. A failure is thrown as the core's API error (`apiError`): Meta's message, the hint and
 * the Graph facts (code, subcode, fbtrace_id).
 */
export async function instagramRequest(
	this: RequestContext,
	call: InstagramCall,
	itemIndex?: number,
): Promise<IDataObject> {
	const withItem = itemIndex === undefined ? call : { ...call, itemIndex };
	return (await instagramTransport.call(this, withItem)) as IDataObject;
}

/** The Instagram Login credential of a node (for the account ID and the app ID). */
export async function instagramCredentials(
	this: RequestContext,
): Promise<ICredentialDataDecryptedObject> {
	return await this.getCredentials(INSTAGRAM_CREDENTIAL);
}
