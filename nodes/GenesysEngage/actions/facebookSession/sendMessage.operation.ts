import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sendMessageBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { requiredMessage } from '../params';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

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
	const sessionId = sessionIdOf(this, itemIndex);
	return await operateOnSession(
		gws,
		itemIndex,
		sessionId,
		sendMessageBody({ text: requiredMessage(this, 'text', itemIndex, 'Text') }),
	);
}
