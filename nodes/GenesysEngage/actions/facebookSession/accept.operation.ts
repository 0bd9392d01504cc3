import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { acceptBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { optionalText } from '../params';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

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
	const sessionId = sessionIdOf(this, itemIndex);
	return await operateOnSession(
		gws,
		itemIndex,
		sessionId,
		acceptBody({ nickname: optionalText(this, 'nickname', itemIndex) }),
	);
}
