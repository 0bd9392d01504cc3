import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import {
	type OperationHelp,
	type OperationTable,
	lookupOperation,
	resourceAndOperation,
} from './operations';

/** An operation that handles one input item and returns its output items (with pairedItem). */
export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<INodeExecutionData[]>;

/**
 * The router of the nodes whose operations work item by item: finds the operation for the node's
 * resource and operation (an unknown pair, or n8n's Custom API Call, stops the run with a message
 * that says what to pick, Continue On Fail or not: no item could succeed), runs it per item, and
 * with Continue On Fail turns a failure into an error item paired with its input. Operations
 * throw NodeApiError / NodeOperationError already; anything else is wrapped with the item index.
 */
export async function runPerItem<Handler>(
	this: IExecuteFunctions,
	operations: OperationTable<Handler>,
	help: OperationHelp,
	bind: (handler: Handler) => ItemOperation,
	errorItem: (error: NodeApiError | NodeOperationError) => INodeExecutionData['json'] = (
		error,
	) => ({ error: error.message }),
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Both are fixed in the node (no expressions), so item 0 tells them for every item.
	const { resource, operation } = resourceAndOperation(this);
	const run = bind(lookupOperation(this.getNode(), operations, resource, operation, help));
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...(await run.call(this, itemIndex)));
		} catch (error) {
			const typed =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (!this.continueOnFail()) throw typed;
			output.push({ json: errorItem(typed), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

/** For tables whose handlers already are item operations. */
export const asIs = (handler: ItemOperation): ItemOperation => handler;
