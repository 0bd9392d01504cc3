import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { sendUrlBody } from '../../bodies';
import { facebookSessionPath, isWebUrl, outputOf, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../fields';

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
	const sessionId = requiredString.call(this, 'sessionId', itemIndex, 'Session ID');
	const url = requiredString.call(this, 'url', itemIndex, 'URL');
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
	const result = await gws.operate(facebookSessionPath(sessionId), sendUrlBody({ url }), itemIndex);
	return outputOf(result, 'SendUrl', { sessionId });
}
