import type { INodeProperties } from 'n8n-workflow';

import * as debug from './debug.operation';
import * as exchange from './exchange.operation';
import * as getPageTokens from './getPageTokens.operation';
import * as refresh from './refresh.operation';

export { debug, exchange, getPageTokens, refresh };

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
			{
				name: 'Refresh',
				value: 'refresh',
				description:
					'Renew a long-lived Instagram user token for another 60 days (Instagram Login route)',
				action: 'Refresh a token',
			},
		],
		default: 'exchange',
	},
	...exchange.description,
	...debug.description,
	...getPageTokens.description,
	...refresh.description,
];
