import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

// Placeholder while the node is being built; replaced by its issue's work.
export class Airy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Airy Core',
		name: 'airy',
		icon: { light: 'file:../../icons/airy.svg', dark: 'file:../../icons/airy.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Airy Core',
		defaults: { name: 'Airy Core' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), 'Not built yet');
	}
}
