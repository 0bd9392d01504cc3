import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { STICKER_BASE, type ApiVersion } from '../../channels';
import { genesysGetAll } from '../../transport';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { text } from '../../../shared/params';
import { listLimit, showFor } from '../properties';

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

/** Outputs the stickers of a messenger type, all or up to Limit. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const apiVersion = (text(this, 'apiVersion', i) || 'legacy') as ApiVersion;
	const messengerType = text(this, 'messengerType', i) || 'line';
	return await genesysGetAll.call(
		this,
		{
			path: `${STICKER_BASE[apiVersion] ?? STICKER_BASE.legacy}/${encodeURIComponent(messengerType)}`,
			operation: `list ${messengerType} stickers`,
			permission: 'conversation:message:create',
			itemIndex: i,
		},
		listLimit(this, i),
	);
}
