import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The value n8n adds as "Custom API Call" to the Resource and Operation lists of a node when one of
 * the node's credentials defines `authenticate` (n8n then expects the HTTP Request node to make the
 * call with that credential). The editor points to the HTTP Request node; the node itself only
 * receives the value when a workflow is run anyway.
 */
export const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** Handlers by resource, then by operation, exactly as the node description lists them. */
export type OperationTable<Handler> = Record<string, Record<string, Handler>>;

/** What the messages for an unknown resource/operation say about the node. */
export interface OperationHelp {
	/** The node's display name, e.g. "Genesys Cloud". */
	node: string;
	/**
	 * How to make a call the node does not offer: for Custom API Call. Defaults to the HTTP
	 * Request node with the predefined credential type `credential`.
	 */
	customApiCall?: string;
	/** Display name of the credential type to pick in the HTTP Request node. */
	credential?: string;
}

/**
 * The node's Resource and Operation. n8n drops the Operation before the node runs when the
 * Resource shows none (an unknown resource, or "Custom API Call" picked as the Resource): then it
 * is '', so the router can still say what to pick instead of n8n's "Could not get parameter".
 */
export function resourceAndOperation(context: IExecuteFunctions): {
	resource: string;
	operation: string;
} {
	return {
		resource: context.getNodeParameter('resource', 0, '') as string,
		operation: context.getNodeParameter('operation', 0, '') as string,
	};
}

/** The handler for a resource and operation, or a NodeOperationError that says what to change. */
export function lookupOperation<Handler>(
	node: INode,
	table: OperationTable<Handler>,
	resource: string,
	operation: string,
	help: OperationHelp,
	itemIndex?: number,
): Handler {
	// Own properties only: "constructor" or "toString" must not resolve to Object's methods.
	const operations = Object.hasOwn(table, resource) ? table[resource] : undefined;
	const handler =
		operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (handler !== undefined) return handler;
	throw unknownOperationError(node, resource, operation, help, itemIndex);
}

/** The error for a resource/operation pair the node has no handler for. */
export function unknownOperationError(
	node: INode,
	resource: string,
	operation: string,
	help: OperationHelp,
	itemIndex?: number,
): NodeOperationError {
	if (resource === CUSTOM_API_CALL || operation === CUSTOM_API_CALL) {
		const how =
			help.customApiCall ??
			`Add an HTTP Request node, set Authentication to "Predefined Credential Type", pick "${help.credential ?? help.node}" as Credential Type and the same credential, and enter the method and URL of the call: n8n signs the request with the credential.`;
		return new NodeOperationError(
			node,
			`"Custom API Call" runs in the HTTP Request node, not in the ${help.node} node`,
			{
				itemIndex,
				description: `${how} Here, pick one of the ${help.node} node's own operations, or remove this node.`,
			},
		);
	}
	// n8n removes a hidden parameter before the node runs: an unknown resource shows no Operation,
	// so the node receives none.
	const what = operation
		? `resource "${resource}" with operation "${operation}"`
		: `resource "${resource}"`;
	return new NodeOperationError(node, `The ${help.node} node does not know the ${what}`, {
		itemIndex,
		description: `Open the node and pick a Resource and an Operation from its lists. (The workflow was probably written for another version of n8n-nodes-messenger-bridge, or edited by hand.)`,
	});
}
