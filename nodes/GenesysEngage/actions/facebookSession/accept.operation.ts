import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { acceptBody } from '../../bodies';
import { facebookSessionPath, optionalString, outputOf, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../fields';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Nickname',
		name: 'nickname',
		type: 'string',
		default: '',
		description: 'Name the customer sees for the agent; leave empty for the default',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['accept'] } },
	properties,
);

/** Accepts an invitation to a private-messaging session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const sessionId = requiredString.call(this, 'sessionId', itemIndex, 'Session ID');
	const nickname = optionalString.call(this, 'nickname', itemIndex);
	const result = await gws.operate(
		facebookSessionPath(sessionId),
		acceptBody({ nickname }),
		itemIndex,
	);
	return outputOf(result, 'Accept', { sessionId });
}
