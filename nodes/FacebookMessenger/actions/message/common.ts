// What the message operations share: the recipient, messaging and option fields, the envelope of
// a send and the send itself (`deliver`).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkMetadata, checkRecipient, checkTag } from '../../limits';
import { credentialPageId, graphRequest } from '../../../shared/graph';

/** A validated Send API request, ready to go; `key` orders sends to the same person. */
export interface PreparedSend {
	key: string;
	body: IDataObject | Buffer;
	bodyType?: 'json' | { multipart: string };
	recipientId: string;
}

/** The Recipient fields of the message operations (User Ref only where Meta accepts it). */
export const recipientFields = (allowUserRef: boolean): INodeProperties[] => [
	...(allowUserRef
		? [
				{
					displayName: 'Recipient Type',
					name: 'recipientType',
					type: 'options',
					options: [
						{
							name: 'PSID',
							value: 'id',
							description: 'Page-scoped ID, the sender ID of an incoming event',
						},
						{
							name: 'User Ref',
							value: 'user_ref',
							description: 'From the checkbox or chat plugin (opt-in)',
						},
					],
					default: 'id',
				} as INodeProperties,
			]
		: []),
	{
		displayName: 'Recipient ID',
		name: 'recipientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.senderId }}',
		description:
			'The PSID of the person (sender.ID in the Messenger Trigger output), or the user_ref',
	},
];

/**
 * Messaging Type and Tag of a send.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages#messaging_types
 */
export const messagingFields: INodeProperties[] = [
	{
		displayName: 'Messaging Type',
		name: 'messagingType',
		type: 'options',
		options: [
			{
				name: 'Message Tag',
				value: 'MESSAGE_TAG',
				description: 'Outside the 24-hour window, with a tag',
			},
			{
				name: 'Response',
				value: 'RESPONSE',
				description: 'Reply to a message the person sent in the last 24 hours',
			},
			{
				name: 'Update',
				value: 'UPDATE',
				description: 'Proactive message within the 24-hour window',
			},
		],
		default: 'RESPONSE',
	},
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'options',
		displayOptions: { show: { messagingType: ['MESSAGE_TAG'] } },
		options: [
			{
				name: 'Customer Feedback',
				value: 'CUSTOMER_FEEDBACK',
				description: 'A feedback survey within 7 days of the last message',
			},
			{
				name: 'Human Agent',
				value: 'HUMAN_AGENT',
				description: 'A person replies within 7 days (needs Human Agent access)',
			},
		],
		default: 'HUMAN_AGENT',
		description:
			'Meta retired CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE and POST_PURCHASE_UPDATE on 27 April 2026',
	},
];

/** The Options of the message operations: Concurrency and retries, metadata and notification where they apply. */
export const messageOptions = (withMetadata: boolean): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 20,
			description:
				'How many recipients are sent to at the same time across input items. Messages to the same recipient always go one after another, in item order.',
		},
		...(withMetadata
			? [
					{
						displayName: 'Metadata',
						name: 'metadata',
						type: 'string',
						default: '',
						description:
							'Up to 1000 characters, returned in the message_echoes webhook (e.g. to recognise your own sends)',
					} as INodeProperties,
				]
			: []),
		...(withMetadata
			? [
					{
						displayName: 'Notification Type',
						name: 'notificationType',
						type: 'options',
						options: [
							{ name: 'No Push', value: 'NO_PUSH' },
							{ name: 'Regular', value: 'REGULAR' },
							{ name: 'Silent Push', value: 'SILENT_PUSH' },
						],
						default: 'REGULAR',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Rate Limit Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'How often a send refused by Meta for throttling is repeated, with exponential backoff. A send Meta may have accepted is never repeated.',
		},
	],
});

const fail = (ctx: IExecuteFunctions, message: string, itemIndex: number) =>
	new NodeOperationError(ctx.getNode(), message, { itemIndex });

/** recipient, messaging_type, tag and notification_type of one item, validated. */
export function envelope(
	this: IExecuteFunctions,
	itemIndex: number,
	withMessaging = true,
): { body: IDataObject; recipientId: string } {
	const recipientType = String(this.getNodeParameter('recipientType', itemIndex, 'id'));
	const recipientId = String(this.getNodeParameter('recipientId', itemIndex, '')).trim();
	const recipientProblem = checkRecipient(recipientId, recipientType);
	if (recipientProblem) throw fail(this, recipientProblem, itemIndex);
	const body: IDataObject = {
		recipient: recipientType === 'user_ref' ? { user_ref: recipientId } : { id: recipientId },
	};
	if (!withMessaging) return { body, recipientId };
	const messagingType = String(this.getNodeParameter('messagingType', itemIndex, 'RESPONSE'));
	if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(messagingType)) {
		throw fail(
			this,
			`Messaging Type "${messagingType}" is not valid: use RESPONSE, UPDATE or MESSAGE_TAG`,
			itemIndex,
		);
	}
	body.messaging_type = messagingType;
	if (messagingType === 'MESSAGE_TAG') {
		const tag = String(this.getNodeParameter('tag', itemIndex, '')).trim();
		const tagProblem = checkTag(messagingType, tag);
		if (tagProblem) throw fail(this, tagProblem, itemIndex);
		body.tag = tag;
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.notificationType && options.notificationType !== 'REGULAR')
		body.notification_type = options.notificationType;
	return { body, recipientId };
}

/** Adds metadata (validated) to a message object. */
export function withMetadata(
	this: IExecuteFunctions,
	itemIndex: number,
	message: IDataObject,
): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const metadata = String(options.metadata ?? '');
	if (!metadata) return message;
	const problem = checkMetadata(metadata);
	if (problem) throw fail(this, problem, itemIndex);
	return { ...message, metadata };
}

/**
 * Sends one prepared request: POST /{page-id}/messages, retried only when Meta's answer proves it
 * was not sent (throttling, 1200).
 * @see https://developers.facebook.com/docs/messenger-platform/reference/send-api
 */
export async function deliver(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedSend,
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const pageId = await credentialPageId.call(this);
	const response = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'POST',
		path: `/${pageId}/messages`,
		body: prepared.body,
		bodyType: prepared.bodyType,
		kind: 'write',
		itemIndex,
		retries: options.retries === undefined ? 4 : Number(options.retries),
	});
	return {
		recipientId: response.recipient_id ?? prepared.recipientId,
		...(response.message_id !== undefined ? { messageId: response.message_id } : {}),
		...(response.attachment_id !== undefined ? { attachmentId: response.attachment_id } : {}),
	};
}
