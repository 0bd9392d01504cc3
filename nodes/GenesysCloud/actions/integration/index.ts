import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['integration'] } },
		default: 'getAll',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an integration',
				description: 'Create a messaging integration',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete an integration',
				description: 'Delete a messaging integration',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an integration',
				description: 'Get a messaging integration',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many integrations',
				description: 'List the messaging integrations of a channel',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an integration',
				description: 'Update a messaging integration',
			},
		],
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'facebook',
		displayOptions: { show: { resource: ['integration'] } },
		options: [
			{ name: 'Apple Messages for Business', value: 'apple', description: 'Current API only' },
			{ name: 'Facebook', value: 'facebook' },
			{ name: 'Instagram', value: 'instagram', description: 'Current API only' },
			{ name: 'LINE', value: 'line', description: 'Legacy API only' },
			{ name: 'Open Messaging', value: 'open', description: 'Current API only' },
			{ name: 'Twitter (X)', value: 'twitter' },
			{ name: 'WhatsApp', value: 'whatsapp', description: 'Current API only' },
		],
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		default: 'current',
		displayOptions: { show: { resource: ['integration'] } },
		options: [
			{
				name: 'Current',
				value: 'current',
				description: '/api/v2/conversations/messaging/integrations/…',
			},
			{
				name: 'Legacy',
				value: 'legacy',
				description: '/api/v2/messaging/integrations/… (Facebook, LINE, Twitter)',
			},
		],
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
