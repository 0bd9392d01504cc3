import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { replyBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { optionalText, userData } from '../params';
import { interactionIdField, queuePathField, userDataField } from '../properties';
import { facebookPath, interactionIdOf, operateAndReport, queuePathOf } from './common';

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

/** Creates a reply to an inbound interaction or one of its comments (a new outbound interaction). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const interactionId = interactionIdOf(this, itemIndex);
	const body = replyBody({
		queuePath: queuePathOf(this, itemIndex),
		commentId: optionalText(this, 'commentId', itemIndex),
		userData: userData(this, itemIndex),
	});
	return await operateAndReport.call(this, itemIndex, gws, facebookPath(interactionId), body, {
		interactionId,
	});
}
