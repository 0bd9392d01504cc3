import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	envelope,
	fail,
	messageOptions,
	messagingFields,
	recipientFields,
	refuseOn,
	type PreparedSend,
} from './common';

const STICKERS = ['like_heart'];

const properties: INodeProperties[] = [
	...recipientFields(false),
	...messagingFields,
	{
		displayName: 'Sticker',
		name: 'sticker',
		type: 'options',
		options: [
			{
				name: 'Heart',
				value: 'like_heart',
				description: "Instagram's heart sticker (Instagram Login route)",
			},
		],
		default: 'like_heart',
	},
	messageOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendSticker'] } },
	properties,
);

/**
 * Validates one item into a sticker message: Instagram's heart sticker, an attachment of type
 * like_heart without payload. It is a message like any other (the 24-hour window applies).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api#send-a-sticker
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex);
	const sticker = String(this.getNodeParameter('sticker', itemIndex, 'like_heart'));
	if (!STICKERS.includes(sticker))
		throw fail(this, `Sticker "${sticker}" is not valid: use like_heart (the heart)`, itemIndex);
	refuseOn.call(
		this,
		itemIndex,
		route,
		'facebookPage',
		'The heart sticker',
		'it is an Instagram message. Send a text with ❤️ or an image instead',
	);
	return { key, recipientId, route, body: { ...body, message: { attachment: { type: sticker } } } };
}
