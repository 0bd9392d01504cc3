import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { pageLocator, resolvePageId } from './common';

const properties: INodeProperties[] = [
	pageLocator(false, 'Empty: the Page of the Facebook Page credential'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['unsubscribeApp'] } },
	properties,
);

/** Removes the app from the Page's webhooks. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const pageId = await resolvePageId.call(this, itemIndex);
	const response = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'DELETE',
		path: `/${pageId}/subscribed_apps`,
		kind: 'write',
		itemIndex,
	});
	return { success: response.success === true, pageId };
}
