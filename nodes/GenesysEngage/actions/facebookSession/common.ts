import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { outputOf } from '../../results';
import type { GwsSession } from '../../transport';
import { requiredText } from '../params';

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
