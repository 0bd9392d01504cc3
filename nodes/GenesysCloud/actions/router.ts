import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationHelp } from '../../shared/operations';
import { runOperations, type Operation, type OperationMap } from '../../shared/router';
import * as integration from './integration';
import type { NodeMap } from './node.type';
import * as openMessaging from './openMessaging';
import * as sticker from './sticker';

/** Every resource and operation of the node description (test/nodes/operations.test.mjs checks both ways). */
export const operations: OperationMap<NodeMap, Operation> = {
	integration: {
		create: integration.create.execute,
		delete: integration.delete.execute,
		get: integration.get.execute,
		getAll: integration.getAll.execute,
		update: integration.update.execute,
	},
	sticker: { getAll: sticker.getAll.execute },
	openMessaging: {
		sendInboundEvent: openMessaging.sendInboundEvent.execute,
		sendInboundMessage: openMessaging.sendInboundMessage.execute,
		sendInboundReceipt: openMessaging.sendInboundReceipt.execute,
	},
};

const help: OperationHelp = { node: 'Genesys Cloud', credential: 'Genesys Cloud OAuth2 API' };

/** Runs the chosen operation once per input item (see runOperations). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await (runOperations<undefined>).call(this, operations, help);
}
