import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';

const properties: INodeProperties[] = [
	{
		displayName: 'Token to Exchange',
		name: 'tokenSource',
		type: 'options',
		options: [
			{ name: 'User Access Token of the Credential', value: 'credential' },
			{ name: 'Enter a Token', value: 'parameter' },
		],
		default: 'credential',
	},
	{
		displayName: 'Short-Lived User Token',
		name: 'shortLivedToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'A user token from Facebook Login or the Graph API Explorer (valid about 1 hour)',
		displayOptions: { show: { tokenSource: ['parameter'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['exchange'] } },
	properties,
);

/**
 * Short-lived user token → long-lived (about 60 days). The app secret and the token travel in
 * the POST body, never in the URL.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const credentials = await this.getCredentials('facebookAppApi');
	const source = String(this.getNodeParameter('tokenSource', itemIndex, 'credential'));
	const token =
		source === 'parameter'
			? String(this.getNodeParameter('shortLivedToken', itemIndex, '')).trim()
			: String(credentials.userAccessToken ?? '').trim();
	if (!token) {
		throw new NodeOperationError(
			this.getNode(),
			source === 'parameter'
				? 'Short-Lived User Token is empty: paste the token to exchange'
				: 'The Facebook App credential has no User Access Token: add one or choose "Enter a Token"',
			{ itemIndex },
		);
	}
	const response = await graphRequest.call(this, {
		credential: 'facebookAppApi',
		token: 'app',
		method: 'POST',
		path: '/oauth/access_token',
		body: {
			grant_type: 'fb_exchange_token',
			client_id: String(credentials.appId ?? ''),
			client_secret: String(credentials.appSecret ?? ''),
			fb_exchange_token: token,
		},
		bodyType: 'form',
		// Meta answers a wrong secret with code 1: not worth repeating.
		kind: 'write',
		itemIndex,
	});
	const expiresIn = response.expires_in === undefined ? undefined : Number(response.expires_in);
	return [
		{
			accessToken: response.access_token,
			tokenType: response.token_type ?? 'bearer',
			expiresIn: expiresIn ?? null,
			expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
		},
	];
}
