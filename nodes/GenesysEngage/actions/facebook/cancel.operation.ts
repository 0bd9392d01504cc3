import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { cancelBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { interactionIdField } from '../properties';
import { facebookPath, interactionIdOf, operateAndReport } from './common';

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
	const interactionId = interactionIdOf(this, itemIndex);
	return await operateAndReport.call(
		this,
		itemIndex,
		gws,
		facebookPath(interactionId),
		cancelBody(),
		{
			interactionId,
		},
	);
}
