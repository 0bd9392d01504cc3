import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { buildMultipart } from '../../multipart';
import { credentialPageId, graphRequest } from '../../../shared/graph';
import {
	attachmentTypeField,
	binaryPropertyField,
	checkUrl,
	readBinary,
	urlField,
} from '../message/sendAttachment.operation';

const properties: INodeProperties[] = [
	attachmentTypeField,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary Data', value: 'binary', description: 'A file from the input item' },
			{ name: 'URL', value: 'url' },
		],
		default: 'url',
	},
	urlField,
	binaryPropertyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attachment'], operation: ['upload'] } },
	properties,
);

/** Saves a file with Meta (Attachment Upload API) and returns its reusable attachment ID. */
/** Uploads one file (binary or URL) as a reusable attachment: its attachmentId and type. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type = String(this.getNodeParameter('attachmentType', itemIndex, 'image'));
	if (!['audio', 'file', 'image', 'video'].includes(type)) {
		throw new NodeOperationError(
			this.getNode(),
			`Attachment Type "${type}" is not valid: use audio, file, image or video`,
			{ itemIndex },
		);
	}
	const source = String(this.getNodeParameter('source', itemIndex, 'url'));
	const pageId = await credentialPageId.call(this);
	let response: IDataObject;
	if (source === 'url') {
		const url = checkUrl.call(this, String(this.getNodeParameter('url', itemIndex, '')), itemIndex);
		response = await graphRequest.call(this, {
			credential: 'facebookPageApi',
			method: 'POST',
			path: `/${pageId}/message_attachments`,
			body: { message: { attachment: { type, payload: { url, is_reusable: true } } } },
			kind: 'write',
			itemIndex,
		});
	} else {
		const file = await readBinary.call(this, itemIndex);
		const multipart = buildMultipart(
			{ message: JSON.stringify({ attachment: { type, payload: { is_reusable: true } } }) },
			{ name: 'filedata', fileName: file.fileName, contentType: file.mimeType, data: file.data },
		);
		response = await graphRequest.call(this, {
			credential: 'facebookPageApi',
			method: 'POST',
			path: `/${pageId}/message_attachments`,
			body: multipart.body,
			bodyType: { multipart: multipart.contentType },
			kind: 'write',
			itemIndex,
		});
	}
	return { attachmentId: response.attachment_id, type };
}
