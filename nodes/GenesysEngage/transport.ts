import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { httpFailure } from '../shared/httpFailure';
import type { RetryPolicy } from '../shared/retry';
import { retryAfterMs, withRetry } from '../shared/retry';
import type { CookieJar, CsrfToken } from './session';
import { cookieHeader, normalizeBaseUrl, readCsrf, storeCookies } from './session';
import { GwsNotifications } from './notifications';
import type { GwsResult } from './statusCodes';
import { asGwsResult, statusMeaning } from './statusCodes';

export const CREDENTIAL = 'genesysEngageApi';

/** Web Services' CometD endpoint (long-polling). Assumed: the GWS pages name the topics, not the path. */
const NOTIFICATIONS_PATH = '/api/v2/notifications';

/** Failures of the session GET worth another try: no answer at all, 429, or a gateway's 502/503/504. */
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

interface Answer {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/**
 * One Web Services HTTP session for the calls of one execution. Web Services ties the CSRF token
 * to the JSESSIONID session, so both are kept here: the first write opens the session with a GET
 * of /api/v2/me (which also announces the token when CSRF protection is on), every call sends the
 * cookies back, every POST, PUT and DELETE carries the token, and a 403 from the CSRF filter
 * fetches a fresh token once and repeats the call (the filter rejects before anything is applied).
 */
export class GwsSession {
	private readonly jar: CookieJar = new Map();

	private csrf: CsrfToken | undefined;

	private opened = false;

	private baseUrl: string | undefined;

	/** The Web Services user: sent as HTTP Basic on every call (the credential has no `authenticate`, see base()). */
	private user: { username: string; password: string } | undefined;

	private cometd: GwsNotifications | undefined;

	constructor(private readonly context: IExecuteFunctions) {}

	/** Runs one Web Services operation (a POST with `operationName`) and returns its result body. */
	async operate(path: string, body: IDataObject, itemIndex: number): Promise<GwsResult> {
		return this.result(await this.post(path, body, itemIndex), itemIndex);
	}

	/** The execution's CometD client (created on first use; ended by close()). */
	get notifications(): GwsNotifications {
		this.cometd ??= new GwsNotifications(async (messages, itemIndex, timeoutMs) => {
			const answer = await this.post(NOTIFICATIONS_PATH, messages, itemIndex, timeoutMs);
			if (answer.status < 200 || answer.status >= 300) {
				throw new NodeApiError(
					this.context.getNode(),
					{ httpStatus: answer.status } as JsonObject,
					{
						message: `Genesys Engage Web Services answered HTTP ${answer.status} on its notification channel (CometD)`,
						description: summarize(answer.body),
						httpCode: String(answer.status),
						itemIndex,
					},
				);
			}
			return answer.body;
		});
		return this.cometd;
	}

	/** Ends what the execution opened on the server that would otherwise linger (the CometD client). */
	async close(): Promise<void> {
		await this.cometd?.close();
	}

	/** A POST in the session: opens it first, and refreshes the CSRF token once on a CSRF 403. */
	private async post(
		path: string,
		body: IDataObject | IDataObject[],
		itemIndex: number,
		timeoutMs?: number,
	): Promise<Answer> {
		if (!this.opened) await this.open(itemIndex);
		let answer = await this.send('POST', path, body, itemIndex, timeoutMs);
		if (isCsrfRejection(answer)) {
			await this.open(itemIndex);
			answer = await this.send('POST', path, body, itemIndex, timeoutMs);
			if (isCsrfRejection(answer)) {
				throw new NodeApiError(
					this.context.getNode(),
					{ httpCode: '403', reason: 'csrf' } as JsonObject,
					{
						message: 'Genesys Engage Web Services rejected the CSRF token twice',
						description: `A fresh token was read from GET /api/v2/me and the call was repeated once; the server still answered 403 (${summarize(answer.body) ?? 'no body'}). Check that nothing between n8n and Web Services drops the JSESSIONID cookie or the X-CSRF-TOKEN header.`,
						httpCode: '403',
						itemIndex,
					},
				);
			}
		}
		return answer;
	}

	/**
	 * GET /api/v2/me: authenticates, starts the HTTP session and reads the CSRF token. Being a
	 * read, it is retried on transient failures; the operations' POSTs never are.
	 */
	async open(itemIndex: number): Promise<GwsResult> {
		this.csrf = undefined;
		const transient = new WeakSet<object>();
		const policy: RetryPolicy = {
			retries: 2,
			baseDelayMs: 400,
			maxDelayMs: 5000,
			decide: (error) => ({
				retry: transient.has(error as object),
				delayMs: retryAfterMs((error as { retryAfter?: string }).retryAfter),
			}),
		};
		const result = await withRetry(async () => {
			let answer: Answer;
			try {
				answer = await this.send('GET', '/api/v2/me', undefined, itemIndex);
			} catch (error) {
				// A NodeApiError from send() means no HTTP answer came back: worth another try.
				if (error instanceof NodeApiError) transient.add(error);
				throw asNodeError(this.context, error, itemIndex);
			}
			try {
				return this.result(answer, itemIndex);
			} catch (error) {
				if (TRANSIENT_STATUS.has(answer.status)) {
					transient.add(error as object);
					const retryAfter = answer.headers['retry-after'];
					if (retryAfter !== undefined)
						Object.assign(error as object, { retryAfter: String(retryAfter) });
				}
				throw asNodeError(this.context, error, itemIndex);
			}
		}, policy);
		this.opened = true;
		return result;
	}

	private async base(itemIndex: number): Promise<string> {
		if (this.baseUrl) return this.baseUrl;
		const credentials = await this.context.getCredentials(CREDENTIAL, itemIndex);
		const base = normalizeBaseUrl(credentials.baseUrl);
		if (!base) {
			throw new NodeOperationError(
				this.context.getNode(),
				'The Base URL of the Genesys Engage credential is not a valid http(s) URL',
				{
					itemIndex,
					description:
						'Enter the Web Services host, e.g. https://gws.example.com, without /api/v2.',
				},
			);
		}
		// HTTP Basic is added here, not by the credential: a credential with `authenticate` makes n8n
		// offer "Custom API Call" (the HTTP Request node with this credential), which cannot make a
		// Web Services write: that needs this session's cookie and CSRF token (README).
		this.user = {
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
		};
		this.baseUrl = base;
		return base;
	}

	private async send(
		method: IHttpRequestMethods,
		path: string,
		body: IDataObject | IDataObject[] | undefined,
		itemIndex: number,
		timeoutMs?: number,
	): Promise<Answer> {
		const headers: IDataObject = { Accept: 'application/json' };
		const cookie = cookieHeader(this.jar);
		if (cookie) headers.Cookie = cookie;
		if (method !== 'GET' && this.csrf) headers[this.csrf.header] = this.csrf.token;
		const options: IHttpRequestOptions = {
			method,
			url: `${await this.base(itemIndex)}${path}`,
			auth: this.user,
			headers,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (body) options.body = body;
		if (timeoutMs) options.timeout = timeoutMs;
		let response: { statusCode: number; body: unknown; headers: Record<string, unknown> };
		try {
			response = await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL,
				options,
			);
		} catch (error) {
			// No HTTP answer (refused, reset, timeout): report where, never the request itself.
			const failure = httpFailure(error);
			throw new NodeApiError(
				this.context.getNode(),
				{ networkError: failure.networkCode ?? null } as JsonObject,
				{
					message: `Could not reach Genesys Engage Web Services (${method} ${path})`,
					description: failure.networkCode
						? `Network error ${failure.networkCode}`
						: failure.message,
					httpCode: failure.status ? String(failure.status) : undefined,
					itemIndex,
				},
			);
		}
		const headersIn = response.headers ?? {};
		storeCookies(this.jar, headersIn);
		// A GET announces the session's token; it rotates with the session.
		if (method === 'GET') this.csrf = readCsrf(headersIn);
		return { status: response.statusCode, body: response.body, headers: headersIn };
	}

	/** statusCode 0 → the body; anything else → a NodeApiError with the code's meaning. */
	private result(answer: Answer, itemIndex: number): GwsResult {
		const result = asGwsResult(answer.body);
		const ok = answer.status >= 200 && answer.status < 300;
		if (result && result.statusCode === 0 && ok) return result;
		const code = result?.statusCode ?? (answer.status === 401 ? 20 : undefined);
		if (code !== undefined && code !== 0) {
			const statusMessage =
				typeof result?.statusMessage === 'string' ? result.statusMessage : undefined;
			throw new NodeApiError(
				this.context.getNode(),
				{
					statusCode: code,
					statusMessage: statusMessage ?? null,
					httpStatus: answer.status,
				} as JsonObject,
				{
					message: `Genesys Engage: ${statusMeaning(code)} (statusCode ${code})`,
					description: statusMessage ?? undefined,
					httpCode: String(answer.status),
					itemIndex,
				},
			);
		}
		throw new NodeApiError(this.context.getNode(), { httpStatus: answer.status } as JsonObject, {
			message: `Genesys Engage Web Services answered HTTP ${answer.status} without a result`,
			description: summarize(answer.body),
			httpCode: String(answer.status),
			itemIndex,
		});
	}
}

/** The CSRF filter's 403 comes before Web Services handles the call, so it carries no statusCode. */
function isCsrfRejection(answer: Answer): boolean {
	if (answer.status !== 403) return false;
	const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? '');
	return /csrf/i.test(text) || !asGwsResult(answer.body);
}

function summarize(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 300);
}

/** What this transport throws is already typed; anything else gets wrapped. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
