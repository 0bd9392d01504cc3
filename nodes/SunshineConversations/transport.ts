import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { createTransport, type ApiCall } from '../shared/transport';
import { sunshineError, sunshineRetryPolicy } from './errors';
import { sunshineBaseUrl } from './validation';

/** Sunshine Conversations bound on the shared transport core: <Base URL>/v2/apps/<App ID><path>. */
const request = createTransport<ApiCall>({
	credential: 'sunshineConversationsApi',
	baseUrl: (credentials) => {
		const base = sunshineBaseUrl(credentials.baseUrl);
		if (typeof base !== 'string') return base;
		const appId = String(credentials.appId ?? '').trim();
		if (!appId) return { error: 'The App ID of the Sunshine Conversations credential is empty' };
		return `${base}/v2/apps/${encodeURIComponent(appId)}`;
	},
	describe: (failure) => sunshineError(failure),
	retry: (call) => sunshineRetryPolicy(call.method),
});

/**
 * The one place that talks to Sunshine Conversations: <Base URL>/v2/apps/<App ID><path>, with
 * the credential's Basic or JWT authorization added by n8n. Returns the answer's object (`{}`
 * for an empty one).
 * @see https://developer.zendesk.com/api-reference/conversations/#tag/Integrations
 */
export async function sunshineRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	itemIndex: number,
	{ body, qs }: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<IDataObject> {
	const response = await request.call(this, { method, path, body, qs, itemIndex });
	return (response && typeof response === 'object' ? response : {}) as IDataObject;
}

/** The largest page[size] the List Integrations endpoint accepts. */
export const MAX_PAGE_SIZE = 100;

/**
 * The query of one List Integrations page. `remaining` is how many records are still wanted
 * (undefined = all): the page size is the largest useful one.
 */
export function listQuery(
	after: string | undefined,
	remaining: number | undefined,
	types: string[],
): IDataObject {
	const size =
		remaining === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, remaining));
	const qs: IDataObject = { 'page[size]': size };
	if (after) qs['page[after]'] = after;
	if (types.length) qs['filter[types]'] = types.join(',');
	return qs;
}

/** One page of List Integrations. */
export interface ListPage {
	integrations?: IDataObject[];
	meta?: { hasMore?: boolean; afterCursor?: string };
}

/** The cursor of the next page, or undefined when this was the last page. */
export function nextCursor(page: ListPage): string | undefined {
	if (!page.meta?.hasMore) return undefined;
	const cursor = page.meta.afterCursor;
	return typeof cursor === 'string' && cursor ? cursor : undefined;
}

/**
 * The integrations of the app (of `types`, when given), following page[after] cursors with the
 * largest useful page[size] until the last page or `limit` (undefined = all).
 * @see https://developer.zendesk.com/api-reference/conversations/#tag/Integrations/operation/ListIntegrations
 */
export async function listIntegrations(
	this: IExecuteFunctions,
	itemIndex: number,
	types: string[],
	limit: number | undefined,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	let after: string | undefined;
	do {
		const remaining = limit === undefined ? undefined : limit - results.length;
		const page = (await sunshineRequest.call(this, 'GET', '/integrations', itemIndex, {
			qs: listQuery(after, remaining, types),
		})) as ListPage;
		results.push(...(page.integrations ?? []));
		after = nextCursor(page);
	} while (after && (limit === undefined || results.length < limit));
	return limit === undefined ? results : results.slice(0, limit);
}
