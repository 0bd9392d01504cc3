import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Genesys Engage Web Services (GWS): HTTP Basic with an agent's user name and password.
 *
 * Deliberately without `authenticate`: n8n would then add "Custom API Call" to the Genesys Engage
 * node, promising that the HTTP Request node can make any Web Services call with this credential.
 * It cannot: a write needs the JSESSIONID cookie and CSRF token of a session opened by a GET, and
 * a credential could only keep them through preAuthentication, stored in the credential and shared
 * by every workflow, renewed by n8n's node helper only on a 401 (a stale session answers 403),
 * and by the HTTP Request node after any failure, repeating a write that may have been applied.
 * The node's transport adds HTTP Basic itself and keeps the session per execution.
 */
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
			description:
				'The agent user the node acts as (its Facebook interactions are "/me" in Web Services)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/api/v2/me',
			// The credential adds no authentication to requests (see above), so the test brings its own.
			auth: {
				username: '={{$credentials.username}}',
				password: '={{$credentials.password}}',
			},
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
					message:
						'Web Services demands a password change for this user: change it, then update the credential',
				},
			},
		],
	};
}
