import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { facebookSecret, facebookSecretsSource } from '../../shared/facebookSecrets';
import { ensure, text } from '../../shared/params';
import type { ConnectInput } from '../bodies';
import { airyRequest } from '../transport';
import { checkChannelId, checkImageUrl, checkNumericId, checkToken } from '../validation';

/**
 * The fields both resources (Facebook page, Instagram account) share, and their readers: the
 * page fields and display fields of Connect, the Channel ID of Disconnect; and Disconnect itself,
 * the same on both.
 */

/** The page fields Facebook and Instagram connect share. */
export const pageFields: INodeProperties[] = [
	...facebookSecretsSource({
		credential: 'Page Token from the Facebook Page credential',
		parameters:
			'Enter the Page Token below, ideally as an expression mapped from the previous node',
	}),
	{
		displayName: 'Page ID',
		name: 'pageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '104000000000001',
		description:
			'The numeric ID of the Facebook page (for Instagram: the page linked to the Instagram account)',
	},
	{
		displayName: 'Page Token',
		name: 'pageToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'An access token for the page, e.g. an expression mapping pageAccessToken from Facebook Messenger → Token → Get Page Tokens. Airy Core exchanges it for a long-lived token with the Facebook app configured in Airy.',
		displayOptions: { show: { facebookSecretsFrom: ['parameters'] } },
	},
];

/** The optional name and picture Airy Core shows for a channel. */
export const displayFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Optional name Airy Core shows for the channel',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/avatar.png',
		description: 'Optional picture Airy Core shows for the channel',
	},
];

/** Reads and checks the connect fields both resources share (before any request). */
export async function readConnectInput(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<ConnectInput> {
	const pageId = text(context, 'pageId', itemIndex);
	const pageToken = await facebookSecret(context, itemIndex, {
		parameter: 'pageToken',
		credential: 'facebookPageApi',
		field: 'pageAccessToken',
		label: 'Page Access Token',
	});
	const name = text(context, 'name', itemIndex);
	const imageUrl = text(context, 'imageUrl', itemIndex);
	ensure(
		context,
		itemIndex,
		checkNumericId(pageId, 'Page ID'),
		checkToken(pageToken, 'Page Token'),
		checkImageUrl(imageUrl),
	);
	return { pageId, pageToken, name, imageUrl };
}

/** The Channel ID of Disconnect (both resources). */
export const channelIdField: INodeProperties = {
	displayName: 'Channel ID',
	name: 'channelId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'c0a8f6c2-6f4e-5b1a-9c7e-2f1d3b4a5e6f',
	description: 'The Airy channel ID (the ID that Connect returned)',
};

/** The checked Channel ID of a Disconnect. */
export function readChannelId(context: IExecuteFunctions, itemIndex: number): string {
	const channelId = text(context, 'channelId', itemIndex);
	ensure(context, itemIndex, checkChannelId(channelId));
	return channelId;
}

/**
 * Disconnect on either resource: the checked Channel ID to `channels.<source>.disconnect` (Airy
 * answers 204 for an already disconnected channel too).
 */
export function disconnectOperation(source: 'facebook' | 'instagram') {
	return {
		description: updateDisplayOptions({ show: { resource: [source], operation: ['disconnect'] } }, [
			channelIdField,
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const channelId = readChannelId(this, itemIndex);
			const body = { channel_id: channelId };
			await airyRequest.call(this, `channels.${source}.disconnect`, body, itemIndex);
			return { channelId, source, disconnected: true };
		},
	};
}
