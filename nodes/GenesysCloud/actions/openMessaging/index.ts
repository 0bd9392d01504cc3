import type { INodeProperties } from 'n8n-workflow';

import * as sendInboundEvent from './sendInboundEvent.operation';
import * as sendInboundMessage from './sendInboundMessage.operation';
import * as sendInboundReceipt from './sendInboundReceipt.operation';

export { sendInboundEvent, sendInboundMessage, sendInboundReceipt };

/**
 * Open Messaging: the customer's side of a conversation, posted to an Open integration by the
 * bridge (the agent's side comes back through the Genesys Cloud Open Messaging Trigger).
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['openMessaging'] } },
		default: 'sendInboundMessage',
		options: [
			{
				name: 'Send Inbound Event',
				value: 'sendInboundEvent',
				action: 'Send an inbound event',
				description: 'Tell the agent the customer is typing',
			},
			{
				name: 'Send Inbound Message',
				value: 'sendInboundMessage',
				action: 'Send an inbound message',
				description:
					'Post the customer’s message (text, attachments, quick-reply or button response) to the agent',
			},
			{
				name: 'Send Inbound Receipt',
				value: 'sendInboundReceipt',
				action: 'Send an inbound receipt',
				description: 'Report an agent’s message as delivered, read or failed',
			},
		],
	},
	...sendInboundMessage.description,
	...sendInboundEvent.description,
	...sendInboundReceipt.description,
];
