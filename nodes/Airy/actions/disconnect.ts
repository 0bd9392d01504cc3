import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { airyRequest } from '../transport';
import { checkChannelId } from '../validation';
import { ensure, text } from './params';

export const channelIdField: INodeProperties = {
	displayName: 'Channel ID',
	name: 'channelId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'c0a8f6c2-6f4e-5b1a-9c7e-2f1d3b4a5e6f',
	description: 'The Airy channel ID (the ID that Connect returned)',
};

/** Airy answers 204 both for a disconnect and for a channel that was already disconnected. */
export async function disconnect(
	this: IExecuteFunctions,
	source: 'facebook' | 'instagram',
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const channelId = text(this, 'channelId', itemIndex);
	ensure(this, itemIndex, checkChannelId(channelId));
	await airyRequest.call(
		this,
		`channels.${source}.disconnect`,
		{ channel_id: channelId },
		itemIndex,
	);
	return [{ json: { channelId, source, disconnected: true }, pairedItem: { item: itemIndex } }];
}
