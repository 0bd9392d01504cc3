import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { rejectBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

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
	const sessionId = sessionIdOf(this, itemIndex);
	return await operateOnSession(gws, itemIndex, sessionId, rejectBody());
}
