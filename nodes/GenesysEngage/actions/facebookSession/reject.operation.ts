import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { rejectBody } from '../../bodies';
import { facebookSessionPath, outputOf, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../fields';

const properties: INodeProperties[] = [sessionIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['reject'] } },
	properties,
);

/** Rejects an invitation to a private-messaging session. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const sessionId = requiredString.call(this, 'sessionId', itemIndex, 'Session ID');
	const result = await gws.operate(facebookSessionPath(sessionId), rejectBody(), itemIndex);
	return outputOf(result, 'Reject', { sessionId });
}
