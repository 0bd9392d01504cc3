import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { type KeyedResult, runKeyed } from '../../shared/keyedQueue';
import {
	type OperationHelp,
	type OperationTable,
	lookupOperation,
	resourceAndOperation,
} from '../../shared/operations';
import { errorJson, nodeError } from './common';
import * as attachment from './attachment';
import * as message from './message';
import * as page from './page';
import * as token from './token';
import * as user from './user';
import type { PreparedSend } from './message/shared';
import { deliver } from './message/shared';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;
type Prepare = (this: IExecuteFunctions, itemIndex: number) => Promise<PreparedSend>;

const operations: OperationTable<Operation> = {
	page: {
		explore: page.explore.execute,
		get: page.get.execute,
		subscribeApp: page.subscribeApp.execute,
		unsubscribeApp: page.unsubscribeApp.execute,
		getSubscribedApps: page.getSubscribedApps.execute,
	},
	attachment: { upload: attachment.upload.execute },
	user: { getProfile: user.getProfile.execute },
	token: {
		exchange: token.exchange.execute,
		debug: token.debug.execute,
		getPageTokens: token.getPageTokens.execute,
	},
};

const sends: Record<string, Prepare> = {
	sendText: message.sendText.prepare,
	sendAttachment: message.sendAttachment.prepare,
	sendTemplate: message.sendTemplate.prepare,
	sendAction: message.sendAction.prepare,
};

/** Every resource and operation of the node description (test/nodes/operations.test.mjs checks both ways). */
export const handlers: OperationTable<Operation | Prepare> = { ...operations, message: sends };

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
			if (!continueOnFail) throw nodeError(this, error, i);
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
		if ('failed' in entry) return { json: errorJson(entry.failed), pairedItem: { item: index } };
		const result = byIndex.get(index)!;
		if (result.ok) return { json: result.value, pairedItem: { item: index } };
		if ('skipped' in result) {
			const cause = runnable[result.cause].index;
			return {
				json: {
					error: `Not sent: an earlier message to the same recipient (item ${cause}) failed`,
					skipped: true,
				},
				pairedItem: { item: index },
			};
		}
		return { json: errorJson(result.error), pairedItem: { item: index } };
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
	const error = nodeError(context, result.error, first);
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

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const { resource, operation } = resourceAndOperation(this);
	if (resource === 'message') {
		return [
			await sendMessages.call(
				this,
				lookupOperation(this.getNode(), { message: sends }, resource, operation, help),
			),
		];
	}

	const execute = lookupOperation(this.getNode(), operations, resource, operation, help);
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const rows = await execute.call(this, i);
			output.push(...rows.map((json) => ({ json, pairedItem: { item: i } })));
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this, error, i);
			output.push({ json: errorJson(error), pairedItem: { item: i } });
		}
	}
	return [output];
}
