import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { buildMultipart } from '../../multipart';
import {
	envelope,
	refuseOn,
	messageOptions,
	messagingFields,
	quickRepliesField,
	quickRepliesOf,
	recipientFields,
	withMetadata,
	type PreparedSend,
} from './common';

export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Fields shared with attachment: upload. */
export const attachmentTypeField: INodeProperties = {
	displayName: 'Attachment Type',
	name: 'attachmentType',
	type: 'options',
	options: [
		{ name: 'Audio', value: 'audio' },
		{ name: 'File', value: 'file' },
		{ name: 'Image', value: 'image' },
		{ name: 'Video', value: 'video' },
	],
	default: 'image',
};

export const binaryPropertyField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file',
	displayOptions: { show: { source: ['binary'] } },
};

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'https://example.com/picture.png',
	description:
		'A public http(s) URL Meta downloads the file from (images up to 8 MB, other files up to 25 MB)',
	displayOptions: { show: { source: ['url'] } },
};

const properties: INodeProperties[] = [
	...recipientFields(true, true),
	...messagingFields,
	attachmentTypeField,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary Data', value: 'binary', description: 'A file from the input item' },
			{
				name: 'Saved Attachment ID',
				value: 'attachmentId',
				description: 'An ID from Attachment → Upload',
			},
			{ name: 'URL', value: 'url' },
		],
		default: 'url',
	},
	urlField,
	{
		displayName: 'Attachment ID',
		name: 'attachmentId',
		type: 'string',
		default: '',
		required: true,
		description: 'A reusable attachment ID of this Page (valid 90 days)',
		displayOptions: { show: { source: ['attachmentId'] } },
	},
	binaryPropertyField,
	{
		displayName: 'Save for Reuse',
		name: 'isReusable',
		type: 'boolean',
		default: false,
		description:
			'Whether Meta keeps the file and returns an attachment ID to send it again without uploading',
		displayOptions: { show: { source: ['url', 'binary'] } },
	},
	quickRepliesField,
	messageOptions(true),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendAttachment'] } },
	properties,
);

/** Reads an item's binary file, checking the 25 MB limit before any upload. */
export async function readBinary(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<{ data: Buffer; fileName: string; mimeType: string }> {
	const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const binary = this.helpers.assertBinaryData(itemIndex, property);
	const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	if (data.length === 0)
		throw new NodeOperationError(this.getNode(), `The binary field "${property}" is empty`, {
			itemIndex,
		});
	if (data.length > MAX_ATTACHMENT_BYTES) {
		throw new NodeOperationError(
			this.getNode(),
			`The file is ${(data.length / 1048576).toFixed(1)} MB; Messenger accepts at most 25 MB. Send a smaller file or a link`,
			{ itemIndex },
		);
	}
	return {
		data,
		fileName: binary.fileName ?? 'file',
		mimeType: binary.mimeType ?? 'application/octet-stream',
	};
}

/** The attachment URL of one item, trimmed; an error that says what to enter when it is not http(s). */
export function checkUrl(this: IExecuteFunctions, url: string, itemIndex: number): string {
	const trimmed = url.trim();
	if (!/^https?:\/\/[^\s]+$/i.test(trimmed)) {
		throw new NodeOperationError(
			this.getNode(),
			`URL "${trimmed}" is not an http(s) URL Meta can download from: enter a public link`,
			{ itemIndex },
		);
	}
	return trimmed;
}

/**
 * Validates one item into an attachment send: by URL, by attachment id, or a file uploaded with
 * the message (Facebook Login route). The Instagram Login route takes media by public URL only:
 * Meta downloads it (images up to 8 MB, audio, video and files up to 25 MB).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api#send-media
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedSend> {
	const { body, recipientId, key, route } = envelope.call(this, itemIndex);
	const type = String(this.getNodeParameter('attachmentType', itemIndex, 'image'));
	if (!['audio', 'file', 'image', 'video'].includes(type)) {
		throw new NodeOperationError(
			this.getNode(),
			`Attachment Type "${type}" is not valid: use audio, file, image or video`,
			{ itemIndex },
		);
	}
	const source = String(this.getNodeParameter('source', itemIndex, 'url'));
	const replies = quickRepliesOf.call(this, itemIndex, route, false);
	const quick = replies ? { quick_replies: replies } : {};
	const isReusable = Boolean(this.getNodeParameter('isReusable', itemIndex, false));
	if (source !== 'url') {
		refuseOn.call(
			this,
			itemIndex,
			route,
			'instagramLogin',
			source === 'binary' ? 'Sending binary data' : 'Sending a saved attachment ID',
			'Instagram takes media by public URL only. Put the file at an https URL and use Source URL',
		);
	}
	if (isReusable) {
		refuseOn.call(
			this,
			itemIndex,
			route,
			'instagramLogin',
			'Save for Reuse',
			'Instagram keeps no reusable attachments. Turn Save for Reuse off',
		);
	}
	if (source === 'attachmentId') {
		const id = String(this.getNodeParameter('attachmentId', itemIndex, '')).trim();
		if (!/^\d+$/.test(id)) {
			throw new NodeOperationError(
				this.getNode(),
				`Attachment ID "${id}" is not valid: use the attachmentId returned by Attachment → Upload`,
				{ itemIndex },
			);
		}
		const message = withMetadata.call(this, itemIndex, {
			attachment: { type, payload: { attachment_id: id } },
			...quick,
		});
		return { key, recipientId, route, body: { ...body, message } };
	}
	if (source === 'url') {
		const url = checkUrl.call(this, String(this.getNodeParameter('url', itemIndex, '')), itemIndex);
		const payload: IDataObject = { url, ...(isReusable ? { is_reusable: true } : {}) };
		const message = withMetadata.call(
			this,
			itemIndex,
			{ attachment: { type, payload }, ...quick },
			route,
		);
		return { key, recipientId, route, body: { ...body, message } };
	}
	const file = await readBinary.call(this, itemIndex);
	const message = withMetadata.call(this, itemIndex, {
		attachment: { type, payload: { is_reusable: isReusable } },
		...quick,
	});
	const fields: Record<string, string> = {};
	for (const [key, value] of Object.entries({ ...body, message })) {
		fields[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	const multipart = buildMultipart(fields, {
		name: 'filedata',
		fileName: file.fileName,
		contentType: file.mimeType,
		data: file.data,
	});
	return {
		key,
		recipientId,
		route,
		body: multipart.body,
		bodyType: { multipart: multipart.contentType },
	};
}
