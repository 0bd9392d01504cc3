import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import {
	checkInstagramQuickReplies,
	checkInstagramText,
	checkQuickReplies,
	checkText,
	type QuickReply,
} from '../../limits';
import {
	envelope,
	messageOptions,
	messagingFields,
	recipientFields,
	withMetadata,
	type PreparedSend,
} from './common';

const properties: INodeProperties[] = [
	...recipientFields(true, true),
	...messagingFields,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Up to 2000 characters (Instagram: up to 1000 bytes of UTF-8)',
	},
	{
		displayName: 'Quick Replies',
		name: 'quickReplies',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Quick Reply',
		default: {},
		description:
			'Up to 13 buttons shown above the keyboard; a tap comes back as a message with quick_reply.payload. Instagram shows Text ones only.',
		options: [
			{
				displayName: 'Quick Reply',
				name: 'quickReply',
				values: [
					{
						displayName: 'Content Type',
						name: 'contentType',
						type: 'options',
						options: [
							{ name: 'Text', value: 'text' },
							{ name: 'User Email', value: 'user_email' },
							{ name: 'User Phone Number', value: 'user_phone_number' },
						],
						default: 'text',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Up to 20 characters',
						displayOptions: { show: { contentType: ['text'] } },
					},
					{
						displayName: 'Payload',
						name: 'payload',
						type: 'string',
						default: '',
						description: 'Up to 1000 characters, sent back when tapped',
						displayOptions: { show: { contentType: ['text'] } },
					},
					{
						displayName: 'Image URL',
						name: 'imageUrl',
						type: 'string',
						default: '',
						displayOptions: { show: { contentType: ['text'] } },
					},
				],
			},
		],
	},
	messageOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);

/**
 * Validates one item into a text send with its quick replies, to a person or, as a private reply,
 * to the author of a comment.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/quick-replies
 * @see https://developers.facebook.com/docs/instagram-platform/private-replies
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex);
	const instagram = route === 'instagramLogin';
	const text = String(this.getNodeParameter('text', itemIndex, ''));
	const textProblem = instagram ? checkInstagramText(text) : checkText(text);
	if (textProblem) throw new NodeOperationError(this.getNode(), textProblem, { itemIndex });
	const message: IDataObject = { text };
	const raw =
		(this.getNodeParameter('quickReplies.quickReply', itemIndex, []) as IDataObject[]) ?? [];
	if (raw.length) {
		const replies: QuickReply[] = raw.map((r) => {
			const type = String(r.contentType ?? 'text');
			if (type !== 'text') return { content_type: type };
			return {
				content_type: 'text',
				title: String(r.title ?? ''),
				payload: String(r.payload ?? ''),
				...(r.imageUrl ? { image_url: String(r.imageUrl) } : {}),
			};
		});
		const problem = instagram ? checkInstagramQuickReplies(replies) : checkQuickReplies(replies);
		if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
		message.quick_replies = replies as unknown as IDataObject[];
	}
	return {
		key,
		recipientId,
		route,
		body: { ...body, message: withMetadata.call(this, itemIndex, message, route) },
	};
}
