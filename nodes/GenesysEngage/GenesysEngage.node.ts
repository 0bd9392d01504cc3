import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as facebook from './actions/facebook';
import * as facebookSession from './actions/facebookSession';
import { router } from './actions/router';

/** Genesys Engage Web Services (GWS): Facebook interactions and Facebook private-messaging sessions. */
export class GenesysEngage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys Engage',
		name: 'genesysEngage',
		icon: { light: 'file:../../icons/genesys.svg', dark: 'file:../../icons/genesys.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send Facebook messages and handle Facebook private-messaging sessions through Genesys Engage Web Services',
		defaults: { name: 'Genesys Engage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genesysEngageApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Facebook Interaction', value: 'facebook' },
					{ name: 'Facebook Session', value: 'facebookSession' },
				],
				default: 'facebook',
			},
			...facebook.description,
			...facebookSession.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
