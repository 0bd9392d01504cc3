import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

// Placeholder while the node is being built; replaced by its issue's work.
export class GenesysEngage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys Engage',
		name: 'genesysEngage',
		icon: { light: 'file:../../icons/genesys.svg', dark: 'file:../../icons/genesys.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Genesys Engage',
		defaults: { name: 'Genesys Engage' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), 'Not built yet');
	}
}
