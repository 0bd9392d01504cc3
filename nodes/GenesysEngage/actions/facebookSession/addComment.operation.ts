import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { addCommentBody } from '../../bodies';
import { facebookSessionPath, outputOf, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../fields';

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
	const sessionId = requiredString.call(this, 'sessionId', itemIndex, 'Session ID');
	const comment = requiredString.call(this, 'comment', itemIndex, 'Comment', true);
	const result = await gws.operate(
		facebookSessionPath(sessionId),
		addCommentBody({ comment }),
		itemIndex,
	);
	return outputOf(result, 'AddComment', { sessionId });
}
