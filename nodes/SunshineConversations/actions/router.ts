import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPerItem, type ItemOperation } from '../../shared/perItem';
import * as integration from './integration';

const operations: Record<string, Record<string, ItemOperation>> = {
	integration: {
		create: integration.create.execute,
		delete: integration.delete.execute,
		get: integration.get.execute,
		getAll: integration.getAll.execute,
		update: integration.update.execute,
	},
};

/** Runs the chosen operation once per input item (see runPerItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem.call(this, (resource, operation) => operations[resource]?.[operation]);
}
