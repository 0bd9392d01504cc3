import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { pageLocator, resolvePageId } from './common';

const properties: INodeProperties[] = [
	pageLocator(false, 'Empty: the Page of the Facebook Page credential'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['getSubscribedApps'] } },
	properties,
);

/** The apps subscribed to the Page's webhooks, one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const pageId = await resolvePageId.call(this, itemIndex);
	const response = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'GET',
		path: `/${pageId}/subscribed_apps`,
		kind: 'read',
		itemIndex,
	});
	const apps = (response.data as IDataObject[] | undefined) ?? [];
	return apps.map((app) => ({
		pageId,
		id: app.id,
		name: app.name,
		...(app.link !== undefined ? { link: app.link } : {}),
		subscribedFields: app.subscribed_fields ?? [],
	}));
}
