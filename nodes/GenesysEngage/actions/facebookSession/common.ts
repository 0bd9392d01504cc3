import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { outputOf } from '../../results';
import type { GwsSession } from '../../transport';
import type { NodeMap } from '../node.type';
import { requiredText } from '../params';
import { sessionIdField } from '../properties';

/**
 * What the operations on Facebook private-messaging sessions share: each is one POST with its
 * `operationName` to the session's path, answered `{"statusCode":0}`.
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/FacebookPMAddComment
 */

/** The path of one private-messaging session (its ID encoded). */
export const facebookSessionPath = (sessionId: string): string =>
	`/api/v2/me/facebooksessions/${encodeURIComponent(sessionId)}`;

/** The required Session ID parameter. */
export const sessionIdOf = (context: IExecuteFunctions, itemIndex: number): string =>
	requiredText(context, 'sessionId', itemIndex, 'Session ID');

/** Runs one operation (`body`) on the session and returns its output item. */
export async function operateOnSession(
	gws: GwsSession,
	itemIndex: number,
	sessionId: string,
	body: IDataObject,
): Promise<IDataObject> {
	const result = await gws.operate(facebookSessionPath(sessionId), body, itemIndex);
	return outputOf(result, String(body.operationName), { sessionId });
}

/**
 * One operation on a session, from what is its own: its name, its fields after Session ID, and
 * its request body read from the item (the body reader may refuse the item). Session ID is read
 * first, so a missing one is reported before any other field.
 */
export function sessionOperation(
	operation: NodeMap['facebookSession'],
	fields: INodeProperties[],
	bodyOf: (context: IExecuteFunctions, itemIndex: number) => IDataObject,
) {
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['facebookSession'], operation: [operation] } },
			[sessionIdField, ...fields],
		),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			gws: GwsSession,
		): Promise<IDataObject> {
			const sessionId = sessionIdOf(this, itemIndex);
			return await operateOnSession(gws, itemIndex, sessionId, bodyOf(this, itemIndex));
		},
	};
}
