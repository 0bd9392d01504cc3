import type { IDataObject } from 'n8n-workflow';

import { httpBaseUrl } from '../shared/baseUrl';
import { genesysCloudUrls } from '../shared/genesysRegions';
import { createTransport, type ApiCall, type RequestContext } from '../shared/transport';
import { describeGenesysError, genesysRetry, type CallPurpose } from './errors';

/**
 * Genesys Cloud's binding of the shared transport core: the OAuth2 client-credentials credential
 * (it mints and renews the token), the region's API URL, Genesys' error translator and retry
 * policy, and the page-by-page reading of listings.
 * @see https://developer.genesys.cloud/platform/api/
 */

export const CREDENTIAL = 'genesysCloudOAuth2Api';

/** One Genesys Cloud call, with what it does and the permission it needs (for its errors). */
export interface GenesysCall extends ApiCall, CallPurpose {
	body?: IDataObject;
}

const request = createTransport<GenesysCall>({
	credential: CREDENTIAL,
	baseUrl: (credentials) =>
		httpBaseUrl(genesysCloudUrls(credentials).apiUrl) ?? {
			error: 'The Genesys Cloud credential has no valid API URL',
			description:
				'With region "Custom", enter the API URL (for example https://api.mypurecloud.com).',
		},
	describe: describeGenesysError,
	retry: (call) => genesysRetry(call.method),
});

/**
 * Makes one Genesys Cloud call and returns its JSON body (`{}` for an empty answer). A 429 waits
 * Retry-After and repeats; a 5xx or a network failure is repeated on GET only (see
 * {@link genesysRetry}). A failure is a NodeApiError whose wire failure `failureOf()` returns.
 */
export async function genesysRequest(
	this: RequestContext,
	call: GenesysCall,
): Promise<IDataObject> {
	return (await request.call(this, call)) as IDataObject;
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
 * Reads a listing page by page, in the fewest requests: pageSize 100, or the limit when smaller;
 * stops when `limit` items are in, or at the last page (pageCount reached or no nextUri).
 * @see https://developer.genesys.cloud/platform/api/
 */
export async function genesysGetAll(
	this: RequestContext,
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
