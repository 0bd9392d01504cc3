import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { facebookSecret, facebookSecretsSource } from '../../../shared/facebookSecrets';
import { airyRequest } from '../../transport';
import { checkToken } from '../../validation';
import { ensure } from '../../../shared/params';

const properties: INodeProperties[] = [
	...facebookSecretsSource({
		credential: 'The user token (User Access Token) of the Facebook App credential',
		parameters:
			'Enter the Facebook User Access Token below, ideally as an expression mapped from the previous node',
	}),
	{
		displayName: 'Facebook User Access Token',
		name: 'authToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'A Facebook user token with pages_show_list; Airy Core uses it to list the pages this user manages (it is not stored)',
		displayOptions: { show: { facebookSecretsFrom: ['parameters'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['explore'] } },
	properties,
);

/** Lists the Facebook pages the user token can manage, each with `connected` as Airy Core sees it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const authToken = await facebookSecret(this, itemIndex, {
		parameter: 'authToken',
		credential: 'facebookAppApi',
		field: 'userAccessToken',
		label: 'User Access Token',
	});
	ensure(this, itemIndex, checkToken(authToken, 'Facebook User Access Token'));
	const response = (await airyRequest.call(
		this,
		'channels.facebook.explore',
		{ auth_token: authToken },
		itemIndex,
	)) as {
		data?: IDataObject[];
	};
	return Array.isArray(response?.data) ? response.data : [];
}
