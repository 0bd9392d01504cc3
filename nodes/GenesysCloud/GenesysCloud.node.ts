import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as integration from './actions/integration';
import { router } from './actions/router';
import * as sticker from './actions/sticker';
import { searchIntegrations } from './methods/listSearch';

export class GenesysCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys Cloud',
		name: 'genesysCloud',
		icon: { light: 'file:../../icons/genesys.svg', dark: 'file:../../icons/genesys.dark.svg' },
		group: ['output'],
		// 1.1: Facebook and Instagram secrets come from the Facebook credentials by default.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and manage Genesys Cloud messaging integrations (Apple, Facebook, Instagram, Open, Twitter, WhatsApp, LINE) and list stickers',
		defaults: { name: 'Genesys Cloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'genesysCloudOAuth2Api', required: true },
			// Shown when Facebook Secrets From is "Facebook Credentials" (see shared/facebookSecrets):
			// the App credential on create (App ID, App Secret, user token), the Page credential
			// unless a user token is used.
			{
				name: 'facebookAppApi',
				required: true,
				displayOptions: {
					show: { facebookSecretsFrom: ['credential'] },
					hide: { operation: ['update'] },
				},
			},
			{
				name: 'facebookPageApi',
				required: true,
				displayOptions: {
					show: { facebookSecretsFrom: ['credential'] },
					hide: { accessTokenType: ['userAccessToken'] },
				},
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'integration',
				options: [
					{ name: 'Integration', value: 'integration' },
					{ name: 'Sticker', value: 'sticker' },
				],
			},
			...integration.description,
			...sticker.description,
		],
	};

	methods = { listSearch: { searchIntegrations } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
