import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkInstagramText, checkText } from '../../limits';
import {
	envelope,
	messageOptions,
	messagingFields,
	quickRepliesField,
	quickRepliesOf,
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
	quickRepliesField,
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
	const replies = quickRepliesOf.call(this, itemIndex, route);
	if (replies) message.quick_replies = replies;
	return {
		key,
		recipientId,
		route,
		body: { ...body, message: withMetadata.call(this, itemIndex, message, route) },
	};
}
