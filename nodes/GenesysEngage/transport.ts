import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { httpBaseUrl } from '../shared/baseUrl';
import { httpFailure, type HttpFailure } from '../shared/httpFailure';
import { withRetry } from '../shared/retry';
import { apiError, failureOf, type CallRetryPolicy, type VendorError } from '../shared/transport';
import type { Answer } from './errors';
import {
	answerFailure,
	describeAnswer,
	describeCsrfRejectedTwice,
	describeNotificationFailure,
	describeUnreachable,
	isCsrfRejection,
	isSuccess,
	sessionOpenRetry,
} from './errors';
import { GwsNotifications } from './notifications';
import type { GwsResult } from './results';
import { asGwsResult } from './results';
import type { CookieJar, CsrfToken } from './session';
import { cookieHeader, readCsrf, storeCookies } from './session';

/**
 * Genesys Engage Web Services (GWS) transport: one HTTP session per execution.
 *
 * It binds the shared pieces (base URL, API error, retry codes) but not `createTransport`, whose
 * request path cannot carry this API: a write needs the JSESSIONID cookie and CSRF token that the
 * session GET returns in response headers (the core returns bodies only); the credential has no
 * `authenticate` (see GenesysEngageApi.credentials.ts), so HTTP Basic is added here, which the
 * core's options leave to the credential; and Web Services answers with a `statusCode` also in
 * HTTP 200, and the CSRF filter's 403 must be read and repeated once, so every status is read here
 * (`ignoreHttpStatusErrors`) instead of failing in n8n's helper.
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/Authentication
 * @see https://docs.genesys.com/Documentation/GWS/8.5.2/API/CSRFProtection
 */

/** The credential type the node uses. */
export const CREDENTIAL = 'genesysEngageApi';

/** The API root users often paste into the Base URL; every path below starts with it. */
const API_ROOT = /\/api\/v2$/i;

/** Authenticates, starts the HTTP session and announces the CSRF token. */
const SESSION_PATH = '/api/v2/me';

/** Web Services' CometD endpoint (long-polling). Assumed: the pages name the topics, not the path. */
const NOTIFICATIONS_PATH = '/api/v2/notifications';

/** The session GET is a read: repeated after a transient failure. The operations' POSTs never are. */
const OPEN_RETRY: CallRetryPolicy = {
	retries: 2,
	baseDelayMs: 400,
	maxDelayMs: 5000,
	decide: sessionOpenRetry,
};

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

	/** The Web Services user: sent as HTTP Basic on every call (the credential has no `authenticate`). */
	private user: { username: string; password: string } | undefined;

	private cometd: GwsNotifications | undefined;

	constructor(private readonly context: IExecuteFunctions) {}

	/**
	 * Runs one Web Services operation (a POST with `operationName`) and returns its result body.
	 * @throws the package's API error when the answer is not `statusCode` 0 in a 2xx
	 */
	async operate(path: string, body: IDataObject, itemIndex: number): Promise<GwsResult> {
		return this.accepted(await this.post(path, body, itemIndex), itemIndex);
	}

	/** The execution's CometD client (created on first use; ended by close()). */
	get notifications(): GwsNotifications {
		this.cometd ??= new GwsNotifications(async (messages, itemIndex, timeoutMs) => {
			const answer = await this.post(NOTIFICATIONS_PATH, messages, itemIndex, timeoutMs);
			if (isSuccess(answer.status)) return answer.body;
			throw this.failed(answer, describeNotificationFailure, itemIndex);
		});
		return this.cometd;
	}

	/** Ends what the execution opened on the server that would otherwise linger (the CometD client). */
	async close(): Promise<void> {
		await this.cometd?.close();
	}

	/**
	 * GET /api/v2/me: authenticates, starts the HTTP session and reads the CSRF token. Being a
	 * read, it is retried on transient failures (see {@link sessionOpenRetry}).
	 */
	async open(itemIndex: number): Promise<GwsResult> {
		this.csrf = undefined;
		const result = await withRetry(
			async () =>
				this.accepted(await this.send('GET', SESSION_PATH, undefined, itemIndex), itemIndex),
			{
				...OPEN_RETRY,
				decide: (error, attempt) => {
					const failure = failureOf(error);
					return failure ? OPEN_RETRY.decide(failure, attempt) : { retry: false };
				},
			},
		);
		this.opened = true;
		return result;
	}

	/** A POST in the session: opens it first, and refreshes the CSRF token once on a CSRF 403. */
	private async post(
		path: string,
		body: IDataObject | IDataObject[],
		itemIndex: number,
		timeoutMs?: number,
	): Promise<Answer> {
		if (!this.opened) await this.open(itemIndex);
		const answer = await this.send('POST', path, body, itemIndex, timeoutMs);
		if (!isCsrfRejection(answer)) return answer;
		await this.open(itemIndex);
		const repeated = await this.send('POST', path, body, itemIndex, timeoutMs);
		if (isCsrfRejection(repeated))
			throw this.failed(repeated, describeCsrfRejectedTwice, itemIndex);
		return repeated;
	}

	/** The base URL of the credential (without a pasted /api/v2); reads the user with it. */
	private async base(itemIndex: number): Promise<string> {
		if (this.baseUrl) return this.baseUrl;
		const credentials = await this.context.getCredentials(CREDENTIAL, itemIndex);
		const base = httpBaseUrl(credentials.baseUrl, API_ROOT);
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
		this.user = {
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
		};
		this.baseUrl = base;
		return base;
	}

	/**
	 * One HTTP exchange in the session: sends the cookies (and, on a write, the CSRF token), keeps
	 * the cookies of the answer and the token a GET announces, and returns the answer whatever
	 * its status. Only a request that got no answer at all throws.
	 */
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
		let response: { statusCode: number; body: unknown; headers?: Record<string, unknown> };
		try {
			response = await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL,
				options,
			);
		} catch (error) {
			const failure = httpFailure(error);
			throw this.error(failure, describeUnreachable(failure, method, path), itemIndex);
		}
		const headersIn = response.headers ?? {};
		storeCookies(this.jar, headersIn);
		// A GET announces the session's token; it rotates with the session.
		if (method === 'GET') this.csrf = readCsrf(headersIn);
		return { status: response.statusCode, body: response.body, headers: headersIn };
	}

	/** The result of an answer: `statusCode` 0 in a 2xx; anything else is an API error. */
	private accepted(answer: Answer, itemIndex: number): GwsResult {
		const result = asGwsResult(answer.body);
		if (result?.statusCode === 0 && isSuccess(answer.status)) return result;
		throw this.failed(answer, describeAnswer, itemIndex);
	}

	/** The API error for an answer, as `describe` reads it. */
	private failed(
		answer: Answer,
		describe: (failure: HttpFailure) => VendorError,
		itemIndex: number,
	): NodeApiError {
		const failure = answerFailure(answer);
		return this.error(failure, describe(failure), itemIndex);
	}

	private error(failure: HttpFailure, vendor: VendorError, itemIndex: number): NodeApiError {
		return apiError(this.context.getNode(), failure, vendor, itemIndex);
	}
}
