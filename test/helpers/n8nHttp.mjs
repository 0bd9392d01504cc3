// The HTTP side of the node harness: n8n's IHttpRequestOptions → axios, as n8n's own
// request helper converts them (qs → params, body → data, encoding → responseType,
// json → Accept, ignoreHttpStatusErrors, returnFullResponse), and n8n's error wrapping.
import axios from 'axios';

export async function n8nHttpRequest(options) {
	const headers = { ...(options.headers ?? {}) };
	const config = {
		method: options.method ?? 'GET',
		url: options.url,
		baseURL: options.baseURL,
		headers,
		params: options.qs,
		auth: options.auth,
		timeout: options.timeout,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		proxy: false,
	};
	if (options.encoding) config.responseType = options.encoding;
	const body = options.body;
	if (body !== undefined && body !== null) {
		const contentTypeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
		if (contentTypeKey && headers[contentTypeKey] === 'application/x-www-form-urlencoded' && typeof body === 'object' && !Buffer.isBuffer(body)) {
			config.data = new URLSearchParams(body).toString();
		} else if (typeof body === 'string' || Buffer.isBuffer(body) || body instanceof FormData || (typeof body === 'object' && Object.keys(body).length > 0)) {
			config.data = body;
		}
	}
	if (config.method.toUpperCase() === 'GET') delete config.data;
	if (options.json && !Object.keys(headers).some((k) => k.toLowerCase() === 'accept')) headers.Accept = 'application/json';
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	const response = await axios.request(config);
	if (options.returnFullResponse) {
		return { body: response.data, headers: response.headers, statusCode: response.status, statusMessage: response.statusText };
	}
	return response.data;
}
