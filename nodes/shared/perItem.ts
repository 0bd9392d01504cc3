import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** An operation that handles one input item and returns its output items (with pairedItem). */
export type ItemOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

/**
 * The router of the nodes whose operations work item by item: reads resource and operation per
 * item, runs the matching operation, and with Continue On Fail turns a failure into an error item
 * paired with its input. Operations throw NodeApiError / NodeOperationError already; anything else
 * is wrapped with the item index.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	operationFor: (resource: string, operation: string) => ItemOperation | undefined,
	errorItem: (error: NodeApiError | NodeOperationError) => INodeExecutionData['json'] = (error) => ({ error: error.message }),
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = operationFor(resource, operation);
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`, {
					itemIndex,
				});
			}
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
