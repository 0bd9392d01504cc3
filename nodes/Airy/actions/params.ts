import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A trimmed string parameter. */
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
