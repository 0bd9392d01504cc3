/**
 * What an HTTP failure looked like on the wire. n8n's request helpers throw a NodeApiError
 * whose `cause` is the transport error (status, body, headers); transports read it here and
 * then build their own vendor-specific NodeApiError from plain data, so that no request
 * configuration (and no Authorization header) travels on with the error.
 */
export interface HttpFailure {
	status?: number;
	data?: unknown;
	headers: Record<string, string>;
	/** Network-level failure (no HTTP answer): refused, reset, timed out. */
	networkCode?: string;
	message: string;
}

interface ResponseLike {
	status?: number;
	data?: unknown;
	headers?: Record<string, unknown>;
}

interface ErrorLike {
	message?: string;
	code?: string;
	cause?: unknown;
	response?: ResponseLike;
	httpCode?: string | null;
	context?: { data?: unknown };
}

export function httpFailure(error: unknown): HttpFailure {
	const outer = (error ?? {}) as ErrorLike;
	const inner = (outer.cause ?? outer) as ErrorLike;
	const response = inner.response ?? outer.response;
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(response?.headers ?? {})) {
		if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
	}
	const statusFromCode = outer.httpCode ? Number(outer.httpCode) : undefined;
	let data = response?.data ?? outer.context?.data;
	if (Buffer.isBuffer(data)) data = data.toString('utf8');
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			// keep the text
		}
	}
	return {
		status: response?.status ?? (Number.isFinite(statusFromCode) ? statusFromCode : undefined),
		data,
		headers,
		networkCode: response ? undefined : (inner.code ?? outer.code),
		message: String(inner.message ?? outer.message ?? 'Request failed'),
	};
}
