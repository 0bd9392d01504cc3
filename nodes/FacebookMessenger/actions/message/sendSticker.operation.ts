import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkStickerId } from '../../limits';
import {
	envelope,
	fail,
	messageOptions,
	messagingFields,
	recipientFields,
	refuseOn,
	type PreparedSend,
} from './common';

const STICKERS = ['like_heart', 'sticker_id'];

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
			{
				name: 'Sticker ID (Messenger Sticker API)',
				value: 'sticker_id',
				description:
					'A Messenger sticker by its ID from the Sticker API (GET /sticker_search?q=…; Facebook Login route)',
			},
		],
		default: 'like_heart',
	},
	{
		displayName: 'Sticker ID',
		name: 'stickerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 767226160478561',
		description:
			'The ID of a sticker from GET /sticker_packs/{pack-ID}/stickers or GET /sticker_search?q=… (Sticker API, June 2026)',
		displayOptions: { show: { sticker: ['sticker_id'] } },
	},
	messageOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendSticker'] } },
	properties,
);

/**
 * Validates one item into a sticker message: Instagram's heart sticker (an attachment of type
 * like_heart without payload, Instagram Login route), or a Messenger sticker by `sticker_id` (the
 * Sticker API of 1 June 2026, Facebook Login route). A sticker is a message like any other (the
 * 24-hour window applies).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api#send-a-sticker
 * @see https://developers.facebook.com/docs/messenger-platform/changelog
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex);
	const sticker = String(this.getNodeParameter('sticker', itemIndex, 'like_heart'));
	if (!STICKERS.includes(sticker))
		throw fail(
			this,
			`Sticker "${sticker}" is not valid: use like_heart (the heart) or sticker_id`,
			itemIndex,
		);
	if (sticker === 'sticker_id') {
		refuseOn.call(
			this,
			itemIndex,
			route,
			'instagramLogin',
			'A Messenger sticker by ID',
			'Instagram takes the heart sticker (like_heart). Choose Heart',
		);
		const id = String(this.getNodeParameter('stickerId', itemIndex, '')).trim();
		const problem = checkStickerId(id);
		if (problem) throw fail(this, problem, itemIndex);
		// Meta's example sends the ID as a number; IDs beyond 2^53 stay strings so no digit is lost.
		const value = Number.isSafeInteger(Number(id)) ? Number(id) : id;
		return { key, recipientId, route, body: { ...body, message: { sticker_id: value } } };
	}
	refuseOn.call(
		this,
		itemIndex,
		route,
		'facebookPage',
		'The heart sticker',
		'it is an Instagram message. Choose Sticker ID to send a Messenger sticker',
	);
	return { key, recipientId, route, body: { ...body, message: { attachment: { type: sticker } } } };
}
