import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as facebook from './actions/facebook';
import * as instagram from './actions/instagram';
import { router } from './actions/router';

/** Airy Core: connect Facebook pages and Instagram accounts as Airy channels. */
export class Airy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Airy Core',
		name: 'airy',
		icon: { light: 'file:../../icons/airy.svg', dark: 'file:../../icons/airy.dark.svg' },
		group: ['output'],
		// 1.1: Facebook tokens come from the Facebook credentials by default.
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Connect Facebook pages and Instagram accounts to Airy Core',
		defaults: { name: 'Airy Core' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'airyApi', required: true },
			// Shown when Facebook Secrets From is "Facebook Credentials" (see shared/facebookSecrets):
			// the App credential's user token for Explore, the Page credential's token for Connect.
			{
				name: 'facebookAppApi',
				required: true,
				displayOptions: {
					show: { facebookSecretsFrom: ['credential'] },
					hide: { operation: ['connect'] },
				},
			},
			{
				name: 'facebookPageApi',
				required: true,
				displayOptions: {
					show: { facebookSecretsFrom: ['credential'] },
					hide: { operation: ['explore'] },
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
					{ name: 'Facebook Page', value: 'facebook' },
					{ name: 'Instagram Account', value: 'instagram' },
				],
				default: 'facebook',
			},
			...facebook.description,
			...instagram.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
