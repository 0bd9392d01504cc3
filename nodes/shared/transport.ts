import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { httpFailure, type HttpFailure } from './httpFailure';
import { retryAfterMs, withRetry, type RetryDecision } from './retry';

/**
 * The package's one transport core. Each API binds it once (`createTransport`) with its
 * credential, base URL, vendor error translator and retry policy, the way n8n's Microsoft Graph
 * nodes bind one core per service. Tokens travel only as the credential adds them (n8n's
 * `httpRequestWithAuthentication`); failures become an {@link apiError} built from plain data.
 * @see https://docs.n8n.io/integrations/creating-nodes/build/reference/http-helpers/
 */

/** The n8n contexts a transport runs in: execute, load options (pickers) and trigger hooks. */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

/** What a vendor's error translator makes of a failure. */
export interface VendorError {
	/** One sentence a user can act on. */
	message: string;
	/** The next step, and the facts support will ask for. */
	description?: string;
	/**
	 * Public facts of the vendor's answer (codes, trace ids, a hint): kept on the error and copied
	 * into a Continue On Fail item. Never request options, headers or tokens.
	 */
	facts?: IDataObject;
}

/** What the package keeps beside each API error it throws. */
interface ErrorFacts {
	wire: HttpFailure;
	facts: IDataObject;
}

/**
 * Kept beside the errors, not on them: n8n stores an error's own properties with the execution,
 * and response headers (cookies) must not go there.
 */
const errorFacts = new WeakMap<object, ErrorFacts>();

/**
 * The package's one API error: a NodeApiError (n8n shows it as an API failure) built from plain
 * data, remembered with what the failure looked like on the wire (for retry decisions and for
 * lookups after an ambiguous write) and the vendor's public facts (for Continue On Fail items).
 */
export function apiError(
	node: INode,
	failure: HttpFailure,
	vendor: VendorError,
	itemIndex?: number,
): NodeApiError {
	const facts = vendor.facts ?? {};
	const error = new NodeApiError(
		node,
		{ message: vendor.message, status: failure.status ?? null, ...facts } as JsonObject,
		{
			message: vendor.message,
			description: vendor.description,
			httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			itemIndex,
		},
	);
	errorFacts.set(error, { wire: failure, facts });
	return error;
}

/** The wire failure behind an error a transport threw, if it is one. */
export function failureOf(error: unknown): HttpFailure | undefined {
	return error && typeof error === 'object' ? errorFacts.get(error)?.wire : undefined;
}

/** The vendor's public facts of an error a transport threw ({} for any other error). */
export function factsOf(error: unknown): IDataObject {
	return (error && typeof error === 'object' ? errorFacts.get(error)?.facts : undefined) ?? {};
}

/** One request, as every bound API describes it. */
export interface ApiCall {
	method: IHttpRequestMethods;
	/** Appended to the base URL; starts with "/" (or is empty). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | Buffer;
	/** Body encoding: JSON (default), form fields, or a ready multipart body with this content type. */
	bodyType?: 'json' | 'form' | { multipart: string };
	/** The item the call is made for: named in errors. */
	itemIndex?: number;
}

/** A base URL the credential does not give: the message and next step of a NodeOperationError. */
export interface InvalidSetting {
	error: string;
	description?: string;
}

/** How a transport retries one call. Built per call, so it may count attempts by kind. */
export interface CallRetryPolicy {
	/** Attempts after the first. */
	retries: number;
	baseDelayMs: number;
	/** Upper bound of any single wait, in ms. */
	maxDelayMs: number;
	decide: (failure: HttpFailure, attempt: number) => RetryDecision;
}

/**
 * The usual policy: repeat a failure `mayRetry` accepts, after the server's Retry-After when it
 * sends one (backoff with jitter otherwise), at most `limits.retries` times.
 */
export function retryWhen(
	limits: Omit<CallRetryPolicy, 'decide'>,
	mayRetry: (failure: HttpFailure) => boolean,
): CallRetryPolicy {
	return {
		...limits,
		decide: (failure) =>
			mayRetry(failure)
				? { retry: true, delayMs: retryAfterMs(failure.headers['retry-after']) }
				: { retry: false },
	};
}

/** What binds the core to one API. */
export interface ApiBinding<Call extends ApiCall> {
	/** The n8n credential type the call authenticates with. */
	credential: string | ((call: Call) => string);
	/** The base URL the credential points at (no trailing slash), or why there is none. */
	baseUrl: (credentials: ICredentialDataDecryptedObject, call: Call) => string | InvalidSetting;
	/** Extra request headers for a call (never a secret: the credential adds those). */
	headers?: (call: Call) => Record<string, string>;
	/** The vendor's error translator. */
	describe: (failure: HttpFailure, call: Call) => VendorError;
	/** The retry policy for a call: which failures are safe to repeat, and how long to wait. */
	retry: (call: Call) => CallRetryPolicy;
}

/** The request options n8n's helper receives for a call. */
export function requestOptions(
	url: string,
	call: ApiCall,
	extraHeaders: Record<string, string> = {},
): IHttpRequestOptions {
	const headers = { ...extraHeaders };
	const options: IHttpRequestOptions = {
		method: call.method,
		url,
		qs: call.qs,
		headers,
		json: true,
	};
	if (call.body === undefined) return options;
	const type = call.bodyType ?? 'json';
	if (type === 'form') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		options.json = false;
	} else if (typeof type === 'object') {
		headers['content-type'] = type.multipart;
		options.json = false;
	}
	options.body = call.body as IHttpRequestOptions['body'];
	return options;
}

/** A response body as data: JSON text parsed, an empty answer (204) as `{}`. */
function parseBody(response: unknown): unknown {
	if (response === undefined || response === null || response === '') return {};
	if (typeof response !== 'string') return response;
	try {
		return JSON.parse(response);
	} catch {
		return response;
	}
}

/**
 * Binds the core to one API: the returned function makes one call with the credential, retries
 * it as the policy allows, and turns a failure into an ApiError with the vendor's message.
 */
export function createTransport<Call extends ApiCall>(binding: ApiBinding<Call>) {
	return async function request(this: RequestContext, call: Call): Promise<unknown> {
		const credential =
			typeof binding.credential === 'function' ? binding.credential(call) : binding.credential;
		const base = binding.baseUrl(await this.getCredentials(credential), call);
		if (typeof base !== 'string') {
			throw new NodeOperationError(this.getNode(), base.error, {
				description: base.description,
				itemIndex: call.itemIndex,
			});
		}
		const options = requestOptions(`${base}${call.path}`, call, binding.headers?.(call));
		const policy = binding.retry(call);
		return await withRetry(
			async () => {
				try {
					return parseBody(
						await this.helpers.httpRequestWithAuthentication.call(this, credential, options),
					);
				} catch (error) {
					const failure = httpFailure(error);
					throw apiError(this.getNode(), failure, binding.describe(failure, call), call.itemIndex);
				}
			},
			{
				retries: policy.retries,
				baseDelayMs: policy.baseDelayMs,
				maxDelayMs: policy.maxDelayMs,
				decide: (error, attempt) => {
					const failure = failureOf(error);
					return failure ? policy.decide(failure, attempt) : { retry: false };
				},
			},
		);
	};
}
