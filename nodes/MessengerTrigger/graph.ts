import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, IHttpRequestMethods, JsonObject } from 'n8n-workflow';

import { GRAPH_API_BASE_URL, GRAPH_API_VERSION, TOKEN_KIND_HEADER } from '../shared/graphConstants';
import { httpFailure } from '../shared/httpFailure';

export type GraphCredential = 'facebookAppApi' | 'facebookPageApi';

export interface GraphTarget {
	credential: GraphCredential;
	/** `<graphApiBaseUrl>/<graphApiVersion>` of that credential. */
	baseUrl: string;
	/** Facebook App credential: "app" for the app token (app id|app secret). */
	tokenKind?: 'app';
}

/** Reads where a credential's Graph calls go. No request here: the credential adds the token. */
export async function graphTarget(
	this: IHookFunctions,
	credential: GraphCredential,
	tokenKind?: 'app',
): Promise<GraphTarget> {
	const data = await this.getCredentials(credential);
	const base = String(data.graphApiBaseUrl || GRAPH_API_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	const version = String(data.graphApiVersion || GRAPH_API_VERSION).trim();
	return { credential, baseUrl: `${base}/${version}`, tokenKind };
}

/**
 * One Graph call for the trigger's subscriptions. The token travels in the Authorization header
 * (added by the credential); a failure becomes a NodeApiError with Graph's code, subcode and
 * trace id, built from plain data so that no request details travel with it.
 */
export async function graphRequest(
	this: IHookFunctions,
	target: GraphTarget,
	method: IHttpRequestMethods,
	path: string,
	{ qs, body }: { qs?: IDataObject; body?: IDataObject } = {},
): Promise<IDataObject> {
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(this, target.credential, {
			method,
			url: `${target.baseUrl}${path}`,
			qs,
			body,
			json: true,
			headers: target.tokenKind ? { [TOKEN_KIND_HEADER]: target.tokenKind } : {},
		})) as IDataObject;
	} catch (error) {
		const failure = httpFailure(error);
		const graph = ((failure.data as IDataObject | undefined)?.error ?? {}) as IDataObject;
		const message = typeof graph.message === 'string' ? graph.message : failure.message;
		const details = [
			graph.code !== undefined ? `code ${String(graph.code)}` : '',
			graph.error_subcode !== undefined ? `subcode ${String(graph.error_subcode)}` : '',
			graph.fbtrace_id !== undefined ? `fbtrace_id ${String(graph.fbtrace_id)}` : '',
		].filter(Boolean);
		throw new NodeApiError(
			this.getNode(),
			{
				message,
				code: (graph.code as number | undefined) ?? null,
				error_subcode: (graph.error_subcode as number | undefined) ?? null,
				fbtrace_id: (graph.fbtrace_id as string | undefined) ?? null,
				status: failure.status ?? null,
			} as JsonObject,
			{
				message: `Graph API: ${message}`,
				description: `${method} ${path}${details.length ? ` failed (${details.join(', ')})` : ' failed'}`,
				httpCode: failure.status !== undefined ? String(failure.status) : undefined,
			},
		);
	}
}
