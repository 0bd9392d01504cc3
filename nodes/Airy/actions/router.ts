import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import * as facebook from './facebook';
import * as instagram from './instagram';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	facebook: {
		connect: facebook.connect.execute,
		disconnect: facebook.disconnect.execute,
		explore: facebook.explore.execute,
	},
	instagram: {
		connect: instagram.connect.execute,
		disconnect: instagram.disconnect.execute,
	},
};

/** Runs the chosen operation once per input item; with Continue On Fail an error becomes an item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		const run = operations[resource]?.[operation];
		try {
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`, {
					itemIndex,
				});
			}
			output.push(...(await run.call(this, itemIndex)));
		} catch (error) {
			const failure = error as Error;
			if (this.continueOnFail()) {
				output.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			// Operations already throw NodeApiError / NodeOperationError with the item index.
			if (failure instanceof NodeApiError || failure instanceof NodeOperationError) throw failure;
			throw new NodeOperationError(this.getNode(), failure, { itemIndex });
		}
	}
	return [output];
}
