import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as attachment from './actions/attachment';
import * as message from './actions/message';
import * as page from './actions/page';
import { router } from './actions/router';
import * as token from './actions/token';
import * as user from './actions/user';
import { searchPages } from './methods/listSearch';
import { ROUTE_DISPLAY, routeProperty } from './route';

/** Operations that act with the App credential's user or app token. */
export const APP_TOKEN_OPERATIONS = [
	'debug',
	'exchange',
	'explore',
	'get',
	'getPageTokens',
	'refresh',
] as const;

/** Operations that act as the Page, with the Facebook Page credential's token. */
export const PAGE_TOKEN_OPERATIONS = [
	'getProfile',
	'getSubscribedApps',
	'sendAction',
	'sendAttachment',
	'sendTemplate',
	'sendText',
	'subscribeApp',
	'unsubscribeApp',
	'upload',
] as const;

/** Explore and subscribe Pages, send Messenger messages, upload attachments, read profiles, manage tokens. */
export class FacebookMessenger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Facebook Messenger',
		name: 'facebookMessenger',
		icon: { light: 'file:../../icons/messenger.svg', dark: 'file:../../icons/messenger.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send Messenger messages and manage Facebook Pages, webhooks subscriptions and tokens',
		defaults: { name: 'Facebook Messenger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Each operation uses the token it needs: the user/app token of the App credential for
		// Pages and tokens, the Page token for everything said or done as the Page.
		// `hide`, not `show`: n8n's editor takes a parameter whose every value appears in the
		// credentials' `displayOptions.show` for the node's authentication field, hides it and lets
		// the credential picker overwrite it (editor-ui nodeTypesUtils, getMainAuthField). Keyed
		// with `show`, `operation` was exactly that, and the node lost the operation a user picked.
		// The route (Authentication) picks the credential family: Facebook Login (the App and Page
		// credentials above) or Instagram Login (its one credential, for every operation it has).
		credentials: [
			{
				name: 'facebookAppApi',
				displayName: 'Facebook App',
				required: true,
				displayOptions: {
					hide: { ...ROUTE_DISPLAY.facebookPage.hide, operation: [...PAGE_TOKEN_OPERATIONS] },
				},
			},
			{
				name: 'facebookPageApi',
				displayName: 'Facebook Page',
				required: true,
				displayOptions: {
					hide: { ...ROUTE_DISPLAY.facebookPage.hide, operation: [...APP_TOKEN_OPERATIONS] },
				},
			},
			{
				name: 'instagramLoginApi',
				displayName: 'Instagram Login',
				required: true,
				displayOptions: ROUTE_DISPLAY.instagramLogin,
			},
		],
		properties: [
			routeProperty,
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
