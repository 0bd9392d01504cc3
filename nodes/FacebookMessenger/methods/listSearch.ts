import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { graphRequest } from '../transport';

/**
 * Pages for the Page locator: one Graph page (100) of /me/accounts per call, filtered by
 * name; the `after` cursor is the pagination token. Without a user token, the Page of the
 * Facebook Page credential is the one choice.
 */
export async function searchPages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const app = await this.getCredentials('facebookAppApi').catch(() => undefined);
	const needle = (filter ?? '').trim().toLowerCase();
	const matches = (page: IDataObject) =>
		!needle || String(page.name ?? '').toLowerCase().includes(needle) || String(page.id) === needle;
	const toResult = (page: IDataObject) => ({
		name: String(page.name ?? page.id),
		value: String(page.id),
		url: `https://www.facebook.com/${String(page.id)}`,
	});
	if (app?.userAccessToken) {
		const response = await graphRequest.call(this, {
			credential: 'facebookAppApi',
			method: 'GET',
			path: '/me/accounts',
			qs: { fields: 'id,name', limit: 100, ...(paginationToken ? { after: paginationToken } : {}) },
			kind: 'read',
		});
		const data = (response.data as IDataObject[] | undefined) ?? [];
		const paging = response.paging as { next?: string; cursors?: { after?: string } } | undefined;
		return {
			results: data.filter(matches).map(toResult),
			paginationToken: paging?.next ? paging.cursors?.after : undefined,
		};
	}
	const page = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'GET',
		path: '/me',
		qs: { fields: 'id,name' },
		kind: 'read',
	});
	return { results: [page].filter(matches).map(toResult) };
}
