import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { airyRequest } from '../../transport';
import { channelIdField, readChannelId } from '../properties';

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['disconnect'] } },
	[channelIdField],
);

/** Disconnects a Facebook page channel (Airy answers 204 for an already disconnected one too). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const channelId = readChannelId(this, itemIndex);
	const body = { channel_id: channelId };
	await airyRequest.call(this, 'channels.facebook.disconnect', body, itemIndex);
	return { channelId, source: 'facebook', disconnected: true };
}
