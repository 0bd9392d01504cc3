import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { cancelBody } from '../../bodies';
import { facebookPath, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { operateAndReport } from './result';
import { interactionIdField } from '../fields';

const properties: INodeProperties[] = [interactionIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['cancel'] } },
	properties,
);

/** Cancels an outbound interaction that has not been sent (state becomes Canceled). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const interactionId = requiredString.call(this, 'interactionId', itemIndex, 'Interaction ID');
	return await operateAndReport.call(
		this,
		gws,
		itemIndex,
		'Cancel',
		{ interactionId },
		async () => await gws.operate(facebookPath(interactionId), cancelBody(), itemIndex),
	);
}
