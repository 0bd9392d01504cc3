import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationHelp } from '../../shared/operations';
import { runOperations, type Operation, type OperationMap } from '../../shared/router';
import type { NodeMap } from './node.type';
import * as facebook from './facebook';
import * as instagram from './instagram';

/** Every resource and operation of the node description (test/nodes/operations.test.mjs checks both ways). */
export const operations: OperationMap<NodeMap, Operation> = {
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

/** Runs the chosen operation once per input item (see runOperations). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await (runOperations<undefined>).call(this, operations, help);
}
