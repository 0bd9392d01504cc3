import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { returnAllOrLimit } from '../../../shared/descriptions';

import { STICKER_BASE, type ApiVersion } from '../../channels';
import { showFor } from '../display';
import { genesysGetAll } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		default: 'legacy',
		options: [
			{
				name: 'Current',
				value: 'current',
				description: '/api/v2/conversations/messaging/stickers/…',
			},
			{ name: 'Legacy', value: 'legacy', description: '/api/v2/messaging/stickers/…' },
		],
	},
	{
		displayName: 'Messenger Type',
		name: 'messengerType',
		type: 'options',
		default: 'line',
		description: 'The messenger whose stickers to list (Genesys documents stickers for LINE)',
		options: [
			{ name: 'Facebook', value: 'facebook' },
			{ name: 'Instagram', value: 'instagram' },
			{ name: 'LINE', value: 'line' },
			{ name: 'Open', value: 'open' },
			{ name: 'SMS', value: 'sms' },
			{ name: 'Twitter', value: 'twitter' },
			{ name: 'Web Messaging', value: 'webmessaging' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
	},
	...returnAllOrLimit(false),
];

export const description = showFor(
	{ show: { resource: ['sticker'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const apiVersion = this.getNodeParameter('apiVersion', i, 'legacy') as ApiVersion;
	const messengerType = String(this.getNodeParameter('messengerType', i, 'line'));
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	const stickers = await genesysGetAll.call(
		this,
		{
			path: `${STICKER_BASE[apiVersion] ?? STICKER_BASE.legacy}/${encodeURIComponent(messengerType)}`,
			operation: `list ${messengerType} stickers`,
			permission: 'conversation:message:create',
			itemIndex: i,
		},
		limit,
	);
	return stickers.map((json) => ({ json, pairedItem: { item: i } }));
}
