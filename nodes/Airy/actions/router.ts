import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPerItem, type ItemOperation } from '../../shared/perItem';
import * as facebook from './facebook';
import * as instagram from './instagram';

const operations: Record<string, Record<string, ItemOperation>> = {
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

/** Runs the chosen operation once per input item (see runPerItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem.call(this, (resource, operation) => operations[resource]?.[operation]);
}
