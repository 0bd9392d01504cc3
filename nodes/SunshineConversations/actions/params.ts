import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { checkRecordId } from '../helpers';

export function text(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

/** Throws the first validation message as a NodeOperationError for this item. */
export function ensure(
	context: IExecuteFunctions,
	itemIndex: number,
	...messages: Array<string | undefined>
): void {
	const message = messages.find((m) => m !== undefined);
	if (message) throw new NodeOperationError(context.getNode(), message, { itemIndex });
}

export const integrationIdField: INodeProperties = {
	displayName: 'Integration ID',
	name: 'integrationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '5e4af71a81966cfff3ef6550',
	description: 'The ID of the integration (24 hexadecimal characters)',
};

/** The checked integration ID, path-encoded. */
export function integrationPath(
	context: IExecuteFunctions,
	itemIndex: number,
): { id: string; path: string } {
	const id = text(context, 'integrationId', itemIndex);
	ensure(context, itemIndex, checkRecordId(id, 'Integration ID'));
	return { id, path: `/integrations/${encodeURIComponent(id)}` };
}
