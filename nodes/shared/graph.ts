import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { httpBaseUrl } from './baseUrl';
import {
	GRAPH_API_BASE_URL,
	GRAPH_API_VERSION,
	PAGE_TOKEN_HEADER,
	TOKEN_KIND_HEADER,
} from './graphConstants';
import {
	graphErrorInfo,
	graphRetryDecision,
	graphVendorError,
	RETRY_MAX_REGAIN_MS,
} from './graphErrors';
import {
	createTransport,
	type ApiCall,
	type InvalidSetting,
	type RequestContext,
} from './transport';

/**
 * The package's one Graph API transport, used by the Facebook Messenger node (operations and the
 * Page picker) and by the Messenger Trigger (Auto Subscribe). Tokens travel only in the
 * Authorization header (the credentials put them there, with `appsecret_proof`); a failure
 * becomes the core's API error with Meta's message, the Graph hint and code, subcode and
 * fbtrace_id as facts.
 * @see https://developers.facebook.com/docs/graph-api/overview
 */

export type GraphCredentialName = 'facebookAppApi' | 'facebookPageApi';

/** One Graph call. */
export interface GraphCall extends ApiCall {
	credential: GraphCredentialName;
	/** Path after the version, starting with "/". */
	path: string;
	/** facebookAppApi only: which token the call carries (default: the user token). */
	token?: 'user' | 'app' | { page: string };
	/**
	 * "read" calls are idempotent and repeat on throttling and temporary failures; "write" calls
	 * (sends, subscriptions) repeat only when Meta's answer proves the call was refused.
	 */
	kind: 'read' | 'write';
	/** Attempts after the first (default 4); 0 disables retries. */
	retries?: number;
}

export const RETRY_BASE_DELAY_MS = 500;
/** Backoff stays far below this; it only bounds a wait Meta asked for (regain time, Retry-After). */
export const RETRY_MAX_DELAY_MS = RETRY_MAX_REGAIN_MS;

/**
 * `<graphApiBaseUrl>/<graphApiVersion>` of a credential's data: the base URL through the one
 * normaliser, the version without surrounding slashes (`v27.0/` gives `…/v27.0`, never
 * `…/v27.0//me`), each defaulting to graph.facebook.com and the pinned version.
 * @see https://developers.facebook.com/docs/graph-api/guides/versioning
 */
export function graphBaseUrl(credentials: ICredentialDataDecryptedObject): string | InvalidSetting {
	const base = httpBaseUrl(String(credentials.graphApiBaseUrl || GRAPH_API_BASE_URL));
	if (!base) {
		return {
			error: 'The Graph API Base URL of the Facebook credential is not a valid URL',
			description:
				'Open the credential and enter an http(s) URL without a path, such as https://graph.facebook.com (or clear it for that default).',
		};
	}
	const version = String(credentials.graphApiVersion || GRAPH_API_VERSION)
		.trim()
		.replace(/^\/+|\/+$/g, '');
	return `${base}/${version || GRAPH_API_VERSION}`;
}

/** The marker headers that tell the Facebook App credential which token to send (never a secret but a Page token it just listed). */
function tokenHeaders(call: GraphCall): Record<string, string> {
	if (call.credential !== 'facebookAppApi' || !call.token || call.token === 'user') return {};
	if (call.token === 'app') return { [TOKEN_KIND_HEADER]: 'app' };
	return { [TOKEN_KIND_HEADER]: 'page', [PAGE_TOKEN_HEADER]: call.token.page };
}

const graphTransport = createTransport<GraphCall>({
	credential: (call) => call.credential,
	baseUrl: (credentials) => graphBaseUrl(credentials),
	headers: tokenHeaders,
	describe: (failure) => graphVendorError(graphErrorInfo(failure)),
	retry: (call) => ({
		retries: call.retries ?? 4,
		baseDelayMs: RETRY_BASE_DELAY_MS,
		maxDelayMs: RETRY_MAX_DELAY_MS,
		decide: (failure) => graphRetryDecision(graphErrorInfo(failure), call.kind),
	}),
});

/**
 * One Graph call with the call's retry policy; resolves to the parsed JSON body. A failure is
 * thrown as the core's API error (`apiError`): Meta's message, the hint and the Graph facts.
 */
export async function graphRequest(this: RequestContext, call: GraphCall): Promise<IDataObject> {
	return (await graphTransport.call(this, call)) as IDataObject;
}

/** The Page a Page credential addresses: its Page ID, or "me". */
export async function credentialPageId(this: RequestContext): Promise<string> {
	const credentials = await this.getCredentials('facebookPageApi');
	return String(credentials.pageId ?? '').trim() || 'me';
}

/**
 * The Page the Facebook Page credential's token belongs to (`GET /me` as the Page): its `fields`.
 * @see https://developers.facebook.com/docs/graph-api/reference/page/
 */
export async function tokenPage(
	this: RequestContext,
	fields: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'GET',
		path: '/me',
		qs: { fields },
		kind: 'read',
		itemIndex,
	});
}

/** The largest page of a Graph edge. */
export const GRAPH_PAGE_SIZE = 100;

/**
 * One page of a Graph edge: its items and the `paging.cursors.after` cursor of the next page
 * (undefined on the last page). Never follows the `paging.next` URL, which carries a token.
 * @see https://developers.facebook.com/docs/graph-api/results
 */
export async function graphPage(
	this: RequestContext,
	call: GraphCall,
	limit: number,
	after?: string,
): Promise<{ data: IDataObject[]; after?: string }> {
	const page = await graphRequest.call(this, {
		...call,
		qs: { ...(call.qs ?? {}), limit, ...(after ? { after } : {}) },
	});
	const data = (page.data as IDataObject[] | undefined) ?? [];
	const paging = page.paging as { next?: string; cursors?: { after?: string } } | undefined;
	const next = paging?.next && data.length > 0 ? paging.cursors?.after : undefined;
	return { data, after: next || undefined };
}

/**
 * Graph cursor paging: asks for the largest page, follows the `after` cursors and stops when
 * there is no next page or `max` items arrived.
 * @see https://developers.facebook.com/docs/graph-api/results#cursors
 */
export async function graphPaginate(
	this: RequestContext,
	call: GraphCall,
	max = Infinity,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	let after: string | undefined;
	do {
		const limit = Math.min(GRAPH_PAGE_SIZE, Math.max(1, max - items.length));
		const page = await graphPage.call(this, call, limit, after);
		items.push(...page.data);
		after = page.after;
	} while (after && items.length < max);
	return items.slice(0, max);
}
