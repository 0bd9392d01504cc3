import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sunshineRequest } from '../../transport';
import { integrationIdField, integrationPath } from '../params';

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['delete'] } },
	[integrationIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const { id, path } = integrationPath(this, itemIndex);
	await sunshineRequest.call(this, 'DELETE', path, itemIndex);
	return [{ json: { integrationId: id, deleted: true }, pairedItem: { item: itemIndex } }];
}
