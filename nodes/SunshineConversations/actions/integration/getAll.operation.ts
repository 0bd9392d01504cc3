import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { listQuery, nextCursor, type ListPage } from '../../helpers';
import { sunshineRequest } from '../../transport';

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

/** Follows page[after] cursors with the largest useful page[size] until the last page or the limit. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const types = Array.isArray(filters.types) ? (filters.types as string[]) : [];
	const results: IDataObject[] = [];
	let after: string | undefined;
	do {
		const remaining = limit === undefined ? undefined : limit - results.length;
		const page = (await sunshineRequest.call(this, 'GET', '/integrations', itemIndex, {
			qs: listQuery(after, remaining, types),
		})) as ListPage;
		results.push(...(page.integrations ?? []));
		after = nextCursor(page);
	} while (after && (limit === undefined || results.length < limit));
	const kept = limit === undefined ? results : results.slice(0, limit);
	return kept.map((integration) => ({ json: integration, pairedItem: { item: itemIndex } }));
}
