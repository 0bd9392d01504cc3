import type { INodeProperties } from 'n8n-workflow';

import * as getProfile from './getProfile.operation';

export { getProfile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Profile',
				value: 'getProfile',
				description: 'Get the name and picture of a person who messaged the Page',
				action: 'Get a user profile',
			},
		],
		default: 'getProfile',
	},
	...getProfile.description,
];
