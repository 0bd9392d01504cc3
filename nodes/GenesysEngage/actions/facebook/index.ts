import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { waitForResultFields } from '../properties';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as reply from './reply.operation';
import * as send from './send.operation';

export { cancel, create, reply, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['facebook'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel an outbound interaction not yet sent',
				action: 'Cancel a facebook interaction',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an empty outbound interaction',
				action: 'Create a facebook interaction',
			},
			{
				name: 'Reply',
				value: 'reply',
				description: 'Create a reply to a Facebook interaction',
				action: 'Reply to a facebook interaction',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a Facebook message',
				action: 'Send a facebook message',
			},
		],
		default: 'send',
	},
	...send.description,
	...create.description,
	...reply.description,
	...cancel.description,
	...updateDisplayOptions({ show: { resource: ['facebook'] } }, waitForResultFields),
];
