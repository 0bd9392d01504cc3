import type { IDataObject } from 'n8n-workflow';

/**
 * Web Services result bodies (pure): every answer carries `statusCode` (0 = success) and, for
 * asynchronous operations, a `referenceId` that the later CometD notification repeats.
 * @see https://docs.genesys.com/Documentation/GWS/8.6.0/API/ReturnValues
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
 */

/** A Web Services result body: an object whose `statusCode` is a number. */
export interface GwsResult {
	statusCode: number;
	statusMessage?: string;
	referenceId?: number | string;
	[key: string]: unknown;
}

/**
 * The result in a response body (also when it came as JSON text, or with the code as a numeric
 * string), or undefined when the body is not one: an HTML page of a proxy, the CSRF filter's text.
 */
export function asGwsResult(body: unknown): GwsResult | undefined {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const code = (body as { statusCode?: unknown }).statusCode;
	if (typeof code === 'number' && Number.isInteger(code)) return body as GwsResult;
	if (typeof code === 'string' && /^\d+$/.test(code))
		return { ...(body as object), statusCode: Number(code) } as GwsResult;
	return undefined;
}

/**
 * The output item of an accepted operation: the result code and the reference id (which matches
 * the later CometD notification), with the operation's name and the ids it was given.
 */
export function outputOf(result: GwsResult, operationName: string, ids: IDataObject): IDataObject {
	return {
		statusCode: result.statusCode,
		referenceId: result.referenceId ?? null,
		operationName,
		...ids,
	};
}
