/**
 * Genesys Engage Web Services answers every call with `statusCode` (0 = success) and, on error,
 * `statusMessage`. Meanings from the Web Services "Return Values" page (8.5.2 / 8.6.0).
 */
export const STATUS_MEANINGS: Readonly<Record<number, string>> = {
	0: 'The operation is successful',
	1: 'A required parameter is missing in the request',
	2: 'A specified parameter is not valid for the current state',
	3: 'The operation is forbidden',
	4: 'An internal error occurred in Web Services or a server it works with',
	5: 'The user does not have permission to perform this operation',
	6: 'The requested resource could not be found',
	7: 'The operation was only partially successful',
	8: 'Web Services demands a password change for the user',
	9: 'Processing is incomplete',
	10: 'Input validation error: a value is not within the range of valid values',
	11: 'A read-only property cannot be changed',
	12: 'Unable to retrieve the resource',
	13: 'Unable to create the resource',
	14: 'Unable to delete the resource',
	15: 'Unable to update the resource',
	16: 'Unable to assign the resource',
	17: 'Unable to unassign the resource',
	18: 'The resource already exists',
	19: 'The resource is already in use',
	20: 'The user is not authenticated: check the user name and password of the credential',
};

export function statusMeaning(code: number): string {
	return STATUS_MEANINGS[code] ?? `Unknown Web Services status code ${code}`;
}

/** A Web Services result body: an object whose `statusCode` is a number. */
export interface GwsResult {
	statusCode: number;
	statusMessage?: string;
	referenceId?: number | string;
	[key: string]: unknown;
}

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
