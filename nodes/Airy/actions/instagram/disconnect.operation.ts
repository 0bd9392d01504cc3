import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { channelIdField, disconnect } from '../disconnect';

export const description = updateDisplayOptions(
	{ show: { resource: ['instagram'], operation: ['disconnect'] } },
	[channelIdField],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	return await disconnect.call(this, 'instagram', itemIndex);
}
