import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { createBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { userData } from '../params';
import { queuePathField, userDataField } from '../properties';
import { facebookPath, operateAndReport, queuePathOf } from './common';

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
	const queuePath = queuePathOf(this, itemIndex);
	const body = createBody({ queuePath, userData: userData(this, itemIndex) });
	return await operateAndReport.call(this, itemIndex, gws, facebookPath(), body, {});
}
