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
	{ show: { resource: ['page'], operation: ['unsubscribeApp'] } },
	properties,
);

/**
 * Removes the app from the Page's webhooks; on the Instagram Login route, from the Instagram
 * account's (`DELETE /me/subscribed_apps` on graph.instagram.com).
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (routeOf(this, itemIndex) === 'instagramLogin') {
		const accountId = await instagramAccount.call(this);
		const response = await instagramRequest.call(this, {
			method: 'DELETE',
			path: `/${accountId}/subscribed_apps`,
			kind: 'write',
			itemIndex,
		});
		return { success: response.success === true, accountId };
	}
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
