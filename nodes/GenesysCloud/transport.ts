import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { genesysCloudUrls } from '../shared/genesysRegions';
import { httpFailure, type HttpFailure } from '../shared/httpFailure';
import { retryAfterMs, withRetry } from '../shared/retry';
import { describeGenesysError } from './errors';

export const CREDENTIAL = 'genesysCloudOAuth2Api';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Longest wait a Retry-After may impose before the node gives up retrying. */
export const MAX_RETRY_AFTER_MS = 60_000;
const RATE_LIMIT_RETRIES = 4;
const SERVER_ERROR_RETRIES = 3;

export interface GenesysCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** What the call does, for messages ("create a facebook integration"). */
	operation: string;
	/** The permission Genesys requires, named in the error when the role lacks it. */
	permission?: string;
	itemIndex?: number;
}

/** The wire-level failure behind each error this transport throws (retry decisions, lookups). */
const failures = new WeakMap<object, HttpFailure>();

export function failureOf(error: unknown): HttpFailure | undefined {
	return error && typeof error === 'object' ? failures.get(error) : undefined;
}

/** The API base URL of the credential, checked before any request. */
async function apiUrl(this: Context, itemIndex: number): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL);
	const { apiUrl: url } = genesysCloudUrls(credentials);
	if (!/^https?:\/\/[^\s/]+/.test(url)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Genesys Cloud credential has no valid API URL',
			{
				description:
					'With region "Custom", enter the API URL (for example https://api.mypurecloud.com).',
				itemIndex,
			},
		);
	}
	return url;
}

/**
 * One Genesys Cloud call through n8n's authenticated request helper (the credential mints and
 * renews the token). A 429 waits Retry-After (capped) and retries: the request was not applied.
 * A 5xx or a network failure is retried with backoff on GET only; a write that may have been
 * applied is left to the caller, which knows how to look it up.
 */
export async function genesysRequest(this: Context, call: GenesysCall): Promise<IDataObject> {
	const itemIndex = call.itemIndex ?? 0;
	const base = await apiUrl.call(this, itemIndex);
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${base}${call.path}`,
		qs: call.qs,
		body: call.body,
		json: true,
	};
	let rateLimitRetries = 0;
	let serverRetries = 0;
	return await withRetry<IDataObject>(
		async () => {
			try {
				return ((await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL,
					options,
				)) ?? {}) as IDataObject;
			} catch (error) {
				const failure = httpFailure(error);
				const info = describeGenesysError(failure.status, failure.data, {
					operation: call.operation,
					permission: call.permission,
					contextIdHeader: failure.headers['inin-correlation-id'],
				});
				const apiError = new NodeApiError(
					this.getNode(),
					{
						message: info.message,
						code: info.code ?? null,
						status: info.status ?? null,
						contextId: info.contextId ?? null,
						...(info.permission ? { permission: info.permission } : {}),
					} as JsonObject,
					{
						message: info.message,
						description: failure.status
							? info.description
							: `${failure.message}. ${info.description}`.trim(),
						httpCode: failure.status ? String(failure.status) : undefined,
						itemIndex,
					},
				);
				failures.set(apiError, failure);
				throw apiError;
			}
		},
		{
			retries: RATE_LIMIT_RETRIES + SERVER_ERROR_RETRIES,
			baseDelayMs: 500,
			maxDelayMs: MAX_RETRY_AFTER_MS,
			decide: (error) => {
				const failure = failureOf(error);
				if (!failure) return { retry: false };
				if (failure.status === 429) {
					const wait = retryAfterMs(failure.headers['retry-after']) ?? 3_000;
					// A wait longer than the cap is not worth holding the workflow for: fail now.
					if (wait > MAX_RETRY_AFTER_MS || rateLimitRetries >= RATE_LIMIT_RETRIES)
						return { retry: false };
					rateLimitRetries += 1;
					return { retry: true, delayMs: wait };
				}
				const transient =
					failure.status === undefined ? Boolean(failure.networkCode) : failure.status >= 500;
				if (transient && call.method === 'GET' && serverRetries < SERVER_ERROR_RETRIES) {
					serverRetries += 1;
					return { retry: true };
				}
				return { retry: false };
			},
		},
	);
}

interface Listing {
	entities?: IDataObject[];
	pageNumber?: number;
	pageCount?: number;
	nextUri?: string;
}

/** The largest page Genesys listings accept. */
export const MAX_PAGE_SIZE = 100;

/**
 * Reads a listing page by page (pageSize 100, or the limit when smaller) and stops at the last
 * page: when pageCount is reached or nextUri is absent, or when `limit` items are in.
 */
export async function genesysGetAll(
	this: Context,
	call: Omit<GenesysCall, 'method'>,
	limit?: number,
): Promise<IDataObject[]> {
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	const items: IDataObject[] = [];
	for (let pageNumber = 1; ; pageNumber++) {
		const page = (await genesysRequest.call(this, {
			...call,
			method: 'GET',
			qs: { ...(call.qs ?? {}), pageSize, pageNumber },
		})) as Listing;
		for (const entity of page.entities ?? []) {
			items.push(entity);
			if (limit !== undefined && items.length >= limit) return items;
		}
		const pageCount = Number(page.pageCount ?? 0);
		const more = page.nextUri ? true : pageCount > pageNumber;
		if (!more || !(page.entities ?? []).length) return items;
	}
}
