import type { INodeProperties } from 'n8n-workflow';
import * as connect from './connect.operation';
import * as disconnect from './disconnect.operation';
import * as explore from './explore.operation';

export { connect, disconnect, explore };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['facebook'] } },
		options: [
			{
				name: 'Connect',
				value: 'connect',
				description: 'Connect a Facebook page to Airy Core',
				action: 'Connect a facebook page',
			},
			{
				name: 'Disconnect',
				value: 'disconnect',
				description: 'Disconnect a Facebook page channel from Airy Core',
				action: 'Disconnect a facebook page',
			},
			{
				name: 'Explore',
				value: 'explore',
				description: 'List the Facebook pages a user manages and whether each is connected',
				action: 'Explore facebook pages',
			},
		],
		default: 'explore',
	},
	...explore.description,
	...connect.description,
	...disconnect.description,
];
