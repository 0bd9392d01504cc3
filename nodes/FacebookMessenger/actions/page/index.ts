import type { INodeProperties } from 'n8n-workflow';

import * as explore from './explore.operation';
import * as get from './get.operation';
import * as getSubscribedApps from './getSubscribedApps.operation';
import * as subscribeApp from './subscribeApp.operation';
import * as unsubscribeApp from './unsubscribeApp.operation';

export { explore, get, getSubscribedApps, subscribeApp, unsubscribeApp };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['page'] } },
		options: [
			{
				name: 'Explore',
				value: 'explore',
				description: 'List every Page the user token can manage',
				action: 'Explore pages',
			},
			{ name: 'Get', value: 'get', description: 'Get a Page', action: 'Get a page' },
			{
				name: 'Get Subscribed Apps',
				value: 'getSubscribedApps',
				description: "List the apps subscribed to a Page's webhooks",
				action: 'Get subscribed apps of a page',
			},
			{
				name: 'Subscribe App',
				value: 'subscribeApp',
				description: "Subscribe this app to a Page's webhooks",
				action: 'Subscribe the app to a page',
			},
			{
				name: 'Unsubscribe App',
				value: 'unsubscribeApp',
				description: "Unsubscribe this app from a Page's webhooks",
				action: 'Unsubscribe the app from a page',
			},
		],
		default: 'explore',
	},
	...explore.description,
	...get.description,
	...subscribeApp.description,
	...unsubscribeApp.description,
	...getSubscribedApps.description,
];
