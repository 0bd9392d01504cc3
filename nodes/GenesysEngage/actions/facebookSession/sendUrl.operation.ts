import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { sendUrlBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { isWebUrl } from '../../validation';
import { requiredText } from '../params';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/help',
		description: 'The http(s) link to send to the customer',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['sendUrl'] } },
	properties,
);

/** Sends a link in the session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const sessionId = sessionIdOf(this, itemIndex);
	const url = requiredText(this, 'url', itemIndex, 'URL');
	if (!isWebUrl(url)) {
		throw new NodeOperationError(
			this.getNode(),
			`'URL' must be an http(s) URL, got '${url.slice(0, 100)}'`,
			{
				itemIndex,
				description: 'Enter a full link such as https://example.com/help.',
			},
		);
	}
	return await operateOnSession(gws, itemIndex, sessionId, sendUrlBody({ url }));
}
