import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as attachment from './actions/attachment';
import * as message from './actions/message';
import * as page from './actions/page';
import { router } from './actions/router';
import * as token from './actions/token';
import * as user from './actions/user';
import { searchPages } from './methods/listSearch';

/** Explore and subscribe Pages, send Messenger messages, upload attachments, read profiles, manage tokens. */
export class FacebookMessenger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Facebook Messenger',
		name: 'facebookMessenger',
		icon: { light: 'file:../../icons/messenger.svg', dark: 'file:../../icons/messenger.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send Messenger messages and manage Facebook Pages, webhooks subscriptions and tokens',
		defaults: { name: 'Facebook Messenger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Each operation uses the token it needs: the user/app token of the App credential for
		// Pages and tokens, the Page token for everything said or done as the Page.
		credentials: [
			{
				name: 'facebookAppApi',
				required: true,
				displayOptions: { show: { operation: ['debug', 'exchange', 'explore', 'get', 'getPageTokens'] } },
			},
			{
				name: 'facebookPageApi',
				required: true,
				displayOptions: {
					show: {
						operation: [
							'getProfile',
							'getSubscribedApps',
							'sendAction',
							'sendAttachment',
							'sendTemplate',
							'sendText',
							'subscribeApp',
							'unsubscribeApp',
							'upload',
						],
					},
				},
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Attachment', value: 'attachment' },
					{ name: 'Message', value: 'message' },
					{ name: 'Page', value: 'page' },
					{ name: 'Token', value: 'token' },
					{ name: 'User', value: 'user' },
				],
				default: 'message',
			},
			...page.description,
			...message.description,
			...attachment.description,
			...user.description,
			...token.description,
		],
	};

	methods = { listSearch: { searchPages } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
