import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { airyRequest } from '../../transport';
import { channelIdField, readChannelId } from '../properties';

export const description = updateDisplayOptions(
	{ show: { resource: ['instagram'], operation: ['disconnect'] } },
	[channelIdField],
);

/** Disconnects an Instagram channel (Airy answers 204 for an already disconnected one too). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const channelId = readChannelId(this, itemIndex);
	const body = { channel_id: channelId };
	await airyRequest.call(this, 'channels.instagram.disconnect', body, itemIndex);
	return { channelId, source: 'instagram', disconnected: true };
}
