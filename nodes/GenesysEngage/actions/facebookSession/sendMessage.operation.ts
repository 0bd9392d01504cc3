import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sendMessageBody } from '../../bodies';
import { facebookSessionPath, outputOf, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../fields';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'The message to send to the customer',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['sendMessage'] } },
	properties,
);

/** Sends a text message in the session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const sessionId = requiredString.call(this, 'sessionId', itemIndex, 'Session ID');
	const text = requiredString.call(this, 'text', itemIndex, 'Text', true);
	const result = await gws.operate(
		facebookSessionPath(sessionId),
		sendMessageBody({ text }),
		itemIndex,
	);
	return outputOf(result, 'SendMessage', { sessionId });
}
