import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as integration from './integration';
import * as sticker from './sticker';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	integration: {
		create: integration.create.execute,
		delete: integration.delete.execute,
		get: integration.get.execute,
		getAll: integration.getAll.execute,
		update: integration.update.execute,
	},
	sticker: { getAll: sticker.getAll.execute },
};

/** Runs the chosen operation once per input item; continueOnFail turns a failure into an error item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const resource = this.getNodeParameter('resource', i) as string;
		const operation = this.getNodeParameter('operation', i) as string;
		const run = operations[resource]?.[operation];
		try {
			if (!run) throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" on "${resource}"`, { itemIndex: i });
			results.push(...(await run.call(this, i)));
		} catch (error) {
			const typed =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			if (this.continueOnFail()) {
				results.push({ json: { error: typed.message }, pairedItem: { item: i } });
				continue;
			}
			throw typed;
		}
	}
	return [results];
}
