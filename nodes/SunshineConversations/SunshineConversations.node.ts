import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

// Placeholder while the node is being built; replaced by its issue's work.
export class SunshineConversations implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sunshine Conversations',
		name: 'sunshineConversations',
		icon: { light: 'file:../../icons/sunshine.svg', dark: 'file:../../icons/sunshine.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Sunshine Conversations',
		defaults: { name: 'Sunshine Conversations' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), 'Not built yet');
	}
}
