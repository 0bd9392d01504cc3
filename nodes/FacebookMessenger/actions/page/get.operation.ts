import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { locatorValue, pageLocator } from './common';

const properties: INodeProperties[] = [pageLocator(true)];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['get'] } },
	properties,
);

/** One Page's public fields (never its token) and its picture URL. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pageId = locatorValue(
		this.getNodeParameter('pageId', itemIndex, '', { extractValue: true }),
	);
	if (!/^\d+$/.test(pageId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Page "${pageId}" is not a Page ID: choose a Page from the list or enter its numeric ID`,
			{ itemIndex },
		);
	}
	const page = await graphRequest.call(this, {
		credential: 'facebookAppApi',
		method: 'GET',
		path: `/${pageId}`,
		qs: { fields: 'id,name,category,link,username,fan_count,picture{url}' },
		kind: 'read',
		itemIndex,
	});
	const { picture, ...rest } = page as IDataObject & { picture?: { data?: { url?: string } } };
	delete rest.access_token;
	return { ...rest, pictureUrl: picture?.data?.url ?? null };
}
