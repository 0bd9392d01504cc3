import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OperationHelp } from '../../shared/operations';
import { type Operation, type OperationMap, runOperations } from '../../shared/router';
import { GwsSession } from '../transport';
import * as facebook from './facebook';
import * as facebookSession from './facebookSession';
import type { NodeMap } from './node.type';

/** Every resource and operation of the node description (test/nodes/operations.test.mjs checks both ways). */
export const operations: OperationMap<NodeMap, Operation<GwsSession>> = {
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
 * n8n offers no Custom API Call here (the credential has no `authenticate`, see the README): a
 * Web Services write needs the session's JSESSIONID cookie and CSRF token, which no credential
 * can add. A workflow that still asks for it is pointed to the HTTP Request node.
 */
const help: OperationHelp = {
	node: 'Genesys Engage',
	customApiCall:
		'Add an HTTP Request node with Authentication "Generic Credential Type" → "Basic Auth" (the Web Services user). A read (GET) needs nothing more. For a write, first GET {Base URL}/api/v2/me with the response headers included, then send the POST with the Cookie header set to its JSESSIONID cookie and the X-CSRF-TOKEN header set to its X-CSRF-TOKEN (see the README, "Genesys Engage: calls this node does not offer").',
};

/**
 * Runs the selected operation once per input item, in order, over one Web Services session
 * (one JSESSIONID cookie and CSRF token for the whole execution).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const gws = new GwsSession(this);
	try {
		return await (runOperations<GwsSession>).call(this, operations, help, gws);
	} finally {
		// Ends the CometD client, if Wait for Result opened one.
		await gws.close();
	}
}
