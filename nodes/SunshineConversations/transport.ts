import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { httpFailure, type HttpFailure } from '../shared/httpFailure';
import { retryAfterMs, withRetry } from '../shared/retry';
import { isRetryableSunshineFailure, sunshineErrorDetails } from './errors';
import { sunshineBaseUrl } from './helpers';

const CREDENTIAL = 'sunshineConversationsApi';

/** What each thrown error looked like on the wire, for the retry decision (kept off the error). */
const failures = new WeakMap<object, HttpFailure>();

/**
 * The one place that talks to Sunshine Conversations: <baseUrl>/v2/apps/<appId><path>, with the
 * credential's Basic or JWT authorization added by n8n.
 */
export async function sunshineRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	itemIndex: number,
	{ body, qs }: { body?: IDataObject; qs?: IDataObject } = {},
): Promise<IDataObject> {
	const credentials = await this.getCredentials(CREDENTIAL);
	const base = sunshineBaseUrl(credentials.baseUrl);
	if ('error' in base) throw new NodeOperationError(this.getNode(), base.error, { itemIndex });
	const appId = String(credentials.appId ?? '').trim();
	if (!appId) {
		throw new NodeOperationError(
			this.getNode(),
			'The App ID of the Sunshine Conversations credential is empty',
			{
				itemIndex,
			},
		);
	}
	const send = async () => {
		try {
			const response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
				method,
				url: `${base.url}/v2/apps/${encodeURIComponent(appId)}${path}`,
				qs,
				body,
				json: true,
			});
			return (response && typeof response === 'object' ? response : {}) as IDataObject;
		} catch (error) {
			const failure = httpFailure(error);
			const details = sunshineErrorDetails(failure);
			const apiError = new NodeApiError(
				this.getNode(),
				{ status: failure.status ?? null, errors: details.errors } as unknown as JsonObject,
				{
					message: details.message,
					description: details.description,
					httpCode: details.httpCode,
					itemIndex,
				},
			);
			failures.set(apiError, failure);
			throw apiError;
		}
	};
	return await withRetry(send, {
		retries: 3,
		baseDelayMs: 500,
		maxDelayMs: 10_000,
		decide: (error) => {
			const failure = error && typeof error === 'object' ? failures.get(error) : undefined;
			if (!failure || !isRetryableSunshineFailure(failure, method)) return { retry: false };
			return { retry: true, delayMs: retryAfterMs(failure.headers['retry-after']) };
		},
	});
}
