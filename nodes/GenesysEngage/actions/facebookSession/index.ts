import type { INodeProperties } from 'n8n-workflow';
import * as accept from './accept.operation';
import * as addComment from './addComment.operation';
import * as complete from './complete.operation';
import * as reject from './reject.operation';
import * as sendMessage from './sendMessage.operation';
import * as sendUrl from './sendUrl.operation';
import * as transfer from './transfer.operation';

export { accept, addComment, complete, reject, sendMessage, sendUrl, transfer };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['facebookSession'] } },
		options: [
			{
				name: 'Accept',
				value: 'accept',
				description: 'Accept an invitation to a session',
				action: 'Accept a facebook session',
			},
			{
				name: 'Add Comment',
				value: 'addComment',
				description: 'Set a comment on a session',
				action: 'Add a comment to a facebook session',
			},
			{
				name: 'Complete',
				value: 'complete',
				description: 'Complete a session, optionally placing it in a queue',
				action: 'Complete a facebook session',
			},
			{
				name: 'Reject',
				value: 'reject',
				description: 'Reject an invitation to a session',
				action: 'Reject a facebook session',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				description: 'Send a text message in a session',
				action: 'Send a message in a facebook session',
			},
			{
				name: 'Send URL',
				value: 'sendUrl',
				description: 'Send a link in a session',
				action: 'Send a URL in a facebook session',
			},
			{
				name: 'Transfer',
				value: 'transfer',
				description: 'Transfer a session to an agent or a queue',
				action: 'Transfer a facebook session',
			},
		],
		default: 'sendMessage',
	},
	...accept.description,
	...reject.description,
	...sendMessage.description,
	...sendUrl.description,
	...addComment.description,
	...transfer.description,
	...complete.description,
];
