import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { GRAPH_PAGE_SIZE, graphPage, tokenPage, type GraphCall } from '../../shared/graph';

/**
 * Pages for the Page locator, from /me/accounts in Graph pages of the largest size; the `after`
 * cursor is the pagination token. Without a filter each call returns one Graph page. With a
 * filter a call keeps following the cursors until a Graph page's worth of matches or the last
 * page, so a Page is found wherever it sits (n8n's editor asks for no more after an empty
 * answer). Without a user token, the Page of the Facebook Page credential is the one choice.
 */
export async function searchPages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const app = await this.getCredentials('facebookAppApi').catch(() => undefined);
	const needle = (filter ?? '').trim().toLowerCase();
	const matches = (page: IDataObject) =>
		!needle ||
		String(page.name ?? '')
			.toLowerCase()
			.includes(needle) ||
		String(page.id) === needle;
	const toResult = (page: IDataObject) => ({
		name: String(page.name ?? page.id),
		value: String(page.id),
		url: `https://www.facebook.com/${String(page.id)}`,
	});
	if (app?.userAccessToken) {
		const call: GraphCall = {
			credential: 'facebookAppApi',
			method: 'GET',
			path: '/me/accounts',
			qs: { fields: 'id,name' },
			kind: 'read',
		};
		const results: IDataObject[] = [];
		let after = paginationToken || undefined;
		do {
			const page = await graphPage.call(this, call, GRAPH_PAGE_SIZE, after);
			results.push(...page.data.filter(matches));
			after = page.after;
		} while (needle && after && results.length < GRAPH_PAGE_SIZE);
		return { results: results.map(toResult), paginationToken: after };
	}
	const page = await tokenPage.call(this, 'id,name');
	return { results: [page].filter(matches).map(toResult) };
}
