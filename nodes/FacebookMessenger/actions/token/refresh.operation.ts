import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { instagramCredentials, instagramRequest } from '../../../shared/instagramGraph';
import { chosenToken, tokenOutput } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Token to Refresh',
		name: 'refreshTokenSource',
		type: 'options',
		options: [
			{ name: 'Access Token of the Credential', value: 'credential' },
			{ name: 'Enter a Token', value: 'parameter' },
		],
		default: 'credential',
	},
	{
		displayName: 'Long-Lived Token',
		name: 'longLivedToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'A long-lived Instagram user token, at least 24 hours old and not expired',
		displayOptions: { show: { refreshTokenSource: ['parameter'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['refresh'] } },
	properties,
);

/**
 * Instagram Login: renews a long-lived Instagram user token for another 60 days
 * (`GET /refresh_access_token`, grant_type ig_refresh_token). Meta documents the endpoint as GET
 * only, with the token as a query parameter; the credential adds it there (over HTTPS) and the
 * node's errors never carry the request. A token younger than 24 hours is not extended.
 * `tokenChanged` says whether Meta answered another token string: then the credential needs it.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const credentials = await instagramCredentials.call(this);
	const source = String(this.getNodeParameter('refreshTokenSource', itemIndex, 'credential'));
	const token = chosenToken(
		this,
		itemIndex,
		source,
		String(this.getNodeParameter('longLivedToken', itemIndex, '')),
		String(credentials.accessToken ?? ''),
		{
			entered: 'Long-Lived Token is empty: paste the token to refresh',
			credential:
				'The Instagram Login credential has no Access Token: add one or choose "Enter a Token"',
		},
	);
	const response = await instagramRequest.call(this, {
		method: 'GET',
		path: '/refresh_access_token',
		grant: 'ig_refresh_token',
		...(source === 'parameter' ? { grantToken: token } : {}),
		kind: 'write',
		itemIndex,
	});
	return {
		...tokenOutput(response),
		tokenChanged: response.access_token !== undefined && String(response.access_token) !== token,
	};
}
