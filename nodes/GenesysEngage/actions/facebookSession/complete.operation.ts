import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { completeBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { optionalText } from '../params';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

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
	const sessionId = sessionIdOf(this, itemIndex);
	return await operateOnSession(
		gws,
		itemIndex,
		sessionId,
		completeBody({ queueName: optionalText(this, 'queueName', itemIndex) }),
	);
}
