/**
 * Genesys Cloud's ErrorBody ({message, code, status, contextId, messageParams, details}) turned
 * into what a NodeApiError shows. Pure: the transport feeds it plain data only.
 */
export interface GenesysErrorInfo {
	message: string;
	description: string;
	code?: string;
	status?: number;
	contextId?: string;
	permission?: string;
}

interface ErrorBody {
	message?: unknown;
	code?: unknown;
	status?: unknown;
	contextId?: unknown;
	messageParams?: Record<string, unknown>;
	details?: Array<{ fieldName?: unknown; errorCode?: unknown }>;
	error?: unknown;
	error_description?: unknown;
}

/** The permission(s) a missing.permissions error names ("…permission(s): [a, b]"). */
export function missingPermissionOf(body: ErrorBody): string | undefined {
	const fromParams = body.messageParams?.permissions;
	const source =
		typeof fromParams === 'string'
			? fromParams
			: typeof body.message === 'string'
				? body.message
				: '';
	const bracketed = /\[([^\]]+)\]/.exec(source)?.[1];
	const bare = /permission\(s\):\s*([\w:, ]+)/.exec(source)?.[1];
	const found = (bracketed ?? bare)?.trim();
	return found || undefined;
}

export function describeGenesysError(
	status: number | undefined,
	data: unknown,
	context: { operation: string; permission?: string; contextIdHeader?: string },
): GenesysErrorInfo {
	const body: ErrorBody = data && typeof data === 'object' ? (data as ErrorBody) : {};
	const code =
		typeof body.code === 'string'
			? body.code
			: typeof body.error === 'string'
				? body.error
				: undefined;
	const contextId = typeof body.contextId === 'string' ? body.contextId : context.contextIdHeader;
	const vendorMessage =
		typeof body.message === 'string'
			? body.message
			: typeof body.error_description === 'string'
				? body.error_description
				: typeof data === 'string' && data.length < 300
					? data
					: undefined;
	const parts: string[] = [];
	let message = `Genesys Cloud: ${vendorMessage ?? `HTTP ${status ?? 'error'}`}`;
	let permission: string | undefined;

	if (code === 'missing.permissions' || code === 'missing.any.permissions') {
		permission = missingPermissionOf(body) ?? context.permission;
		message = `Genesys Cloud: the OAuth client is missing the permission ${permission ?? '(unknown)'} needed to ${context.operation}`;
		parts.push(
			`Give the OAuth client's role the permission "${permission ?? context.permission}" (Admin → Roles / Permissions), then run again.`,
		);
	} else if (status === 401) {
		parts.push(
			'Genesys Cloud rejected the token even after renewing it: check the client ID, secret and region of the credential.',
		);
	} else if (status === 404) {
		parts.push(
			'No such integration on this channel and API version: check the ID, the channel and the API version.',
		);
	} else if (status === 429) {
		parts.push(
			'Rate limited by Genesys Cloud (300 requests per minute per token); retried after Retry-After, still limited.',
		);
	}
	const fields = (body.details ?? [])
		.map((d) => d.fieldName)
		.filter((f): f is string => typeof f === 'string');
	if (fields.length) parts.push(`Fields: ${fields.join(', ')}.`);
	if (code) parts.push(`Code: ${code}.`);
	if (contextId) parts.push(`Context ID: ${contextId} (quote it to Genesys support).`);
	return { message, description: parts.join(' '), code, status, contextId, permission };
}
