import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sunshineRequest } from '../../transport';
import { integrationIdField, integrationPath } from '../params';

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['get'] } },
	[integrationIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { path } = integrationPath(this, itemIndex);
	const response = await sunshineRequest.call(this, 'GET', path, itemIndex);
	return [
		{ json: (response.integration ?? response) as IDataObject, pairedItem: { item: itemIndex } },
	];
}
