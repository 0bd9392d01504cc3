import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sunshineRequest } from '../../transport';
import { integrationIdField, integrationPath } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['delete'] } },
	[integrationIdField],
);

/** Deletes an integration; outputs its ID with `deleted: true`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { id, path } = integrationPath(this, itemIndex);
	await sunshineRequest.call(this, 'DELETE', path, itemIndex);
	return { integrationId: id, deleted: true };
}
