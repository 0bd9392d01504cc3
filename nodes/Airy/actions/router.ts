import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationHelp, OperationTable } from '../../shared/operations';
import { asIs, runPerItem, type ItemOperation } from '../../shared/perItem';
import * as facebook from './facebook';
import * as instagram from './instagram';

/** Every resource and operation of the node description (test/nodes/operations.test.mjs checks both ways). */
export const operations: OperationTable<ItemOperation> = {
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

const help: OperationHelp = { node: 'Airy Core', credential: 'Airy Core API' };

/** Runs the chosen operation once per input item (see runPerItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await (runPerItem<ItemOperation>).call(this, operations, help, asIs);
}
