import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { airyRequest } from '../../transport';
import { redactChannel } from '../../validation';
import { connectBody, displayFields, pageFields } from '../connectFields';

const properties: INodeProperties[] = [...pageFields, ...displayFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['connect'] } },
	properties,
);

/** Connects a Facebook page as an Airy Core channel; outputs the channel without its token. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const body = await connectBody(this, itemIndex);
	const channel = await airyRequest.call(this, 'channels.facebook.connect', body, itemIndex);
	return [{ json: redactChannel(channel), pairedItem: { item: itemIndex } }];
}
