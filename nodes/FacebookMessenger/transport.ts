import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { httpFailure } from '../shared/httpFailure';
import { withRetry } from '../shared/retry';
import {
	GRAPH_API_BASE_URL,
	GRAPH_API_VERSION,
	PAGE_TOKEN_HEADER,
	TOKEN_KIND_HEADER,
} from '../shared/graphConstants';
import { graphErrorInfo, type GraphErrorInfo } from './graphErrors';

/**
 * The one place this node talks to the Graph API. Tokens travel only in the Authorization
 * header (the credentials put them there); every failure becomes a NodeApiError built from
 * plain data: Meta's message, code, subcode, fbtrace_id and a hint.
 */
export type GraphContext = IExecuteFunctions | ILoadOptionsFunctions;
export type GraphCredentialName = 'facebookAppApi' | 'facebookPageApi';

export interface GraphCall {
	credential: GraphCredentialName;
	method: IHttpRequestMethods;
	/** Path after the version, starting with "/". */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer;
	/** Body encoding: JSON (default), form fields, or a ready multipart body with this content type. */
	bodyType?: 'json' | 'form' | { multipart: string };
	/** facebookAppApi only: which token the call carries. */
	token?: 'user' | 'app' | { page: string };
	/**
	 * "read" calls are idempotent and repeat on throttling and temporary failures; "write" calls
	 * (sends, subscriptions) repeat only when Meta's answer proves the call was refused.
	 */
	kind: 'read' | 'write';
	itemIndex?: number;
	/** Attempts after the first; 0 disables retries. */
	retries?: number;
}

export const RETRY_BASE_DELAY_MS = 500;
/** Meta asks to wait longer than this: fail now with the hint rather than hold the workflow. */
export const RETRY_MAX_REGAIN_MS = 60_000;
/** Backoff stays far below this; it only bounds a wait Meta asked for (regain time, Retry-After). */
export const RETRY_MAX_DELAY_MS = RETRY_MAX_REGAIN_MS;

const trim = (value: unknown, fallback: string) =>
	String(value || fallback)
		.trim()
		.replace(/\/+$/, '');

/** `<graphApiBaseUrl>/<graphApiVersion>` of a credential. */
export async function graphBaseUrl(
	this: GraphContext,
	credential: GraphCredentialName,
): Promise<string> {
	const credentials = await this.getCredentials(credential);
	const version = trim(credentials.graphApiVersion, GRAPH_API_VERSION).replace(/^\/+/, '');
	return `${trim(credentials.graphApiBaseUrl, GRAPH_API_BASE_URL)}/${version}`;
}

/** The Page a Page credential addresses: its Page ID, or "me". */
export async function credentialPageId(this: GraphContext): Promise<string> {
	const credentials = await this.getCredentials('facebookPageApi');
	return String(credentials.pageId ?? '').trim() || 'me';
}

/** Whether a failure may be repeated without risking a second delivery. */
export function shouldRetry(info: GraphErrorInfo, kind: 'read' | 'write'): boolean {
	if (info.rateLimited) return true;
	if (kind === 'write') return info.code === 1200;
	if (info.temporary) return true;
	return info.status !== undefined ? info.status >= 500 : info.networkCode !== undefined;
}

export function graphApiError(
	context: GraphContext,
	info: GraphErrorInfo,
	itemIndex?: number,
): NodeApiError {
	const facts = [
		info.code !== undefined ? `code ${info.code}` : undefined,
		info.subcode !== undefined ? `subcode ${info.subcode}` : undefined,
		info.fbtraceId ? `fbtrace_id ${info.fbtraceId}` : undefined,
	].filter(Boolean);
	const description = [
		info.hint,
		info.userMessage,
		facts.length ? `Graph API ${facts.join(', ')}.` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const data: JsonObject = {
		message: info.message,
		...(info.type ? { type: info.type } : {}),
		...(info.code !== undefined ? { code: info.code } : {}),
		...(info.subcode !== undefined ? { error_subcode: info.subcode } : {}),
		...(info.fbtraceId ? { fbtrace_id: info.fbtraceId } : {}),
		...(info.hint ? { hint: info.hint } : {}),
	};
	return new NodeApiError(context.getNode(), data, {
		message: info.message,
		description: description || undefined,
		httpCode: info.status !== undefined ? String(info.status) : undefined,
		itemIndex,
	});
}

/** One Graph call with retries; resolves to the parsed JSON body. */
export async function graphRequest(this: GraphContext, call: GraphCall): Promise<IDataObject> {
	const base = await graphBaseUrl.call(this, call.credential);
	const headers: Record<string, string> = {};
	if (call.credential === 'facebookAppApi') {
		const token = call.token ?? 'user';
		if (token === 'app') headers[TOKEN_KIND_HEADER] = 'app';
		else if (typeof token === 'object') {
			headers[TOKEN_KIND_HEADER] = 'page';
			headers[PAGE_TOKEN_HEADER] = token.page;
		}
	}
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${base}${call.path}`,
		qs: call.qs,
		headers,
		json: true,
	};
	if (call.body !== undefined) {
		const type = call.bodyType ?? 'json';
		if (type === 'form') {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			options.body = call.body;
			options.json = false;
		} else if (typeof type === 'object') {
			headers['content-type'] = type.multipart;
			options.body = call.body;
			options.json = false;
		} else {
			options.body = call.body;
		}
	}

	let last: GraphErrorInfo | undefined;
	const attempt = async (): Promise<IDataObject> => {
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				call.credential,
				options,
			)) as unknown;
			if (typeof response === 'string') return JSON.parse(response) as IDataObject;
			return (response ?? {}) as IDataObject;
		} catch (error) {
			last = graphErrorInfo(httpFailure(error));
			throw graphApiError(this, last, call.itemIndex);
		}
	};
	return await withRetry(attempt, {
		retries: call.retries ?? 4,
		baseDelayMs: RETRY_BASE_DELAY_MS,
		maxDelayMs: RETRY_MAX_DELAY_MS,
		decide: () => {
			if (!last || !shouldRetry(last, call.kind)) return { retry: false };
			const delayMs = last.regainMs || last.retryAfterMs;
			if (delayMs !== undefined && delayMs > RETRY_MAX_REGAIN_MS) return { retry: false };
			return delayMs ? { retry: true, delayMs } : { retry: true };
		},
	});
}

/** The largest page of a Graph edge. */
export const GRAPH_PAGE_SIZE = 100;

/**
 * One page of a Graph edge: its items and the `paging.cursors.after` cursor of the next page
 * (undefined on the last page). Never follows the `paging.next` URL, which carries a token.
 */
export async function graphPage(
	this: GraphContext,
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
 * there is no next page or enough items arrived.
 */
export async function graphPaginate(
	this: GraphContext,
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
