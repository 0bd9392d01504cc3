import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { replyBody } from '../../bodies';
import { facebookPath, optionalString, requiredString, userDataParameter } from '../../params';
import type { GwsSession } from '../../transport';
import { operateAndReport } from './result';
import { interactionIdField, queuePathField, userDataField } from '../fields';

const properties: INodeProperties[] = [
	interactionIdField,
	queuePathField('The queue (job) that handles the reply interaction'),
	{
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'string',
		default: '',
		placeholder: '830185537037269_830632010325955',
		description: 'ID of the comment to reply to; leave empty to reply to the interaction itself',
	},
	userDataField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['reply'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const interactionId = requiredString.call(this, 'interactionId', itemIndex, 'Interaction ID');
	const queuePath = requiredString.call(this, 'queuePath', itemIndex, 'Queue Path');
	const commentId = optionalString.call(this, 'commentId', itemIndex);
	const userData = userDataParameter.call(this, itemIndex);
	return await operateAndReport.call(
		this,
		gws,
		itemIndex,
		'Reply',
		{ interactionId },
		async () =>
			await gws.operate(
				facebookPath(interactionId),
				replyBody({ queuePath, commentId, userData }),
				itemIndex,
			),
	);
}
