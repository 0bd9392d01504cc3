import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { appSecretProof } from '../nodes/shared/appSecretProof';
import {
	GRAPH_API_BASE_URL,
	GRAPH_API_VERSION,
	PAGE_TOKEN_HEADER,
	TOKEN_KIND_HEADER,
} from '../nodes/shared/graphConstants';

/**
 * A Facebook App: its id and secret (for app tokens, token exchange and webhook signatures)
 * and, optionally, a user token for Page exploration and token tools.
 *
 * Every Graph call carries its token in the Authorization header, never in the URL, and an
 * `appsecret_proof` so that apps with "Require App Secret" switched on keep working.
 */
export class FacebookAppApi implements ICredentialType {
	name = 'facebookAppApi';

	displayName = 'Facebook App API';

	icon = { light: 'file:../icons/facebook.svg', dark: 'file:../icons/facebook.dark.svg' } as const;

	documentationUrl =
		'https://developers.facebook.com/docs/development/create-an-app/app-dashboard/basic-settings';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			description: 'Meta App Dashboard → App settings → Basic → App ID',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Meta App Dashboard → App settings → Basic → App secret. Used to verify webhook signatures and to sign Graph API calls.',
		},
		{
			displayName: 'User Access Token',
			name: 'userAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. A user token with pages_show_list (and pages_manage_metadata to subscribe Pages). Needed by Explore Pages and the token tools; exchange it for a long-lived one with Token → Exchange.',
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			default: GRAPH_API_VERSION,
			description: 'Pinned Graph API version, e.g. v27.0',
		},
		{
			displayName: 'Graph API Base URL',
			name: 'graphApiBaseUrl',
			type: 'string',
			default: GRAPH_API_BASE_URL,
			description: 'Change only for a proxy or a test server. No trailing path.',
		},
	];

	// Which token a request carries is chosen by the node with a marker header that never leaves
	// n8n: "app" → the app token (app id|app secret), "page" → the Page token in the second
	// marker header (one the user token just listed), anything else → the user token.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		const kind = headers[TOKEN_KIND_HEADER];
		const pageToken = headers[PAGE_TOKEN_HEADER];
		delete headers[TOKEN_KIND_HEADER];
		delete headers[PAGE_TOKEN_HEADER];
		const appSecret = String(credentials.appSecret ?? '');
		let token = String(credentials.userAccessToken ?? '');
		if (kind === 'app') token = `${String(credentials.appId ?? '')}|${appSecret}`;
		if (kind === 'page' && pageToken) token = String(pageToken);
		headers.Authorization = `Bearer ${token}`;
		const qs = {
			...(requestOptions.qs ?? {}),
			...(appSecret && token ? appSecretProof(token, appSecret) : {}),
		};
		return { ...requestOptions, headers, qs };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.graphApiBaseUrl}}/{{$credentials.graphApiVersion}}',
			url: '=/{{$credentials.appId}}',
			qs: { fields: 'id,name' },
			headers: { [TOKEN_KIND_HEADER]: 'app' },
		},
	};
}
