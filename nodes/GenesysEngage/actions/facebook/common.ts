import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../../../shared/router';
import { FACEBOOK_TOPIC } from '../../bayeux';
import { NotificationChannelError, NotificationTimeout } from '../../notifications';
import { outputOf } from '../../results';
import type { GwsSession } from '../../transport';
import { requiredText } from '../params';

/**
 * What the operations on Facebook interactions share: the interaction's path and ID, and the
 * wait for an operation's result over CometD.
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/FacebookSend
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
 */

/** The path of the Facebook interactions of the user, or of one of them (its ID encoded). */
export const facebookPath = (interactionId?: string): string =>
	interactionId
		? `/api/v2/me/facebook/${encodeURIComponent(interactionId)}`
		: '/api/v2/me/facebook';

/** The required Interaction ID parameter. */
export const interactionIdOf = (context: IExecuteFunctions, itemIndex: number): string =>
	requiredText(context, 'interactionId', itemIndex, 'Interaction ID');

/** The required Queue Path parameter. */
export const queuePathOf = (context: IExecuteFunctions, itemIndex: number): string =>
	requiredText(context, 'queuePath', itemIndex, 'Queue Path');

/**
 * Runs a Facebook operation (`body`, a POST to `path`) and, when Wait for Result is on, waits for
 * its CometD notification (matched by referenceId): the output then carries the interaction as
 * Web Services reports it, and `interactionId` is the ID of the interaction the operation produced
 * or changed.
 */
export async function operateAndReport(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
	path: string,
	body: IDataObject,
	ids: IDataObject,
): Promise<IDataObject> {
	const operationName = String(body.operationName);
	const run = async () => await gws.operate(path, body, itemIndex);
	if (!(this.getNodeParameter('waitForResult', itemIndex, false) as boolean))
		return outputOf(await run(), operationName, ids);
	const timeoutMs =
		Math.max(1, Number(this.getNodeParameter('resultTimeout', itemIndex, 30))) * 1000;
	// Subscribed before the request, so that a fast result cannot be missed.
	await channel(
		this,
		itemIndex,
		async () => await gws.notifications.subscribe(FACEBOOK_TOPIC, itemIndex),
	);
	const result = await run();
	const output = outputOf(result, operationName, ids);
	if (typeof result.referenceId !== 'number') {
		throw new NodeOperationError(
			this.getNode(),
			`Web Services accepted ${operationName} without a referenceId, so its result cannot be awaited`,
			{
				itemIndex,
				description: 'Turn off Wait for Result for this operation.',
			},
		);
	}
	const referenceId = result.referenceId;
	const data = await channel(
		this,
		itemIndex,
		async () => await gws.notifications.waitFor(FACEBOOK_TOPIC, referenceId, timeoutMs, itemIndex),
	);
	const interaction = (data.facebook ?? {}) as IDataObject;
	if (data.notificationType === 'Error') {
		throw new NodeApiError(this.getNode(), data as JsonObject, {
			message: `Genesys Engage reported that ${operationName} failed (referenceId ${referenceId})`,
			description:
				typeof data.errorMessage === 'string'
					? data.errorMessage
					: JSON.stringify(data).slice(0, 300),
			itemIndex,
		});
	}
	const producedId = typeof interaction.id === 'string' ? interaction.id : undefined;
	return {
		...output,
		// Reply produces a new interaction: its ID, with the one replied to kept beside it.
		interactionId: producedId ?? output.interactionId ?? null,
		...(output.interactionId && producedId && producedId !== output.interactionId
			? { repliedToInteractionId: output.interactionId }
			: {}),
		notificationType: data.notificationType ?? null,
		state: interaction.state ?? null,
		interaction,
	};
}

/** CometD failures as node errors that say what happened and what it means for the operation. */
async function channel<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (error instanceof NotificationTimeout) {
			throw new NodeOperationError(context.getNode(), error.message, {
				itemIndex,
				description:
					'Web Services accepted the request; its result did not arrive in time. Do not repeat it blindly: check the interaction in Workspace, or raise Result Timeout.',
			});
		}
		if (error instanceof NotificationChannelError) {
			throw new NodeOperationError(context.getNode(), error.message, {
				itemIndex,
				description:
					'The CometD notification channel of Web Services (/api/v2/notifications) did not answer as expected.',
			});
		}
		throw asNodeError(context, error, itemIndex);
	}
}
