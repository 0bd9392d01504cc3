import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { connectBody } from '../../bodies';
import { airyRequest } from '../../transport';
import { redactChannel } from '../../validation';
import { displayFields, pageFields, readConnectInput } from '../properties';

const properties: INodeProperties[] = [...pageFields, ...displayFields];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['connect'] } },
	properties,
);

/** Connects a Facebook page as an Airy Core channel; outputs the channel without its token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const body = connectBody(await readConnectInput(this, itemIndex));
	return redactChannel(await airyRequest.call(this, 'channels.facebook.connect', body, itemIndex));
}
