import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** Airy Core: the instance URL and, when the instance is secured, its system token. */
export class AiryApi implements ICredentialType {
	name = 'airyApi';

	displayName = 'Airy Core API';

	icon = { light: 'file:../icons/airy.svg', dark: 'file:../icons/airy.dark.svg' } as const;

	documentationUrl = 'https://airy.co/docs/core/sources/facebook';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://airy.example.com',
			required: true,
			description: 'The Airy Core host; calls go to <Base URL>/channels.<source>.<action>',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Optional. The system token (systemToken) when the instance requires one.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = String(credentials.token ?? '');
		if (!token) return requestOptions;
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` },
		};
	}

	// POST /channels.list needs a JSON body, and n8n drops an empty one: the source filter keeps
	// the body and the call cheap.
	// @see https://github.com/airyhq/airy/blob/HEAD/backend/api/admin/src/main/java/co/airy/core/api/admin/ChannelsController.java
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/channels.list',
			method: 'POST',
			body: { source: 'facebook' },
		},
	};
}
