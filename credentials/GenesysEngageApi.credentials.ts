import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Genesys Engage Web Services (GWS): HTTP Basic with an agent's user name and password. */
export class GenesysEngageApi implements ICredentialType {
	name = 'genesysEngageApi';

	displayName = 'Genesys Engage Web Services API';

	icon = { light: 'file:../icons/genesys.svg', dark: 'file:../icons/genesys.dark.svg' } as const;

	documentationUrl = 'https://docs.genesys.com/Documentation/HTCC/latest/API/Authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://gws.example.com',
			required: true,
			description: 'The Web Services host, without /api/v2',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.username}}',
				password: '={{$credentials.password}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/v2/me',
		},
	};
}
