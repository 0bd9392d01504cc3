import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { completeBody } from '../../bodies';
import { facebookSessionPath, optionalString, outputOf, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../fields';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Queue Name',
		name: 'queueName',
		type: 'string',
		default: '',
		description: 'Queue to place the completed interaction in; leave empty to just complete it',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['complete'] } },
	properties,
);

/** Completes the session: ends it and, with a queue name, places the interaction in that queue. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const sessionId = requiredString.call(this, 'sessionId', itemIndex, 'Session ID');
	const queueName = optionalString.call(this, 'queueName', itemIndex);
	const result = await gws.operate(
		facebookSessionPath(sessionId),
		completeBody({ queueName }),
		itemIndex,
	);
	return outputOf(result, 'Complete', { sessionId });
}
