import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sunshineRequest } from '../../transport';
import { integrationIdField, integrationPath } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['get'] } },
	[integrationIdField],
);

/** The integration with the given ID, as Sunshine returns it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = integrationPath(this, itemIndex);
	const response = await sunshineRequest.call(this, 'GET', path, itemIndex);
	return (response.integration ?? response) as IDataObject;
}
