import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { envelope, messageOptions, recipientFields, type PreparedSend } from './common';

const ACTIONS = ['mark_seen', 'typing_off', 'typing_on'];

const properties: INodeProperties[] = [
	...recipientFields(false),
	{
		displayName: 'Sender Action',
		name: 'senderAction',
		type: 'options',
		options: [
			{ name: 'Mark Seen', value: 'mark_seen' },
			{ name: 'Typing Off', value: 'typing_off' },
			{
				name: 'Typing On',
				value: 'typing_on',
				description: 'Shown for 20 seconds or until the next message',
			},
		],
		default: 'typing_on',
		description: 'Sent alone: Meta accepts only the recipient with a sender action',
	},
	messageOptions(false),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendAction'] } },
	properties,
);

/**
 * Validates one item into a sender action request (typing on/off, mark seen), on either route.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/sender-actions
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/sender-actions
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex, false);
	const action = String(this.getNodeParameter('senderAction', itemIndex, ''));
	if (!ACTIONS.includes(action)) {
		throw new NodeOperationError(
			this.getNode(),
			`Sender Action "${action}" is not valid: use typing_on, typing_off or mark_seen`,
			{ itemIndex },
		);
	}
	return { key, recipientId, route, body: { ...body, sender_action: action } };
}
