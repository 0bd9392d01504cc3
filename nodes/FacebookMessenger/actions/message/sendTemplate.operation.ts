import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { checkInstagramTemplatePayload, checkTemplatePayload, type Button } from '../../limits';
import {
	envelope,
	messageOptions,
	messagingFields,
	quickRepliesField,
	quickRepliesOf,
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
			{
				name: 'Log In (Account Linking)',
				value: 'account_link',
				description:
					'Starts account linking at your https login URL; Messenger shows its own label',
			},
			{
				name: 'Log Out (Account Unlinking)',
				value: 'account_unlink',
				description: 'Unlinks the linked account; no title or URL',
			},
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
		displayOptions: { show: { type: ['phone_number', 'postback', 'web_url'] } },
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
		description:
			'Log In: your https login page (Meta appends redirect_uri and account_linking_token)',
		displayOptions: { show: { type: ['web_url', 'account_link'] } },
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

const show = (templateType: string) => ({
	show: { inputMode: ['fields'], templateType: [templateType] },
});

/**
 * The media template: one image or video, by attachment ID or by Facebook URL, up to 1 button.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/templates/media
 */
const mediaFields = (): INodeProperties[] => [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		displayOptions: show('media'),
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [
			{
				name: 'Attachment ID',
				value: 'attachmentId',
				description: 'From Attachment → Upload (any file of yours)',
			},
			{
				name: 'Facebook URL',
				value: 'facebookUrl',
				description: 'A photo or video already on Facebook (Meta takes no other URL here)',
			},
		],
		default: 'attachmentId',
		displayOptions: show('media'),
	},
	{
		displayName: 'Attachment ID',
		name: 'mediaAttachmentId',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show('media').show, mediaSource: ['attachmentId'] } },
	},
	{
		displayName: 'Facebook URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://www.facebook.com/photo.php?fbid=…',
		displayOptions: { show: { ...show('media').show, mediaSource: ['facebookUrl'] } },
	},
	{
		displayName: 'Button (JSON)',
		name: 'mediaButtonsJson',
		type: 'json',
		default: '[]',
		description:
			'At most 1 button: a URL, postback, call, Log In or Log Out button object as in the Buttons (JSON) of a generic element',
		displayOptions: show('media'),
	},
];

/**
 * The receipt template: required fields as parameters, items and the rest (address,
 * adjustments, merchant_name, timestamp, order_url…) as JSON.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/templates/receipt
 */
const receiptFields = (): INodeProperties[] => [
	{
		displayName: 'Recipient Name',
		name: 'receiptRecipientName',
		type: 'string',
		default: '',
		displayOptions: show('receipt'),
	},
	{
		displayName: 'Order Number',
		name: 'receiptOrderNumber',
		type: 'string',
		default: '',
		description: 'Must be unique',
		displayOptions: show('receipt'),
	},
	{
		displayName: 'Currency',
		name: 'receiptCurrency',
		type: 'string',
		default: 'USD',
		description: 'ISO 4217 code, e.g. USD or EUR',
		displayOptions: show('receipt'),
	},
	{
		displayName: 'Payment Method',
		name: 'receiptPaymentMethod',
		type: 'string',
		default: '',
		placeholder: 'e.g. Visa 1234',
		displayOptions: show('receipt'),
	},
	{
		displayName: 'Total Cost',
		name: 'receiptTotalCost',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
		displayOptions: show('receipt'),
	},
	{
		displayName: 'Items (JSON)',
		name: 'receiptElementsJson',
		type: 'json',
		default: '[]',
		description:
			'Up to 100 items, e.g. [{"title":"T-shirt","quantity":1,"price":25,"currency":"USD"}]',
		displayOptions: show('receipt'),
	},
	{
		displayName: 'More Receipt Fields (JSON)',
		name: 'receiptExtraJson',
		type: 'json',
		default: '{}',
		description:
			'Optional fields of Meta\'s receipt payload, e.g. {"merchant_name":"…","order_url":"https://…","address":{…},"adjustments":[…],"summary":{"subtotal":20}}',
		displayOptions: show('receipt'),
	},
];

/**
 * The image grid template (30 June 2026): 2 to 6 images, title up to 45 characters, subtitle up
 * to 80, up to 3 URL or postback buttons.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/image-grid
 */
const imageGridFields = (): INodeProperties[] => [
	{
		displayName: 'Images (JSON)',
		name: 'gridImagesJson',
		type: 'json',
		default:
			'[\n  { "url": "https://example.com/1.png", "is_hero_image": true },\n  { "url": "https://example.com/2.png", "action": { "type": "postback", "payload": "IMAGE_2" } }\n]',
		description:
			'2 to 6 images, each with its URL, optionally is_hero_image (at most one) and a tap action (web_url with its URL, or postback with its payload)',
		displayOptions: show('image_grid'),
	},
	{
		displayName: 'Grid Title',
		name: 'gridTitle',
		type: 'string',
		default: '',
		description: 'Optional, up to 45 characters',
		displayOptions: show('image_grid'),
	},
	{
		displayName: 'Grid Subtitle',
		name: 'gridSubtitle',
		type: 'string',
		default: '',
		description: 'Optional, up to 80 characters',
		displayOptions: show('image_grid'),
	},
	{
		displayName: 'Grid Buttons (JSON)',
		name: 'gridButtonsJson',
		type: 'json',
		default: '[]',
		description: 'Up to 3 URL or postback buttons below the grid',
		displayOptions: show('image_grid'),
	},
];

/**
 * The product template: 1 to 10 product IDs of a catalog the Page owns; Messenger pulls image,
 * title and price from the catalog.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/product
 */
const productFields = (): INodeProperties[] => [
	{
		displayName: 'Product IDs',
		name: 'productIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1234567890, 2345678901',
		description:
			'1 to 10 product IDs from a catalog connected to the Page (Commerce Manager or the Catalog API), separated by commas; several make a carousel',
		displayOptions: show('product'),
	},
];

/**
 * The customer feedback template: one question (CSAT, NPS or CES) with an optional free-form
 * follow-up, a privacy policy URL and an expiry.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/customer-feedback-template
 */
const feedbackFields = (): INodeProperties[] => [
	{
		displayName: 'Feedback Title',
		name: 'feedbackTitle',
		type: 'string',
		default: '',
		description: 'Title of the message inviting the person to give feedback',
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Feedback Subtitle',
		name: 'feedbackSubtitle',
		type: 'string',
		default: '',
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Feedback Button Title',
		name: 'feedbackButtonTitle',
		type: 'string',
		default: '',
		description: 'Label of the button that opens the feedback screen',
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Question Type',
		name: 'feedbackQuestionType',
		type: 'options',
		options: [
			{ name: 'CES (Customer Effort Score)', value: 'ces' },
			{ name: 'CSAT (Customer Satisfaction)', value: 'csat' },
			{ name: 'NPS (Net Promoter Score)', value: 'nps' },
		],
		default: 'csat',
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Question ID',
		name: 'feedbackQuestionId',
		type: 'string',
		default: 'question1',
		description:
			"Names the question: the answer comes back keyed by it in Meta's messaging_feedback webhook (the trigger's Customer Feedback event)",
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Question Title',
		name: 'feedbackQuestionTitle',
		type: 'string',
		default: '',
		description: "Optional; empty uses Meta's default question for the type",
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Score Label',
		name: 'feedbackScoreLabel',
		type: 'string',
		default: '',
		description: "Optional score_label of Meta's customer feedback template",
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Score Option',
		name: 'feedbackScoreOption',
		type: 'string',
		default: '',
		description:
			"Optional. CSAT: one_to_five, five_stars (Meta's default) or five_emojis; NPS: zero_to_ten; CES: one_to_seven. Empty uses the type's default.",
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Follow-Up Placeholder',
		name: 'feedbackFollowUpPlaceholder',
		type: 'string',
		default: '',
		description:
			'Optional: when set, a free-form follow-up box with this placeholder text follows the score',
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Privacy Policy URL',
		name: 'feedbackPrivacyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/privacy',
		description: "The URL of your business's privacy policy (sent as business_privacy)",
		displayOptions: show('customer_feedback'),
	},
	{
		displayName: 'Expires In Days',
		name: 'feedbackExpiresInDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: "Days the feedback stays open; 0 leaves it to Meta's default",
		displayOptions: show('customer_feedback'),
	},
];

/**
 * The coupon template: a title and a coupon code or URL; Meta presets the Reveal code button and
 * adds a second button (default "Shop now") when a coupon URL is set.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/template/coupon
 */
const couponFields = (): INodeProperties[] => [
	{
		displayName: 'Coupon Title',
		name: 'couponTitle',
		type: 'string',
		default: '',
		placeholder: 'e.g. 10% off everything',
		description: 'Required, up to 80 characters',
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon Code',
		name: 'couponCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. 10PERCENT',
		description:
			'Shown when the person taps Reveal code; no spaces. A code or a Coupon URL (or both) is required.',
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon URL',
		name: 'couponUrl',
		type: 'string',
		default: '',
		placeholder: 'https://shop.example.com/',
		description: "Where the coupon is used; adds a second button (Meta's default label: Shop now)",
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon URL Button Title',
		name: 'couponUrlButtonTitle',
		type: 'string',
		default: '',
		description: "Optional label of the Coupon URL's button",
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon Subtitle',
		name: 'couponSubtitle',
		type: 'string',
		default: '',
		description: "Optional, up to 80 characters; empty shows Meta's disclaimer (Terms may apply.)",
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon Pre-Message',
		name: 'couponPreMessage',
		type: 'string',
		default: '',
		description: 'Optional message sent before the coupon',
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon Image URL',
		name: 'couponImageUrl',
		type: 'string',
		default: '',
		description: 'Optional image shown in the coupon',
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon Payload',
		name: 'couponPayload',
		type: 'string',
		default: '',
		description:
			"Optional; comes back in the webhook when the person reveals the code (the trigger's Coupon event)",
		displayOptions: show('coupon'),
	},
	{
		displayName: 'Coupon Expire Time',
		name: 'couponExpireTime',
		type: 'string',
		default: '',
		placeholder: '2026-12-31 23:59:59',
		description:
			'Optional; as YYYY-MM-DD HH:MM:SS. Messenger shows a running timer (Limited Time Offer) and, once passed, the expired coupon.',
		displayOptions: show('coupon'),
	},
];

/**
 * The customer information (Structured Information) template: a form asking for contact and
 * shipping details; the answers arrive as the trigger's Customer Information event.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/structured-information-template
 */
const customerInformationFields = (): INodeProperties[] => [
	{
		displayName: 'Privacy Policy URL',
		name: 'customerInfoPrivacyUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/privacy',
		description: "Your business' privacy policy, linked from the form",
		displayOptions: show('customer_information'),
	},
	{
		displayName: 'Countries',
		name: 'customerInfoCountries',
		type: 'string',
		default: '',
		placeholder: 'US, CA',
		description:
			"Two-letter codes of the countries you may collect addresses for, separated by commas; empty leaves Meta's default (all countries)",
		displayOptions: show('customer_information'),
	},
	{
		displayName: 'Expires In Days',
		name: 'customerInfoExpiresInDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 7 },
		default: 1,
		description: 'Days the form stays open: 1 to 7',
		displayOptions: show('customer_information'),
	},
];

/**
 * The instant form template: an eligible Lead Ads instant form in the thread, by ID; the answers
 * arrive as the trigger's Lead Form Submit event. Meta marks it "in development".
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/instant-form-template
 */
const instantFormFields = (): INodeProperties[] => [
	{
		displayName: 'Form ID',
		name: 'instantFormId',
		type: 'string',
		default: '',
		required: true,
		description:
			'ID of a Lead Ads instant form eligible for Messenger: only custom, email, name and phone questions, created with block_display_for_non_targeted_viewer false',
		displayOptions: show('instant_form'),
	},
];

const properties: INodeProperties[] = [
	...recipientFields(true, true),
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
				name: 'Coupon',
				value: 'coupon',
				description:
					'A coupon with a Reveal code button, optionally a link to your shop (Facebook Login route)',
			},
			{
				name: 'Customer Feedback',
				value: 'customer_feedback',
				description:
					'A CSAT, NPS or CES question with an optional free-form follow-up (Facebook Login route)',
			},
			{
				name: 'Customer Information',
				value: 'customer_information',
				description:
					'A form asking for contact and shipping details (Structured Information; Facebook Login route)',
			},
			{
				name: 'Generic',
				value: 'generic',
				description: 'Cards with title, image and buttons; several make a carousel',
			},
			{
				name: 'Image Grid',
				value: 'image_grid',
				description:
					'2 to 6 images in a grid, each with an optional tap action (Facebook Login route)',
			},
			{
				name: 'Instant Form',
				value: 'instant_form',
				description:
					'An eligible Lead Ads instant form, filled in without leaving the thread (Facebook Login route)',
			},
			{
				name: 'Media',
				value: 'media',
				description:
					'One image or video (attachment ID or Facebook URL) with up to 1 button (Facebook Login route)',
			},
			{
				name: 'Product',
				value: 'product',
				description:
					'1 to 10 products of a catalog connected to the Page, as a carousel (Facebook Login route)',
			},
			{
				name: 'Receipt',
				value: 'receipt',
				description: 'An order confirmation with items, summary and address (Facebook Login route)',
			},
		],
		default: 'generic',
		description:
			'Meta retired the list and open graph templates (Graph API v4.0, July 2019): the node refuses them with the reason',
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
	...mediaFields(),
	...receiptFields(),
	...imageGridFields(),
	...productFields(),
	...feedbackFields(),
	...couponFields(),
	...customerInformationFields(),
	...instantFormFields(),
	quickRepliesField,
	messageOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);

const buttonsFrom = (raw: IDataObject[]): Button[] =>
	raw.map((b) => {
		const type = String(b.type ?? 'postback');
		if (type === 'account_unlink') return { type };
		if (type === 'account_link') return { type, url: String(b.url ?? '') };
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
	const list = (name: string, what: string): IDataObject[] => {
		const value = parseJson.call(
			this,
			this.getNodeParameter(name, itemIndex, '[]'),
			what,
			itemIndex,
		);
		if (!Array.isArray(value))
			throw new NodeOperationError(this.getNode(), `${what} must be a JSON list`, { itemIndex });
		return value as IDataObject[];
	};
	if (templateType === 'media') {
		const element: IDataObject = {
			media_type: String(this.getNodeParameter('mediaType', itemIndex, 'image')),
		};
		if (String(this.getNodeParameter('mediaSource', itemIndex, 'attachmentId')) === 'facebookUrl')
			element.url = String(this.getNodeParameter('mediaUrl', itemIndex, '')).trim();
		else
			element.attachment_id = String(
				this.getNodeParameter('mediaAttachmentId', itemIndex, ''),
			).trim();
		const buttons = list('mediaButtonsJson', 'Button (JSON)');
		if (buttons.length) element.buttons = buttons;
		return { template_type: 'media', elements: [element] };
	}
	if (templateType === 'receipt') {
		const extra = parseJson.call(
			this,
			this.getNodeParameter('receiptExtraJson', itemIndex, '{}'),
			'More Receipt Fields',
			itemIndex,
		) as IDataObject;
		if (!extra || typeof extra !== 'object' || Array.isArray(extra))
			throw new NodeOperationError(this.getNode(), 'More Receipt Fields must be a JSON object', {
				itemIndex,
			});
		const elements = list('receiptElementsJson', 'Items (JSON)');
		return {
			...extra,
			template_type: 'receipt',
			recipient_name: String(this.getNodeParameter('receiptRecipientName', itemIndex, '')),
			order_number: String(this.getNodeParameter('receiptOrderNumber', itemIndex, '')),
			currency: String(this.getNodeParameter('receiptCurrency', itemIndex, '')).trim(),
			payment_method: String(this.getNodeParameter('receiptPaymentMethod', itemIndex, '')),
			summary: {
				...((extra.summary as IDataObject) ?? {}),
				total_cost: this.getNodeParameter('receiptTotalCost', itemIndex, 0) as number,
			},
			...(elements.length ? { elements } : {}),
		};
	}
	if (templateType === 'image_grid') {
		const element: IDataObject = { images: list('gridImagesJson', 'Images (JSON)') };
		const title = String(this.getNodeParameter('gridTitle', itemIndex, ''));
		const subtitle = String(this.getNodeParameter('gridSubtitle', itemIndex, ''));
		if (title) element.title = title;
		if (subtitle) element.subtitle = subtitle;
		const buttons = list('gridButtonsJson', 'Grid Buttons (JSON)');
		if (buttons.length) element.buttons = buttons;
		return { template_type: 'image_grid', elements: [element] };
	}
	if (templateType === 'product') {
		const ids = String(this.getNodeParameter('productIds', itemIndex, ''))
			.split(',')
			.map((id) => id.trim())
			.filter((id) => id);
		return { template_type: 'product', elements: ids.map((id) => ({ id })) };
	}
	if (templateType === 'customer_feedback') {
		const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '')).trim();
		// Meta keys the person's answer by the question's id in the messaging_feedback webhook.
		// @see https://developers.facebook.com/docs/messenger-platform/send-messages/templates/customer-feedback-template
		const question: IDataObject = {
			id: text('feedbackQuestionId') || 'question1',
			type: text('feedbackQuestionType') || 'csat',
		};
		if (text('feedbackQuestionTitle')) question.title = text('feedbackQuestionTitle');
		if (text('feedbackScoreLabel')) question.score_label = text('feedbackScoreLabel');
		if (text('feedbackScoreOption')) question.score_option = text('feedbackScoreOption');
		if (text('feedbackFollowUpPlaceholder'))
			question.follow_up = { type: 'free_form', placeholder: text('feedbackFollowUpPlaceholder') };
		const days = this.getNodeParameter('feedbackExpiresInDays', itemIndex, 0) as number;
		return {
			template_type: 'customer_feedback',
			title: text('feedbackTitle'),
			subtitle: text('feedbackSubtitle'),
			button_title: text('feedbackButtonTitle'),
			feedback_screens: [{ questions: [question] }],
			business_privacy: { url: text('feedbackPrivacyUrl') },
			...(days ? { expires_in_days: days } : {}),
		};
	}
	if (templateType === 'coupon') {
		const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '')).trim();
		const payload: IDataObject = { template_type: 'coupon', title: text('couponTitle') };
		for (const [key, name] of [
			['subtitle', 'couponSubtitle'],
			['coupon_code', 'couponCode'],
			['coupon_url', 'couponUrl'],
			['coupon_url_button_title', 'couponUrlButtonTitle'],
			['coupon_pre_message', 'couponPreMessage'],
			['image_url', 'couponImageUrl'],
			['payload', 'couponPayload'],
			['expire_time', 'couponExpireTime'],
		])
			if (text(name)) payload[key] = text(name);
		return payload;
	}
	if (templateType === 'customer_information') {
		const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '')).trim();
		const countries = text('customerInfoCountries')
			.split(',')
			.map((country) => country.trim().toUpperCase())
			.filter((country) => country);
		return {
			template_type: 'customer_information',
			...(countries.length ? { countries } : {}),
			business_privacy: { url: text('customerInfoPrivacyUrl') },
			expires_in_days: this.getNodeParameter('customerInfoExpiresInDays', itemIndex, 1) as number,
		};
	}
	if (templateType === 'instant_form') {
		return {
			template_type: 'instant_form',
			form_id: String(this.getNodeParameter('instantFormId', itemIndex, '')).trim(),
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
 * Validates one item into a template send (generic, button, media, receipt, image grid, product,
 * customer feedback, coupon, customer information, instant form; Log In
 * and Log Out buttons wherever buttons go); the list and open graph templates Meta retired are
 * refused with the reason; the Instagram Login route takes the
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
	const replies = quickRepliesOf.call(this, itemIndex, route, false);
	const message = withMetadata.call(
		this,
		itemIndex,
		{ attachment: { type: 'template', payload }, ...(replies ? { quick_replies: replies } : {}) },
		route,
	);
	return { key, recipientId, route, body: { ...body, message } };
}
