import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { genesysRequest, MAX_PAGE_SIZE } from '../../GenesysCloud/transport';

/** The organization's Open Messaging integrations for the Integration picker, a page at a time. */
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
		operation: 'list Open Messaging integrations',
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
