import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPerItem } from '../../shared/perItem';
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
	const gws = new GwsSession(this);
	try {
		return await runPerItem.call(
			this,
			(resource, operation) => {
				const run = OPERATIONS[resource]?.[operation];
				if (!run) return undefined;
				return async function (this: IExecuteFunctions, itemIndex: number) {
					return [{ json: await run.call(this, itemIndex, gws), pairedItem: { item: itemIndex } }];
				};
			},
			(error) => ({ error: error.message, description: error.description ?? null }),
		);
	} finally {
		// Ends the CometD client, if Wait for Result opened one.
		await gws.close();
	}
}
