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
	type Customer,
} from './bodies';
import {
	customerDetailsOf,
	customerOf,
	customerProperties,
	openIntegrationId,
	openIntegrationProperty,
	operationPurpose,
	timeOption,
} from './common';
import { sendOnce, sentKey } from './sent';
import { eventProblem, isTriggerEvent, messageOfEvent, profileIdentity } from './messengerEvent';

const FROM_FIELDS = { show: { messageFrom: ['fields'] } };
const FROM_TRIGGER = { show: { messageFrom: ['messengerTrigger'] } };

/** Fields that say what the message is: entered only with Message From = Fields Below. */
const fromFields = (properties: INodeProperties[]): INodeProperties[] =>
	properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...FROM_FIELDS.show },
		},
	}));

const properties: INodeProperties[] = [
	openIntegrationProperty,
	{
		displayName: 'Message From',
		name: 'messageFrom',
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{
				name: 'Fields Below',
				value: 'fields',
				description:
					'Customer ID, Message ID, text, attachments or button response as you map them',
			},
			{
				name: 'Messenger Trigger Event',
				value: 'messengerTrigger',
				description:
					'The message or postback a Messenger Trigger (Facebook or Instagram) emitted, read as it is: no mapping needed',
			},
		],
	},
	{
		displayName:
			'Sends the Messenger Trigger event’s sender as Customer ID, its mid as Message ID, its timestamp as Time, its text and attachments (those with a URL); a postback as its title; a choice whose payload is &lt;agent message ID&gt;|&lt;payload&gt; (as the Genesys → Messenger examples offer them) as a Button Response. Nodes in between (e.g. a profile lookup) are fine: the event is found through the item pairing, and first_name, last_name, name, username and profile_pic on the input item fill the Customer Details not entered below.',
		name: 'messengerTriggerNotice',
		type: 'notice',
		default: '',
		displayOptions: FROM_TRIGGER,
	},
	...customerProperties.flatMap((property) =>
		property.name === 'customer' ? [property] : fromFields([property]),
	),
	...fromFields([
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
	]),
	{
		displayName: 'Button Type',
		name: 'buttonType',
		type: 'options',
		default: 'QuickReply',
		displayOptions: FROM_TRIGGER,
		description:
			'How Genesys records a choice whose payload is &lt;agent message ID&gt;|&lt;payload&gt;: Quick Reply when the agent offered quick replies (as the Genesys → Messenger examples turn them into choices), Button for a card’s buttons',
		options: [
			{ name: 'Button', value: 'Button' },
			{ name: 'Quick Reply', value: 'QuickReply' },
		],
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
 * The Messenger Trigger event this item stems from: the item itself, or (after a profile lookup
 * or any node that keeps the pairing) the nearest upstream Messenger Trigger's paired item, which
 * n8n resolves in the node's own process, with no expression.
 * @see https://docs.n8n.io/data/data-mapping/data-item-linking/
 */
function triggerEventOf(context: IExecuteFunctions, i: number): IDataObject | undefined {
	const input = context.getInputData()[i]?.json;
	if (isTriggerEvent(input)) return input;
	const trigger = context
		.getParentNodes(context.getNode().name)
		.find((node) => node.type.endsWith('.messengerTrigger') && !node.disabled);
	if (!trigger) return undefined;
	try {
		const paired = context.getWorkflowDataProxy(i).$(trigger.name).item as
			| { json?: IDataObject }
			| undefined;
		return paired?.json;
	} catch {
		return undefined; // no pairing back to the trigger: eventProblem says what to do
	}
}

/** The customer and message of Message From = Messenger Trigger Event. */
function fromTriggerEvent(context: IExecuteFunctions, i: number) {
	const event = triggerEventOf(context, i);
	ensure(context, i, eventProblem(event));
	const message = messageOfEvent(event as IDataObject);
	ensure(
		context,
		i,
		message.kind === 'text' && !message.text.trim() && !message.attachments.length
			? 'The Messenger Trigger message has neither text nor an attachment with a URL (e.g. only a template or a location): Genesys takes no empty message'
			: undefined,
	);
	const entered = customerDetailsOf.call(context, i);
	const profile = profileIdentity(context.getInputData()[i]?.json);
	const customer: Customer = {
		id: message.customerId,
		idType: 'Opaque',
		firstName: entered.firstName ?? profile.firstName,
		lastName: entered.lastName ?? profile.lastName,
		nickname: entered.nickname ?? profile.nickname,
		image: entered.image ?? profile.image,
		email: entered.email,
	};
	return { customer, message };
}

/**
 * Posts the customer's message (text and attachments, or a quick-reply/button response) to the
 * Open integration, once per message ID, and outputs Genesys' normalized message.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundMessages
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integrationId = openIntegrationId.call(this, i);
	const options = collection(this, 'options', i);
	const fromEvent =
		this.getNodeParameter('messageFrom', i, 'fields') === 'messengerTrigger'
			? fromTriggerEvent(this, i)
			: undefined;
	const event = fromEvent?.message;
	const customer = fromEvent?.customer ?? customerOf.call(this, i);
	const messageId = event?.messageId ?? text(this, 'messageId', i);
	const time = String(options.time ?? '').trim() || event?.time;
	const messageType = event?.kind ?? (text(this, 'messageType', i) || 'text');

	let path: string;
	let body: IDataObject;
	if (messageType === 'buttonResponse') {
		const input = {
			customer,
			messageId,
			time,
			buttonType: text(this, 'buttonType', i) || BUTTON_TYPES[1],
			...(event?.kind === 'buttonResponse'
				? {
						text: event.text,
						payload: event.payload,
						originatingMessageId: event.originatingMessageId,
					}
				: {
						text: text(this, 'responseText', i),
						payload: text(this, 'responsePayload', i),
						originatingMessageId: text(this, 'originatingMessageId', i),
					}),
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
			...(event?.kind === 'text'
				? { text: event.text, attachments: event.attachments }
				: {
						text: String(this.getNodeParameter('text', i, '') ?? ''),
						attachments: attachmentsOf(this, i),
					}),
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
