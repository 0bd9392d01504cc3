import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkInstagramTemplatePayload, checkTemplatePayload, type Button } from '../../limits';
import {
	envelope,
	messageOptions,
	messagingFields,
	recipientFields,
	withMetadata,
	type PreparedSend,
} from './common';

const buttonValues: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Call (Phone Number)', value: 'phone_number' },
			{ name: 'Postback', value: 'postback' },
			{ name: 'URL', value: 'web_url' },
		],
		default: 'postback',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Up to 20 characters',
	},
	{
		displayName: 'Payload',
		name: 'payload',
		type: 'string',
		default: '',
		description:
			'Postback: up to 1000 characters sent to your webhook. Call: the phone number (+country code).',
		displayOptions: { show: { type: ['postback', 'phone_number'] } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['web_url'] } },
	},
];

const buttonsField = (description: string): INodeProperties => ({
	displayName: 'Buttons',
	name: 'buttons',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Button',
	default: {},
	description,
	options: [{ displayName: 'Button', name: 'button', values: buttonValues }],
});

const properties: INodeProperties[] = [
	...recipientFields(true),
	...messagingFields,
	{
		displayName: 'Template Type',
		name: 'templateType',
		type: 'options',
		options: [
			{
				name: 'Button',
				value: 'button',
				description: 'Text with 1–3 buttons (Facebook Login route)',
			},
			{
				name: 'Generic',
				value: 'generic',
				description: 'Cards with title, image and buttons; several make a carousel',
			},
		],
		default: 'generic',
	},
	{
		displayName: 'Define In',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'fields',
	},
	{
		displayName: 'Template Payload (JSON)',
		name: 'templateJson',
		type: 'json',
		default:
			'{\n  "template_type": "generic",\n  "elements": [{ "title": "Hello", "buttons": [{ "type": "postback", "title": "Start", "payload": "START" }] }]\n}',
		description:
			"The payload object of the template attachment, as in Meta's docs (template_type, elements or text and buttons)",
		displayOptions: { show: { inputMode: ['json'] } },
	},
	{
		displayName: 'Text',
		name: 'templateText',
		type: 'string',
		default: '',
		description: 'Up to 640 characters, shown above the buttons',
		displayOptions: { show: { inputMode: ['fields'], templateType: ['button'] } },
	},
	{
		...buttonsField('1 to 3 buttons'),
		displayOptions: { show: { inputMode: ['fields'], templateType: ['button'] } },
	},
	{
		displayName: 'Elements',
		name: 'elements',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Element',
		default: {},
		description: 'Up to 10 cards',
		displayOptions: { show: { inputMode: ['fields'], templateType: ['generic'] } },
		options: [
			{
				displayName: 'Element',
				name: 'element',
				values: [
					{
						displayName: 'Buttons (JSON)',
						name: 'buttonsJson',
						type: 'json',
						default: '[]',
						description:
							'Up to 3 buttons, e.g. [{"type":"postback","title":"Buy","payload":"BUY_1"}]',
					},
					{
						displayName: 'Default Action URL',
						name: 'defaultActionUrl',
						type: 'string',
						default: '',
						description: 'Opened when the card is tapped',
					},
					{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '' },
					{
						displayName: 'Subtitle',
						name: 'subtitle',
						type: 'string',
						default: '',
						description: 'Up to 80 characters',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Up to 80 characters',
					},
				],
			},
		],
	},
	messageOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);

const buttonsFrom = (raw: IDataObject[]): Button[] =>
	raw.map((b) => {
		const type = String(b.type ?? 'postback');
		const button: Button = { type, title: String(b.title ?? '') };
		if (type === 'web_url') button.url = String(b.url ?? '');
		else button.payload = String(b.payload ?? '');
		return button;
	});

function parseJson(
	this: IExecuteFunctions,
	value: unknown,
	what: string,
	itemIndex: number,
): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throw new NodeOperationError(
			this.getNode(),
			`${what} is not valid JSON: check quotes and commas`,
			{ itemIndex },
		);
	}
}

/** The template payload from the fields or the JSON, before validation. */
function payloadOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const templateType = String(this.getNodeParameter('templateType', itemIndex, 'generic'));
	const mode = String(this.getNodeParameter('inputMode', itemIndex, 'fields'));
	if (mode === 'json') {
		let payload = parseJson.call(
			this,
			this.getNodeParameter('templateJson', itemIndex, '{}'),
			'Template Payload',
			itemIndex,
		) as IDataObject;
		// Accept the whole attachment or message too, as people paste them from Meta's docs.
		if (payload?.attachment) payload = (payload.attachment as IDataObject).payload as IDataObject;
		if (payload?.payload && (payload as IDataObject).type === 'template')
			payload = payload.payload as IDataObject;
		if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
			throw new NodeOperationError(
				this.getNode(),
				'Template Payload must be a JSON object with template_type',
				{ itemIndex },
			);
		}
		return { template_type: templateType, ...payload };
	}
	if (templateType === 'button') {
		const raw = (this.getNodeParameter('buttons.button', itemIndex, []) as IDataObject[]) ?? [];
		return {
			template_type: 'button',
			text: String(this.getNodeParameter('templateText', itemIndex, '')),
			buttons: buttonsFrom(raw) as unknown as IDataObject[],
		};
	}
	const rawElements =
		(this.getNodeParameter('elements.element', itemIndex, []) as IDataObject[]) ?? [];
	const elements = rawElements.map((e, index) => {
		const element: IDataObject = { title: String(e.title ?? '') };
		if (e.subtitle) element.subtitle = String(e.subtitle);
		if (e.imageUrl) element.image_url = String(e.imageUrl);
		if (e.defaultActionUrl)
			element.default_action = { type: 'web_url', url: String(e.defaultActionUrl) };
		const buttons = parseJson.call(
			this,
			e.buttonsJson ?? '[]',
			`Buttons of element ${index + 1}`,
			itemIndex,
		);
		if (!Array.isArray(buttons)) {
			throw new NodeOperationError(
				this.getNode(),
				`Buttons of element ${index + 1} must be a JSON list`,
				{ itemIndex },
			);
		}
		if (buttons.length) element.buttons = buttons as IDataObject[];
		return element;
	});
	return { template_type: 'generic', elements };
}

/**
 * Validates one item into a generic or button template send; the Instagram Login route takes the
 * generic template (URL and postback buttons).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/generic-template
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex);
	const payload = payloadOf.call(this, itemIndex);
	const problem =
		route === 'instagramLogin'
			? checkInstagramTemplatePayload(payload)
			: checkTemplatePayload(payload);
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	const message = withMetadata.call(
		this,
		itemIndex,
		{ attachment: { type: 'template', payload } },
		route,
	);
	return { key, recipientId, route, body: { ...body, message } };
}
