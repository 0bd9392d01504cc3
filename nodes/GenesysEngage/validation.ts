import type { IDataObject } from 'n8n-workflow';

/** Pure checks of the Genesys Engage node's input, made before any request. */

/**
 * User Data (the interaction's key-value data) from a JSON parameter: the object (undefined when
 * empty), or the problem that says what to change.
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

/** An http(s) URL, as SendUrl pushes it to the customer's browser. */
export function isWebUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}
