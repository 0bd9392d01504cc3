import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { instagramCredentials, instagramRequest } from '../../../shared/instagramGraph';
import { routeOf } from '../../route';
import { chosenToken, tokenOutput } from './common';

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
		description:
			'A user token valid about 1 hour: from Facebook Login or the Graph API Explorer, or (Instagram Login) from the Instagram login flow',
		displayOptions: { show: { tokenSource: ['parameter'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['exchange'] } },
	properties,
);

/**
 * Short-lived user token → long-lived (about 60 days), on either route. Facebook Login: the app
 * secret and the token travel in the POST body, never in the URL.
 * @see https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	if (routeOf(this, itemIndex) === 'instagramLogin')
		return [await exchangeInstagram.call(this, itemIndex)];
	const credentials = await this.getCredentials('facebookAppApi');
	const token = chosenToken(
		this,
		itemIndex,
		String(this.getNodeParameter('tokenSource', itemIndex, 'credential')),
		String(this.getNodeParameter('shortLivedToken', itemIndex, '')),
		String(credentials.userAccessToken ?? ''),
		{
			entered: 'Short-Lived User Token is empty: paste the token to exchange',
			credential:
				'The Facebook App credential has no User Access Token: add one or choose "Enter a Token"',
		},
	);
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
	return [tokenOutput(response)];
}

/**
 * Instagram Login: `GET /access_token` with grant_type ig_exchange_token and the Instagram app
 * secret. Meta documents this endpoint as GET only ("Creating: not supported"), with the secret
 * and the token as query parameters: the one call of the package that carries a secret in a URL
 * (over HTTPS; the credential adds both, the node's errors never carry the request).
 * @see https://developers.facebook.com/docs/instagram-platform/reference/access_token
 */
async function exchangeInstagram(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const credentials = await instagramCredentials.call(this);
	if (!String(credentials.appSecret ?? '').trim()) {
		throw new NodeOperationError(
			this.getNode(),
			'The Instagram Login credential has no Instagram App Secret: exchanging a token needs it',
			{
				itemIndex,
				description:
					'Copy it from the Meta App Dashboard → Instagram → API setup with Instagram login → Instagram app secret.',
			},
		);
	}
	const source = String(this.getNodeParameter('tokenSource', itemIndex, 'credential'));
	const token = chosenToken(
		this,
		itemIndex,
		source,
		String(this.getNodeParameter('shortLivedToken', itemIndex, '')),
		String(credentials.accessToken ?? ''),
		{
			entered: 'Short-Lived User Token is empty: paste the token to exchange',
			credential:
				'The Instagram Login credential has no Access Token: add one or choose "Enter a Token"',
		},
	);
	const response = await instagramRequest.call(this, {
		method: 'GET',
		path: '/access_token',
		grant: 'ig_exchange_token',
		...(source === 'parameter' ? { grantToken: token } : {}),
		kind: 'write',
		itemIndex,
	});
	return tokenOutput(response);
}
