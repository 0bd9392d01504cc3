import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { genesysRequest } from '../../transport';
import { collection, ensure, text } from '../../../shared/params';
import { showFor } from '../properties';
import {
	BUTTON_TYPES,
	buildButtonResponseBody,
	buildMessageBody,
	buttonResponseProblem,
	inboundPath,
	MAX_ATTACHMENTS,
	MAX_TEXT_LENGTH,
	messageProblem,
	structuredResponsePath,
	type AttachmentInput,
} from './bodies';
import {
	customerOf,
	customerProperties,
	openIntegrationId,
	openIntegrationProperty,
	operationPurpose,
	timeOption,
} from './common';
import { sendOnce, sentKey } from './sent';

const properties: INodeProperties[] = [
	openIntegrationProperty,
	...customerProperties,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.mid }}',
		description:
			'The message’s ID on your messaging platform (channel.messageId). The node sends each ID once per integration: a retried workflow does not show the customer’s message twice.',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		default: 'text',
		options: [
			{
				name: 'Button Response',
				value: 'buttonResponse',
				description: 'The customer chose a quick reply or a button of an agent’s message',
			},
			{ name: 'Text and Attachments', value: 'text' },
		],
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		typeOptions: { rows: 3 },
		displayOptions: { show: { messageType: ['text'] } },
		description: `What the customer wrote (at most ${MAX_TEXT_LENGTH} characters)`,
	},
	{
		displayName: 'Attachments',
		name: 'attachments',
		type: 'fixedCollection',
		placeholder: 'Add Attachment',
		default: {},
		typeOptions: { multipleValues: true },
		displayOptions: { show: { messageType: ['text'] } },
		description: `Files by URL, which Genesys downloads (at most ${MAX_ATTACHMENTS})`,
		options: [
			{
				displayName: 'Attachment',
				name: 'attachment',
				values: [
					{
						displayName: 'Caption',
						name: 'text',
						type: 'string',
						default: '',
					},
					{
						displayName: 'File Name',
						name: 'filename',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'options',
						default: '',
						description: 'Empty: from the MIME type',
						options: [
							{
								name: 'Audio',
								value: 'Audio',
							},
							{
								name: 'File',
								value: 'File',
							},
							{
								name: 'From MIME Type',
								value: '',
							},
							{
								name: 'Image',
								value: 'Image',
							},
							{
								name: 'Link',
								value: 'Link',
							},
							{
								name: 'Video',
								value: 'Video',
							},
						],
					},
					{
						displayName: 'MIME Type',
						name: 'mime',
						type: 'string',
						default: '',
						placeholder: 'e.g. image/png',
						description:
							'Empty: from the file name or URL extension, else the media type’s generic one',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						required: true,
					},
				],
			},
		],
	},
	{
		displayName: 'Attachments (JSON)',
		name: 'attachmentsJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { messageType: ['text'] } },
		description:
			'More attachments as a JSON list, e.g. {{ $JSON.attachments }} from the Messenger Trigger (its type and payload URL are understood), or items with URL, media type, MIME type and file name',
	},
	{
		displayName: 'Button Type',
		name: 'buttonType',
		type: 'options',
		default: 'QuickReply',
		displayOptions: { show: { messageType: ['buttonResponse'] } },
		options: [
			{ name: 'Button', value: 'Button' },
			{ name: 'Quick Reply', value: 'QuickReply' },
		],
	},
	{
		displayName: 'Response Text',
		name: 'responseText',
		type: 'string',
		default: '',
		displayOptions: { show: { messageType: ['buttonResponse'] } },
		description: 'The label of the chosen quick reply or button',
	},
	{
		displayName: 'Response Payload',
		name: 'responsePayload',
		type: 'string',
		default: '',
		displayOptions: { show: { messageType: ['buttonResponse'] } },
		description: 'The payload of the chosen quick reply or button',
	},
	{
		displayName: 'Originating Message ID',
		name: 'originatingMessageId',
		type: 'string',
		default: '',
		displayOptions: { show: { messageType: ['buttonResponse'] } },
		description:
			'The ID of the agent’s message whose quick reply or button was chosen (the Open Messaging Trigger outputs it as messageId)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Metadata',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'String keys and values Genesys keeps with the message (text messages)',
			},
			{
				displayName: 'Send Repeated Message IDs',
				name: 'sendRepeats',
				type: 'boolean',
				default: false,
				description:
					'Whether to send a message whose ID this node already delivered to the integration (off: the repeat is not sent, the first answer is output with repeated: true)',
			},
			timeOption,
		],
	},
];

export const description = showFor(
	{ show: { resource: ['openMessaging'], operation: ['sendInboundMessage'] } },
	properties,
);

function jsonParameter(context: IExecuteFunctions, name: string, i: number, fallback: unknown) {
	const value = context.getNodeParameter(name, i, fallback) as unknown;
	if (typeof value !== 'string') return value;
	if (!value.trim()) return fallback;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		ensure(
			context,
			i,
			`${name === 'metadata' ? 'Metadata' : 'Attachments (JSON)'} is not valid JSON`,
		);
		return fallback;
	}
}

/** A Messenger attachment ({type, payload: {url}}) or one in the node's own shape. */
function attachmentFrom(value: unknown): AttachmentInput {
	const item = (value && typeof value === 'object' ? value : {}) as IDataObject;
	const payload = (
		item.payload && typeof item.payload === 'object' ? item.payload : {}
	) as IDataObject;
	return {
		url: String(item.url ?? payload.url ?? ''),
		mediaType: String(item.mediaType ?? item.type ?? ''),
		mime: String(item.mime ?? ''),
		filename: String(item.filename ?? item.name ?? ''),
		text: String(item.text ?? item.caption ?? ''),
	};
}

function attachmentsOf(context: IExecuteFunctions, i: number): AttachmentInput[] {
	const listed =
		(collection(context, 'attachments', i).attachment as IDataObject[] | undefined) ?? [];
	const json = jsonParameter(context, 'attachmentsJson', i, []);
	ensure(
		context,
		i,
		Array.isArray(json) || json === null ? undefined : 'Attachments (JSON) must be a list',
	);
	return [...listed, ...((json as unknown[] | null) ?? [])].map(attachmentFrom);
}

/**
 * Posts the customer's message (text and attachments, or a quick-reply/button response) to the
 * Open integration, once per message ID, and outputs Genesys' normalized message.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundMessages
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integrationId = openIntegrationId.call(this, i);
	const customer = customerOf.call(this, i);
	const messageId = text(this, 'messageId', i);
	const options = collection(this, 'options', i);
	const time = String(options.time ?? '').trim() || undefined;
	const messageType = text(this, 'messageType', i) || 'text';

	let path: string;
	let body: IDataObject;
	if (messageType === 'buttonResponse') {
		const input = {
			customer,
			messageId,
			time,
			buttonType: text(this, 'buttonType', i) || BUTTON_TYPES[1],
			text: text(this, 'responseText', i),
			payload: text(this, 'responsePayload', i),
			originatingMessageId: text(this, 'originatingMessageId', i),
		};
		ensure(this, i, buttonResponseProblem(input));
		path = structuredResponsePath(integrationId);
		body = buildButtonResponseBody(input);
	} else {
		const metadata = options.metadata === undefined ? {} : jsonParameter(this, 'metadata', i, {});
		ensure(
			this,
			i,
			metadata && typeof metadata === 'object' && !Array.isArray(metadata)
				? undefined
				: 'Metadata must be an object of string values',
		);
		const input = {
			customer,
			messageId,
			time,
			text: String(this.getNodeParameter('text', i, '') ?? ''),
			attachments: attachmentsOf(this, i),
			metadata: Object.fromEntries(
				Object.entries(metadata as IDataObject).map(([k, v]) => [k, String(v)]),
			),
		};
		ensure(this, i, messageProblem(input));
		path = inboundPath(integrationId, 'message');
		body = buildMessageBody(input);
	}
	const send = async () =>
		await genesysRequest.call(this, {
			method: 'POST',
			path,
			body,
			...operationPurpose('the customer’s message'),
			itemIndex: i,
		});
	if (options.sendRepeats === true) return await send();
	return await sendOnce(sentKey(integrationId, messageId), send);
}
