import type { INodeProperties } from 'n8n-workflow';

import * as debug from './debug.operation';
import * as exchange from './exchange.operation';
import * as getPageTokens from './getPageTokens.operation';

export { debug, exchange, getPageTokens };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [
			{
				name: 'Debug',
				value: 'debug',
				description: 'Inspect a token: type, validity, expiry, scopes',
				action: 'Debug a token',
			},
			{
				name: 'Exchange',
				value: 'exchange',
				description: 'Turn a short-lived user token into a long-lived one',
				action: 'Exchange a token',
			},
			{
				name: 'Get Page Tokens',
				value: 'getPageTokens',
				description: 'List the Page tokens of the managed Pages (secret output)',
				action: 'Get page tokens',
			},
		],
		default: 'exchange',
	},
	...exchange.description,
	...debug.description,
	...getPageTokens.description,
];
