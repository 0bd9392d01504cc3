import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { httpFailure, type HttpFailure } from '../shared/httpFailure';
import { retryAfterMs, withRetry } from '../shared/retry';
import { airyErrorDetails, isRetryableAiryFailure } from './errors';
import { airyBaseUrl } from './validation';

const CREDENTIAL = 'airyApi';

/** What each thrown error looked like on the wire, for the retry decision (kept off the error). */
const failures = new WeakMap<object, HttpFailure>();

/**
 * The one place that talks to Airy Core: POST <baseUrl>/<action> with a JSON body, the
 * credential's bearer token added by n8n. Returns the parsed body ('' for 204).
 */
export async function airyRequest(
	this: IExecuteFunctions,
	action: string,
	body: IDataObject,
	itemIndex: number,
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL);
	const baseUrl = airyBaseUrl(credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(
			this.getNode(),
			'The Base URL of the Airy Core credential is not an http(s) URL such as https://airy.example.com',
			{ itemIndex },
		);
	}
	const send = async () => {
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL, {
				method: 'POST',
				url: `${baseUrl}/${action}`,
				body,
				json: true,
			});
		} catch (error) {
			const failure = httpFailure(error);
			const details = airyErrorDetails(failure, action);
			const apiError = new NodeApiError(
				this.getNode(),
				{
					status: failure.status ?? null,
					action,
					message: details.vendorMessage ?? details.message,
				} as JsonObject,
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
		retries: 2,
		baseDelayMs: 500,
		maxDelayMs: 5000,
		decide: (error) => {
			const failure = error && typeof error === 'object' ? failures.get(error) : undefined;
			if (!failure || !isRetryableAiryFailure(failure, action)) return { retry: false };
			return { retry: true, delayMs: retryAfterMs(failure.headers['retry-after']) };
		},
	});
}
