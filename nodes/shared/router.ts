import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { factsOf } from './transport';
import {
	type OperationHelp,
	type OperationTable,
	lookupOperation,
	resourceAndOperation,
} from './operations';

/**
 * The package's one operation contract and per-item router, after n8n's Airtable v2
 * (`actions/node.type.ts`) and Microsoft Teams v2 (`actions/router.ts`): an operation handles one
 * input item and returns plain data; the router pairs every output with its input, applies
 * Continue On Fail in one shape, and reports an unknown resource or operation.
 * @see https://docs.n8n.io/integrations/creating-nodes/build/reference/paired-items/
 */

/** What an operation returns for one item: one output item, or several (a list). */
export type OperationResult = IDataObject | IDataObject[];

/**
 * One operation: handles input item `itemIndex`. `session` is what the router shares across the
 * items of one execution (Genesys Engage's Web Services session); most nodes have none.
 */
export type Operation<Session = undefined> = (
	this: IExecuteFunctions,
	itemIndex: number,
	session: Session,
) => Promise<OperationResult>;

/**
 * Handlers typed against the node's resource → operation names (`NodeMap`, in the node's
 * `actions/node.type.ts`): a missing handler, or one for a name the node does not list, fails to
 * compile. test/nodes/operations.test.mjs checks the map against the description both ways.
 */
export type OperationMap<NodeMap extends Record<string, string>, Handler> = {
	[Resource in keyof NodeMap]: Record<NodeMap[Resource], Handler>;
};

/** An error as the node reports it: the package's errors as they are, anything else wrapped. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/**
 * The one Continue On Fail item of the package: `error` (the message), `description` (the next
 * step) and `httpCode` when known, plus the vendor's public facts (codes, trace ids).
 */
export function errorItem(error: unknown): IDataObject {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
	const httpCode = error instanceof NodeApiError ? error.httpCode : undefined;
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...(httpCode ? { httpCode } : {}),
		...factsOf(error),
	};
}

/** Output items of one input item, each paired with it. */
export function paired(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const rows = Array.isArray(result) ? result : [result];
	return rows.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * Finds the operation for the node's resource and operation (an unknown pair, or n8n's Custom API
 * Call, stops the run with a message that says what to pick, Continue On Fail or not: no item
 * could succeed) and runs it once per input item, in order.
 */
export async function runOperations<Session = undefined>(
	this: IExecuteFunctions,
	table: OperationTable<Operation<Session>>,
	help: OperationHelp,
	session?: Session,
): Promise<INodeExecutionData[][]> {
	// Both are fixed in the node (no expressions), so item 0 tells them for every item.
	const { resource, operation } = resourceAndOperation(this);
	const run = lookupOperation(this.getNode(), table, resource, operation, help);
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...paired(await run.call(this, itemIndex, session as Session), itemIndex));
		} catch (error) {
			const typed = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw typed;
			output.push({ json: errorItem(typed), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
