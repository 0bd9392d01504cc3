import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runKeyed } from '../../shared/keyedQueue';
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

/**
 * Messages: every item is validated first (a mistake stops the run before anything is sent,
 * unless Continue On Fail), then sent concurrently across recipients and in item order per
 * recipient. Outputs come back in input order.
 */
async function sendMessages(
	this: IExecuteFunctions,
	prepare: Prepare,
): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const prepared: Array<PreparedSend | { failed: unknown }> = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared.push(await prepare.call(this, i));
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this, error, i);
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
	);
	const byIndex = new Map(runnable.map(({ index }, n) => [index, results[n]]));
	return prepared.map((entry, index) => {
		if ('failed' in entry) return { json: errorJson(entry.failed), pairedItem: { item: index } };
		const result = byIndex.get(index)!;
		if (result.ok) return { json: result.value, pairedItem: { item: index } };
		if (!this.continueOnFail()) throw nodeError(this, result.error, index);
		return { json: errorJson(result.error), pairedItem: { item: index } };
	});
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
