import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAllOrLimit } from '../../../shared/descriptions';

import { graphPaginate } from '../../../shared/graph';

const properties: INodeProperties[] = [...returnAllOrLimit(true)];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['getPageTokens'] } },
	properties,
);

/**
 * The one operation that outputs Page tokens (from a long-lived user token they never
 * expire). Treat its output as a secret: put the token into a Facebook Page credential.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const pages = await graphPaginate.call(
		this,
		{
			credential: 'facebookAppApi',
			method: 'GET',
			path: '/me/accounts',
			qs: { fields: 'id,name,category,tasks,access_token' },
			kind: 'read',
			itemIndex,
		},
		limit,
	);
	return pages.map((page) => ({
		id: page.id,
		name: page.name,
		category: page.category,
		tasks: page.tasks ?? [],
		pageAccessToken: page.access_token,
	}));
}
