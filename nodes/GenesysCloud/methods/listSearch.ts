import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { resolveRoute, type ApiVersion, type Channel } from '../channels';
import { genesysRequest, MAX_PAGE_SIZE } from '../transport';

/** Integrations of the chosen channel and API version for the resource locator, a page at a time. */
export async function searchIntegrations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const channel = this.getCurrentNodeParameter('channel') as Channel;
	const apiVersion = (this.getCurrentNodeParameter('apiVersion') as ApiVersion) ?? 'current';
	const resolved = resolveRoute(channel, apiVersion, 'get');
	if ('reason' in resolved) return { results: [] };
	const pageNumber = Number(paginationToken ?? 1);
	const page = await genesysRequest.call(this, {
		method: 'GET',
		path: resolved.route.collection,
		qs: { pageSize: MAX_PAGE_SIZE, pageNumber },
		operation: `list ${channel} integrations`,
		permission: 'messaging:integration:view',
	});
	const entities =
		(page.entities as Array<{ id: string; name: string; pageName?: string }> | undefined) ?? [];
	const needle = (filter ?? '').toLowerCase();
	return {
		results: entities
			.filter((e) => !needle || e.name.toLowerCase().includes(needle) || e.id === filter)
			.map((e) => ({ name: e.pageName ? `${e.name} (${e.pageName})` : e.name, value: e.id })),
		paginationToken: Number(page.pageCount ?? 0) > pageNumber ? String(pageNumber + 1) : undefined,
	};
}

/** Open Messaging integrations for the pickers of the Open Messaging resource and trigger, a page at a time. */
export async function searchOpenIntegrations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pageNumber = Number(paginationToken ?? 1);
	const page = await genesysRequest.call(this, {
		method: 'GET',
		path: '/api/v2/conversations/messaging/integrations/open',
		qs: { pageSize: MAX_PAGE_SIZE, pageNumber },
		operation: 'list open integrations',
		permission: 'messaging:integration:view',
	});
	const entities = (page.entities as Array<{ id: string; name: string }> | undefined) ?? [];
	const needle = (filter ?? '').toLowerCase();
	return {
		results: entities
			.filter((e) => !needle || e.name.toLowerCase().includes(needle) || e.id === filter)
			.map((e) => ({ name: e.name, value: e.id })),
		paginationToken: Number(page.pageCount ?? 0) > pageNumber ? String(pageNumber + 1) : undefined,
	};
}
