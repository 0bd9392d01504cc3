import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { GRAPH_API_VERSION } from '../nodes/shared/graphConstants';
import {
	IG_TOKEN_GRANT_HEADER,
	IG_TOKEN_HEADER,
	INSTAGRAM_API_BASE_URL,
} from '../nodes/shared/instagramConstants';

/**
 * The Instagram API with Instagram Login: an Instagram professional account that logged in with
 * Instagram itself (no Facebook Page), calls on graph.instagram.com with an Instagram user
 * access token. The token travels in the Authorization header.
 *
 * The two token endpoints are the exception: Meta documents them as GET only, with the token
 * (and, to exchange, the app secret) as query parameters, so for those calls alone the
 * credential puts them in the query string of an HTTPS request. n8n never logs the URL, and the
 * package's errors never carry the request.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/access_token
 * @see https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 */
export class InstagramLoginApi implements ICredentialType {
	name = 'instagramLoginApi';

	displayName = 'Instagram Login API';

	icon = {
		light: 'file:../icons/instagram.svg',
		dark: 'file:../icons/instagram.dark.svg',
	} as const;

	documentationUrl =
		'https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login';

	properties: INodeProperties[] = [
		{
			displayName: 'Instagram App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				'Meta App Dashboard → Instagram → API setup with Instagram login → Instagram app ID (not the Facebook App ID)',
		},
		{
			displayName: 'Instagram App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Meta App Dashboard → Instagram → API setup with Instagram login → Instagram app secret. Needed to exchange tokens and to verify webhook signatures.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An Instagram user access token with instagram_business_basic and instagram_business_manage_messages. A long-lived token lasts 60 days: keep it alive with Facebook Messenger → Token → Refresh.',
		},
		{
			displayName: 'Instagram Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			description:
				'Optional. The Instagram professional account ID (user_id). When empty, calls address the account as "me".',
		},
		{
			displayName: 'Graph API Version',
			name: 'graphApiVersion',
			type: 'string',
			default: GRAPH_API_VERSION,
		},
		{
			displayName: 'Graph API Base URL',
			name: 'graphApiBaseUrl',
			type: 'string',
			default: INSTAGRAM_API_BASE_URL,
			description: 'Change only for a proxy or a test server. No trailing path.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		const grant = headers[IG_TOKEN_GRANT_HEADER];
		const entered = headers[IG_TOKEN_HEADER];
		delete headers[IG_TOKEN_GRANT_HEADER];
		delete headers[IG_TOKEN_HEADER];
		const token = String(entered || credentials.accessToken || '');
		if (grant === 'ig_exchange_token' || grant === 'ig_refresh_token') {
			// GET-only endpoints that read their parameters from the query string alone.
			const qs = {
				...(requestOptions.qs ?? {}),
				grant_type: grant,
				...(grant === 'ig_exchange_token'
					? { client_secret: String(credentials.appSecret ?? '') }
					: {}),
				access_token: token,
			};
			return { ...requestOptions, headers, qs };
		}
		headers.Authorization = `Bearer ${token}`;
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.graphApiBaseUrl}}/{{$credentials.graphApiVersion}}',
			url: '/me',
			qs: { fields: 'user_id,username' },
		},
	};
}
