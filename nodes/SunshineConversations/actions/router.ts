import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationHelp, OperationTable } from '../../shared/operations';
import { asIs, runPerItem, type ItemOperation } from '../../shared/perItem';
import * as integration from './integration';

/** Every resource and operation of the node description (test/nodes/operations.test.mjs checks both ways). */
export const operations: OperationTable<ItemOperation> = {
	integration: {
		create: integration.create.execute,
		delete: integration.delete.execute,
		get: integration.get.execute,
		getAll: integration.getAll.execute,
		update: integration.update.execute,
	},
};

const help: OperationHelp = {
	node: 'Sunshine Conversations',
	credential: 'Sunshine Conversations API',
};

/** Runs the chosen operation once per input item (see runPerItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await (runPerItem<ItemOperation>).call(this, operations, help, asIs);
}
