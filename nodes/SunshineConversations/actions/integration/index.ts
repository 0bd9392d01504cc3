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
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an Instagram Direct or Messenger integration',
				action: 'Create an integration',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an integration',
				action: 'Delete an integration',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an integration',
				action: 'Get an integration',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many integrations of the app',
				action: 'Get many integrations',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update the display name, token or story switches of an integration',
				action: 'Update an integration',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
];
