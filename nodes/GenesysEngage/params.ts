import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { GwsResult } from './statusCodes';

/** The trimmed value of a string parameter; a clear error, before any request, when it is empty. */
export function requiredString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	keepWhitespace = false,
): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
	// Message texts are sent as typed; identifiers and paths lose stray spaces.
	const text = keepWhitespace ? raw : raw.trim();
	if (!raw.trim()) {
		throw new NodeOperationError(this.getNode(), `'${label}' is required`, {
			itemIndex,
			description: `Enter a value for '${label}' (or an expression that resolves to one).`,
		});
	}
	return text;
}

export function optionalString(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): string | undefined {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return text || undefined;
}

/**
 * User data (the interaction's key-value data) from a JSON parameter. Pure: returns the object
 * (undefined when empty) or the reason it cannot be used.
 */
export function parseUserData(value: unknown): { data?: IDataObject; problem?: string } {
	let data = value;
	if (typeof data === 'string') {
		if (!data.trim()) return {};
		try {
			data = JSON.parse(data);
		} catch {
			return { problem: 'User Data is not valid JSON' };
		}
	}
	if (data === undefined || data === null) return {};
	if (typeof data !== 'object' || Array.isArray(data)) {
		return {
			problem: 'User Data must be a JSON object of keys and values, e.g. {"Subject": "Refund"}',
		};
	}
	return Object.keys(data).length ? { data: data as IDataObject } : {};
}

export function userDataParameter(
	this: IExecuteFunctions,
	itemIndex: number,
): IDataObject | undefined {
	const { data, problem } = parseUserData(this.getNodeParameter('userData', itemIndex, '{}'));
	if (problem) throw new NodeOperationError(this.getNode(), problem, { itemIndex });
	return data;
}

/** An http(s) URL, as SendUrl pushes it to the customer's browser. */
export function isWebUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

export const facebookPath = (interactionId?: string): string =>
	interactionId
		? `/api/v2/me/facebook/${encodeURIComponent(interactionId)}`
		: '/api/v2/me/facebook';

export const facebookSessionPath = (sessionId: string): string =>
	`/api/v2/me/facebooksessions/${encodeURIComponent(sessionId)}`;

/** The output item: the result code and reference id (which matches the later CometD notification). */
export function outputOf(result: GwsResult, operationName: string, ids: IDataObject): IDataObject {
	return {
		statusCode: result.statusCode,
		referenceId: result.referenceId ?? null,
		operationName,
		...ids,
	};
}
