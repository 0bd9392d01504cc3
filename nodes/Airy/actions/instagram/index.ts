import type { INodeProperties } from 'n8n-workflow';
import * as connect from './connect.operation';
import * as disconnect from './disconnect.operation';

export { connect, disconnect };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['instagram'] } },
		options: [
			{
				name: 'Connect',
				value: 'connect',
				description: 'Connect an Instagram account to Airy Core',
				action: 'Connect an instagram account',
			},
			{
				name: 'Disconnect',
				value: 'disconnect',
				description: 'Disconnect an Instagram channel from Airy Core',
				action: 'Disconnect an instagram account',
			},
		],
		default: 'connect',
	},
	...connect.description,
	...disconnect.description,
];
