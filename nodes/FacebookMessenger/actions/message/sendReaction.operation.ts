import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkReaction } from '../../limits';
import { envelope, fail, messageOptions, recipientFields, type PreparedSend } from './common';

const properties: INodeProperties[] = [
	...recipientFields(false),
	{
		displayName: 'Reaction Action',
		name: 'reactionAction',
		type: 'options',
		options: [
			{ name: 'React', value: 'react', description: 'Add your reaction to the message' },
			{ name: 'Unreact', value: 'unreact', description: 'Remove your reaction from the message' },
		],
		default: 'react',
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.mid }}',
		description: 'The mid of the message to react to (mid in the Messenger Trigger output)',
	},
	{
		displayName: 'Reaction',
		name: 'reaction',
		type: 'options',
		options: [{ name: 'Love (❤️)', value: 'love' }],
		default: 'love',
		description: 'The reaction Meta takes from the Send API',
		displayOptions: { show: { reactionAction: ['react'] } },
	},
	messageOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendReaction'] } },
	properties,
);

/**
 * Validates one item into a reaction to a message the person sent (or the removal of it): a
 * sender action with the message ID, sent alone like the other sender actions. Reactions do not
 * count as replies and send no echo.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api#react-to-a-message
 * @see https://developers.facebook.com/docs/messenger-platform/reference/send-api
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex, false);
	const action = String(this.getNodeParameter('reactionAction', itemIndex, 'react'));
	const messageId = String(this.getNodeParameter('messageId', itemIndex, '')).trim();
	const reaction =
		action === 'react' ? String(this.getNodeParameter('reaction', itemIndex, 'love')).trim() : '';
	const problem = checkReaction(action, messageId, reaction);
	if (problem) throw fail(this, problem, itemIndex);
	const payload: IDataObject = { message_id: messageId, ...(reaction ? { reaction } : {}) };
	return { key, recipientId, route, body: { ...body, sender_action: action, payload } };
}
