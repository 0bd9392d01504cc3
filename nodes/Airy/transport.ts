import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { httpBaseUrl } from '../shared/baseUrl';
import { createTransport, type ApiCall } from '../shared/transport';
import { airyError, airyRetryPolicy } from './errors';

/** A call to Airy Core: POST <Base URL>/<action> with a JSON body. */
interface AiryCall extends ApiCall {
	/** The endpoint, e.g. `channels.facebook.connect`: named in errors, it decides retries. */
	action: string;
}

/** Airy Core bound on the shared transport core, with the credential's bearer token. */
const request = createTransport<AiryCall>({
	credential: 'airyApi',
	baseUrl: (credentials) =>
		httpBaseUrl(credentials.baseUrl) ?? {
			error:
				'The Base URL of the Airy Core credential is not an http(s) URL such as https://airy.example.com',
		},
	describe: (failure, call) => airyError(failure, call.action),
	retry: (call) => airyRetryPolicy(call.action),
});

/**
 * The one place that talks to Airy Core: POST <Base URL>/<action> with a JSON body, the
 * credential's bearer token added by n8n. Returns the parsed body (`{}` for Airy's 204).
 * @see https://airy.co/docs/core/sources/facebook
 */
export async function airyRequest(
	this: IExecuteFunctions,
	action: string,
	body: IDataObject,
	itemIndex: number,
): Promise<unknown> {
	return await request.call(this, { method: 'POST', path: `/${action}`, body, itemIndex, action });
}
