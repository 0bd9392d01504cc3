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
			description:
				'The Web Services (GWS) host, without /api/v2. Every call goes to {Base URL}/api/v2/me/….',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The agent user the node acts as (its Facebook interactions are "/me" in Web Services)',
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
		// Web Services reports a refused login in the body as well (statusCode 20), and may
		// demand a password change first (statusCode 8): both mean the credential cannot work.
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 20,
					message: 'Web Services did not authenticate this user: check the user name and password',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'statusCode',
					value: 8,
					message: 'Web Services demands a password change for this user: change it, then update the credential',
				},
			},
		],
	};
}
