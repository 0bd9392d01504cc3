import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { addCommentBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { requiredMessage } from '../params';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		required: true,
		default: '',
		description: 'Comment to set on the session (visible to agents, not to the customer)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['addComment'] } },
	properties,
);

/** Sets the session's comment. */
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
		addCommentBody({ comment: requiredMessage(this, 'comment', itemIndex, 'Comment') }),
	);
}
