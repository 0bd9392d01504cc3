import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';

const properties: INodeProperties[] = [
	{
		displayName: 'Token to Inspect',
		name: 'tokenSource',
		type: 'options',
		options: [
			{ name: 'Enter a Token', value: 'parameter' },
			{ name: 'User Access Token of the App Credential', value: 'credential' },
		],
		default: 'credential',
	},
	{
		displayName: 'Input Token',
		name: 'inputToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { tokenSource: ['parameter'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['debug'] } },
	properties,
);

const iso = (seconds: unknown) =>
	Number(seconds) > 0 ? new Date(Number(seconds) * 1000).toISOString() : null;

/** What a token is: type, app, validity, expiry (0 = never), scopes. Asked with the app token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const source = String(this.getNodeParameter('tokenSource', itemIndex, 'credential'));
	let token = '';
	if (source === 'parameter') token = String(this.getNodeParameter('inputToken', itemIndex, ''));
	else token = String((await this.getCredentials('facebookAppApi')).userAccessToken ?? '');
	if (!token.trim()) {
		throw new NodeOperationError(
			this.getNode(),
			'There is no token to inspect: enter one or add it to the credential',
			{ itemIndex },
		);
	}
	// POST with method=GET keeps input_token out of the URL (Graph's method override).
	const response = await graphRequest.call(this, {
		credential: 'facebookAppApi',
		token: 'app',
		method: 'POST',
		path: '/debug_token',
		body: { input_token: token.trim(), method: 'GET' },
		bodyType: 'form',
		kind: 'read',
		itemIndex,
	});
	const data = (response.data as IDataObject | undefined) ?? {};
	return [
		{
			...data,
			expiresAtIso: data.expires_at === 0 ? 'never' : iso(data.expires_at),
			dataAccessExpiresAtIso: iso(data.data_access_expires_at),
		},
	];
}
