import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { genesysRequest } from '../../transport';
import { showFor } from '../properties';
import { integrationId, integrationIdProperty, target } from './common';

const properties: INodeProperties[] = [integrationIdProperty];

export const description = showFor(
	{ show: { resource: ['integration'], operation: ['delete'] } },
	properties,
);

/** Deletes an integration and outputs its ID with `deleted: true`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { channel, route } = target.call(this, i, 'delete');
	const id = integrationId.call(this, i);
	await genesysRequest.call(this, {
		method: 'DELETE',
		path: route.item(id),
		operation: `delete the ${channel} integration`,
		permission: 'messaging:integration:delete',
		itemIndex: i,
	});
	return { id, deleted: true };
}
