import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collection } from '../../../shared/params';
import { listIntegrations } from '../../transport';

const properties: INodeProperties[] = [
	...returnAllOrLimit(false),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				// The integration types of the API (filter[types]).
				options: [
					{ name: 'Android', value: 'android' },
					{ name: 'Apple Messages for Business', value: 'apple' },
					{ name: 'Custom', value: 'custom' },
					{ name: 'Instagram Direct', value: 'instagram' },
					{ name: 'iOS', value: 'ios' },
					{ name: 'LINE', value: 'line' },
					{ name: 'Mailgun', value: 'mailgun' },
					{ name: 'MessageBird', value: 'messagebird' },
					{ name: 'Messenger', value: 'messenger' },
					{ name: 'Telegram', value: 'telegram' },
					{ name: 'Twilio', value: 'twilio' },
					{ name: 'Twitter', value: 'twitter' },
					{ name: 'Unity', value: 'unity' },
					{ name: 'Viber', value: 'viber' },
					{ name: 'Web Messenger', value: 'web' },
					{ name: 'WhatsApp', value: 'whatsapp' },
				],
				default: [],
				description: 'Only integrations of these types',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['getAll'] } },
	properties,
);

/** The integrations of the app, all or up to Limit, of the chosen types. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = collection(this, 'filters', itemIndex);
	const types = Array.isArray(filters.types) ? (filters.types as string[]) : [];
	return await listIntegrations.call(this, itemIndex, types, limit);
}
