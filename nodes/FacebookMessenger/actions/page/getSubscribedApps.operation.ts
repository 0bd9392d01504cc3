import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { instagramRequest } from '../../../shared/instagramGraph';
import { routeOf } from '../../route';
import { instagramAccount, pageLocator, resolvePageId } from './common';

const properties: INodeProperties[] = [
	pageLocator(false, 'Empty: the Page of the Facebook Page credential'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['getSubscribedApps'] } },
	properties,
);

/**
 * The apps subscribed to the Page's webhooks, one item each; on the Instagram Login route, the
 * Instagram account's subscription (`GET /me/subscribed_apps` on graph.instagram.com).
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	if (routeOf(this, itemIndex) === 'instagramLogin') {
		const accountId = await instagramAccount.call(this);
		const response = await instagramRequest.call(this, {
			method: 'GET',
			path: `/${accountId}/subscribed_apps`,
			kind: 'read',
			itemIndex,
		});
		return ((response.data as IDataObject[] | undefined) ?? []).map((app) => ({
			accountId,
			...(app.id !== undefined ? { id: app.id } : {}),
			...(app.name !== undefined ? { name: app.name } : {}),
			subscribedFields: app.subscribed_fields ?? [],
		}));
	}
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
