import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { GENESYS_CLOUD_REGIONS, genesysCloudUrls } from '../nodes/shared/genesysRegions';

/**
 * Genesys Cloud OAuth client (client-credentials grant). n8n mints the access token on first use
 * through preAuthentication, stores it in the hidden expirable field, reuses it until the API
 * answers 401, then mints a new one once and retries.
 */
export class GenesysCloudOAuth2Api implements ICredentialType {
	name = 'genesysCloudOAuth2Api';

	displayName = 'Genesys Cloud OAuth2 API';

	icon = { light: 'file:../icons/genesys.svg', dark: 'file:../icons/genesys.dark.svg' } as const;

	documentationUrl =
		'https://developer.genesys.cloud/authorization/platform-auth/use-client-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: GENESYS_CLOUD_REGIONS,
			default: 'mypurecloud.com',
			description: 'The region of your Genesys Cloud organization (the host you log in to)',
		},
		{
			displayName: 'API URL',
			name: 'customApiUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.mypurecloud.com',
			displayOptions: { show: { region: ['custom'] } },
			description: 'Base URL of the Platform API, without /api/v2',
		},
		{
			displayName: 'Login URL',
			name: 'customLoginUrl',
			type: 'string',
			default: '',
			placeholder: 'https://login.mypurecloud.com',
			displayOptions: { show: { region: ['custom'] } },
			description: 'Base URL of the login service, without /oauth/token',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'An OAuth client with the Client Credentials grant (Admin → Integrations → OAuth)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { loginUrl } = genesysCloudUrls(credentials);
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: `${loginUrl}/oauth/token`,
			auth: {
				username: String(credentials.clientId ?? ''),
				password: String(credentials.clientSecret ?? ''),
			},
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=client_credentials',
			json: true,
		})) as { access_token?: string };
		return { accessToken: String(response.access_token ?? '') };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.accessToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.region === "custom" ? $credentials.customApiUrl : "https://api." + $credentials.region}}',
			url: '/api/v2/organizations/me',
		},
	};
}
