import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { appSecretProof } from '../nodes/shared/appSecretProof';
import { GRAPH_API_BASE_URL, GRAPH_API_VERSION } from '../nodes/shared/graphConstants';

/**
 * A Facebook Page token. Sends, uploads, profiles and page subscriptions use it. With an app
 * secret set, every call also carries `appsecret_proof` and `appsecret_time`.
 */
export class FacebookPageApi implements ICredentialType {
	name = 'facebookPageApi';

	displayName = 'Facebook Page API';

	icon = {
		light: 'file:../icons/messenger.svg',
		dark: 'file:../icons/messenger.dark.svg',
	} as const;

	documentationUrl = 'https://developers.facebook.com/docs/pages/access-tokens/';

	properties: INodeProperties[] = [
		{
			displayName: 'Page Access Token',
			name: 'pageAccessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A Page token with pages_messaging. Obtained from a long-lived user token it never expires; get one with Facebook Messenger → Token → Get Page Tokens.',
		},
		{
			displayName: 'Page ID',
			name: 'pageId',
			type: 'string',
			default: '',
			description: 'Optional. When empty, calls address the Page as "me".',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The secret of the app the token belongs to. When set, every call carries appsecret_proof, which apps with "Require App Secret" need.',
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
			default: GRAPH_API_BASE_URL,
			description: 'Change only for a proxy or a test server. No trailing path.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.pageAccessToken ?? '');
		const appSecret = String(credentials.appSecret ?? '');
		const headers = { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` };
		if (!appSecret) return { ...requestOptions, headers };
		const qs = { ...(requestOptions.qs ?? {}), ...appSecretProof(token, appSecret) };
		return { ...requestOptions, headers, qs };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.graphApiBaseUrl}}/{{$credentials.graphApiVersion}}',
			url: '/me',
			qs: { fields: 'id,name' },
		},
	};
}
