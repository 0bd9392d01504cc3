import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { ensure, text } from '../../../shared/params';
import { connectBody } from '../../bodies';
import { airyRequest } from '../../transport';
import { checkNumericId, redactChannel } from '../../validation';
import { displayFields, pageFields, readConnectInput } from '../properties';

const properties: INodeProperties[] = [
	...pageFields,
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '17841400000000001',
		description: 'The numeric ID of the Instagram professional account linked to the page',
	},
	...displayFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['instagram'], operation: ['connect'] } },
	properties,
);

/** Connects an Instagram account (through its Facebook page) as an Airy Core channel. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const input = await readConnectInput(this, itemIndex);
	const accountId = text(this, 'accountId', itemIndex);
	ensure(this, itemIndex, checkNumericId(accountId, 'Account ID'));
	const body = connectBody({ ...input, accountId });
	return redactChannel(await airyRequest.call(this, 'channels.instagram.connect', body, itemIndex));
}
