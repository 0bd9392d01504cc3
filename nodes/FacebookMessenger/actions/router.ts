import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { type KeyedResult, runKeyed } from '../../shared/keyedQueue';
import { type OperationHelp, lookupOperation, resourceAndOperation } from '../../shared/operations';
import {
	type Operation,
	type OperationMap,
	asNodeError,
	errorItem,
	paired,
	runOperations,
} from '../../shared/router';
import * as attachment from './attachment';
import * as message from './message';
import { deliver, type PreparedSend } from './message/common';
import type { NodeMap } from './node.type';
import * as page from './page';
import * as token from './token';
import * as user from './user';
import { assertOperationOnRoute } from '../route';

/** A message operation: validates one item into a Send API request; `sendMessages` sends them. */
type Prepare = (this: IExecuteFunctions, itemIndex: number) => Promise<PreparedSend>;

type Handlers = OperationMap<Omit<NodeMap, 'message'>, Operation> &
	OperationMap<Pick<NodeMap, 'message'>, Prepare>;

/** Every resource and operation of the node (test/nodes/operations.test.mjs checks both ways). */
export const operations: Handlers = {
	attachment: { upload: attachment.upload.execute },
	message: {
		sendAction: message.sendAction.prepare,
		sendAttachment: message.sendAttachment.prepare,
		sendTemplate: message.sendTemplate.prepare,
		sendText: message.sendText.prepare,
	},
	page: {
		explore: page.explore.execute,
		get: page.get.execute,
		getSubscribedApps: page.getSubscribedApps.execute,
		subscribeApp: page.subscribeApp.execute,
		unsubscribeApp: page.unsubscribeApp.execute,
	},
	token: {
		debug: token.debug.execute,
		exchange: token.exchange.execute,
		getPageTokens: token.getPageTokens.execute,
		refresh: token.refresh.execute,
	},
	user: { getProfile: user.getProfile.execute },
};

const { message: sends, ...itemOperations } = operations;
// The shared router without a session (an instantiation: `.call` would lose the type argument).
const runItems = runOperations<undefined>;

const help: OperationHelp = {
	node: 'Facebook Messenger',
	credential: 'Facebook Page API (or Facebook App API)',
};

/** Item indexes as a short list: `0, 1, 3, 5–9`. */
function itemList(indexes: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < indexes.length; i++) {
		let end = i;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		parts.push(end > i + 1 ? `${indexes[i]}–${indexes[end]}` : String(indexes[i]));
		if (end === i + 1) parts.push(String(indexes[end]));
		i = end;
	}
	return `item${indexes.length === 1 ? '' : 's'} ${parts.join(', ')}`;
}

/**
 * Messages: every item is validated first (a mistake stops the run before anything is sent,
 * unless Continue On Fail), then sent concurrently across recipients and in item order per
 * recipient. Outputs come back in input order.
 *
 * A failed send never lets a later message to the same recipient go out (its order would be
 * broken). Without Continue On Fail no send starts after the first failure (those in flight
 * finish) and the error says which items were sent, so a re-run can leave them out.
 */
async function sendMessages(
	this: IExecuteFunctions,
	prepare: Prepare,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const prepared: Array<PreparedSend | { failed: unknown }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push(await prepare.call(this, i));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, i);
			prepared.push({ failed: error });
		}
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Math.max(1, Math.min(100, Number(options.concurrency ?? 20) || 20));
	const runnable = prepared
		.map((entry, index) => ({ entry, index }))
		.filter((x): x is { entry: PreparedSend; index: number } => !('failed' in x.entry));
	const results = await runKeyed(
		runnable.map(({ entry, index }) => ({
			key: entry.key,
			run: async () => await deliver.call(this, index, entry),
		})),
		concurrency,
		{ poisonKey: true, stopOnFailure: !continueOnFail },
	);
	const byIndex = new Map(runnable.map(({ index }, n) => [index, results[n]]));
	const failures = runnable
		.map(({ index }, n) => ({ index, result: results[n] }))
		.filter(({ result }) => !result.ok && 'error' in result)
		.sort((a, b) => (a.result as { order: number }).order - (b.result as { order: number }).order)
		.map(({ index }) => index);
	if (!continueOnFail && failures.length) throw sendFailure(this, failures, byIndex);
	return prepared.map((entry, index) => {
		if ('failed' in entry) return paired(errorItem(entry.failed), index)[0];
		const result = byIndex.get(index)!;
		if (result.ok) return paired(result.value, index)[0];
		if ('skipped' in result) {
			const cause = runnable[result.cause].index;
			return paired(
				{
					error: `Not sent: an earlier message to the same recipient (item ${cause}) failed`,
					skipped: true,
				},
				index,
			)[0];
		}
		return paired(errorItem(result.error), index)[0];
	});
}

/** The first failed send's error, its description extended with what was sent and what not. */
function sendFailure(
	context: IExecuteFunctions,
	failures: number[],
	byIndex: Map<number, KeyedResult<IDataObject>>,
): NodeApiError | NodeOperationError {
	const first = failures[0];
	const result = byIndex.get(first) as { error: unknown };
	const error = asNodeError(context, result.error, first);
	const sent: number[] = [];
	const messageIds: string[] = [];
	const notSent: number[] = [];
	const alsoFailed: number[] = [];
	for (const [index, outcome] of [...byIndex].sort(([a], [b]) => a - b)) {
		if (outcome.ok) {
			sent.push(index);
			const id = outcome.value.messageId ?? outcome.value.attachmentId;
			if (id !== undefined) messageIds.push(String(id));
		} else if ('skipped' in outcome) notSent.push(index);
		else if (index !== first) alsoFailed.push(index);
	}
	const summary = [
		`Item ${first} was not sent.`,
		sent.length
			? `Sent before the failure: ${itemList(sent)}${messageIds.length ? ` (message ids ${messageIds.join(', ')})` : ''}.`
			: 'Nothing was sent before the failure.',
		alsoFailed.length ? `Also failed (in flight): ${itemList(alsoFailed)}.` : '',
		notSent.length ? `Not sent: ${itemList(notSent)}.` : '',
	]
		.filter(Boolean)
		.join(' ');
	error.description = error.description ? `${error.description} ${summary}` : summary;
	return error;
}

/**
 * Messages go through `sendMessages` (concurrent across recipients); every other resource runs
 * item by item through the shared router.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { resource, operation } = resourceAndOperation(this);
	assertOperationOnRoute(this, resource, operation);
	if (resource === 'message') {
		const prepare = lookupOperation(this.getNode(), { message: sends }, resource, operation, help);
		return [await sendMessages.call(this, prepare)];
	}
	return await runItems.call(this, itemOperations, help);
}
