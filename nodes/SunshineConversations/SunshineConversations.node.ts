import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as integration from './actions/integration';
import { router } from './actions/router';

/** Sunshine Conversations (Zendesk, formerly Smooch): Instagram Direct and Messenger integrations. */
export class SunshineConversations implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sunshine Conversations',
		name: 'sunshineConversations',
		icon: { light: 'file:../../icons/sunshine.svg', dark: 'file:../../icons/sunshine.dark.svg' },
		group: ['output'],
		// 1.1: a create takes the Facebook secrets from the Facebook credentials by default.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create and manage Instagram Direct and Messenger integrations in Sunshine Conversations',
		defaults: { name: 'Sunshine Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'sunshineConversationsApi', required: true },
			// Shown when Facebook Secrets From is "Facebook Credentials" on create (see
			// shared/facebookSecrets): the Page token, the Facebook app's ID and secret.
			{
				name: 'facebookAppApi',
				required: true,
				displayOptions: { show: { facebookSecretsFrom: ['credential'] } },
			},
			{
				name: 'facebookPageApi',
				required: true,
				displayOptions: { show: { facebookSecretsFrom: ['credential'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Integration', value: 'integration' }],
				default: 'integration',
			},
			...integration.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
