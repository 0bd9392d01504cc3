import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { createHmac } from 'crypto';

const base64Url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An app-scoped HS256 JWT, as Sunshine Conversations accepts it instead of Basic auth. */
export function sunshineJwt(keyId: string, secret: string): string {
	const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keyId }));
	const payload = base64Url(JSON.stringify({ scope: 'app' }));
	const signature = base64Url(createHmac('sha256', secret).update(`${header}.${payload}`).digest());
	return `${header}.${payload}.${signature}`;
}

/** Sunshine Conversations (Smooch) API v2 with an app API key. */
export class SunshineConversationsApi implements ICredentialType {
	name = 'sunshineConversationsApi';

	displayName = 'Sunshine Conversations API';

	icon = { light: 'file:../icons/sunshine.svg', dark: 'file:../icons/sunshine.dark.svg' } as const;

	documentationUrl = 'https://docs.smooch.io/guide/basic-authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.smooch.io',
			description:
				'https://api.smooch.io (US), https://api.eu-1.smooch.io (EU), or https://<subdomain>.zendesk.com/sc for Zendesk accounts',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			required: true,
			description: 'The API key ID (app_…)',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Authentication Method',
			name: 'authMethod',
			type: 'options',
			options: [
				{ name: 'Basic (Key ID and Secret)', value: 'basic' },
				{ name: 'JWT (Signed with the Secret)', value: 'jwt' },
			],
			default: 'basic',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const keyId = String(credentials.keyId ?? '');
		const secret = String(credentials.secret ?? '');
		if (credentials.authMethod === 'jwt') {
			return {
				...requestOptions,
				headers: {
					...(requestOptions.headers ?? {}),
					Authorization: `Bearer ${sunshineJwt(keyId, secret)}`,
				},
			};
		}
		return { ...requestOptions, auth: { username: keyId, password: secret } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/v2/apps/{{$credentials.appId}}',
		},
	};
}
