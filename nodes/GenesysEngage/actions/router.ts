import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { GwsSession } from '../transport';
import * as facebook from './facebook';
import * as facebookSession from './facebookSession';

type Operation = (this: IExecuteFunctions, itemIndex: number, gws: GwsSession) => Promise<IDataObject>;

const OPERATIONS: Record<string, Record<string, Operation>> = {
	facebook: {
		cancel: facebook.cancel.execute,
		create: facebook.create.execute,
		reply: facebook.reply.execute,
		send: facebook.send.execute,
	},
	facebookSession: {
		accept: facebookSession.accept.execute,
		addComment: facebookSession.addComment.execute,
		complete: facebookSession.complete.execute,
		reject: facebookSession.reject.execute,
		sendMessage: facebookSession.sendMessage.execute,
		sendUrl: facebookSession.sendUrl.execute,
		transfer: facebookSession.transfer.execute,
	},
};

/**
 * Runs the selected operation once per input item, in order, over one Web Services session
 * (one JSESSIONID cookie and CSRF token for the whole execution).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const gws = new GwsSession(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = OPERATIONS[resource]?.[operation];
			if (!run) {
				throw new NodeOperationError(this.getNode(), `The operation '${operation}' is not supported for '${resource}'`, {
					itemIndex,
				});
			}
			const json = await run.call(this, itemIndex, gws);
			output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				const failure = error as { message?: string; description?: string };
				output.push({
					json: { error: failure.message ?? 'Unknown error', description: failure.description ?? null },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [output];
}

/** Operations throw NodeApiError / NodeOperationError already; anything else is wrapped. */
function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}
