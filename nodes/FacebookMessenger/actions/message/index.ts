import type { INodeProperties } from 'n8n-workflow';

import * as sendAction from './sendAction.operation';
import * as sendAttachment from './sendAttachment.operation';
import * as sendReaction from './sendReaction.operation';
import * as sendSticker from './sendSticker.operation';
import * as sendTemplate from './sendTemplate.operation';
import * as sendText from './sendText.operation';

export { sendAction, sendAttachment, sendReaction, sendSticker, sendTemplate, sendText };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Action',
				value: 'sendAction',
				description: 'Show typing or mark as seen',
				action: 'Send a sender action',
			},
			{
				name: 'Send Attachment',
				value: 'sendAttachment',
				description: 'Send an image, audio, video or file',
				action: 'Send an attachment',
			},
			{
				name: 'Send Reaction',
				value: 'sendReaction',
				description: 'React to a message the person sent, or remove the reaction',
				action: 'Send a reaction',
			},
			{
				name: 'Send Sticker',
				value: 'sendSticker',
				description: "Send a Messenger sticker by ID, or Instagram's heart",
				action: 'Send a sticker',
			},
			{
				name: 'Send Template',
				value: 'sendTemplate',
				description: 'Send a generic, button, media, receipt or image grid template',
				action: 'Send a template',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				description: 'Send a text with optional quick replies',
				action: 'Send a text message',
			},
		],
		default: 'sendText',
	},
	...sendText.description,
	...sendAttachment.description,
	...sendTemplate.description,
	...sendAction.description,
	...sendReaction.description,
	...sendSticker.description,
];
