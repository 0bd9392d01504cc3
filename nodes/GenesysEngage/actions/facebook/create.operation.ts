import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { createBody } from '../../bodies';
import { facebookPath, requiredString, userDataParameter } from '../../params';
import type { GwsSession } from '../../transport';
import { operateAndReport } from './result';
import { queuePathField, userDataField } from '../fields';

const properties: INodeProperties[] = [
	queuePathField('The queue (job) that handles the new outbound interaction'),
	userDataField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['create'] } },
	properties,
);

/** Creates an empty outbound Facebook interaction (state Composing); its ID arrives over CometD (Wait for Result). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const queuePath = requiredString.call(this, 'queuePath', itemIndex, 'Queue Path');
	const userData = userDataParameter.call(this, itemIndex);
	return await operateAndReport.call(
		this,
		gws,
		itemIndex,
		'Create',
		{},
		async () => await gws.operate(facebookPath(), createBody({ queuePath, userData }), itemIndex),
	);
}
