import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { facebookSecret, facebookSecretsSource } from '../../shared/facebookSecrets';
import { checkImageUrl, checkNumericId, checkToken } from '../validation';
import { ensure, text } from './params';

/** The page fields Facebook and Instagram connect share. */
export const pageFields: INodeProperties[] = [
	...facebookSecretsSource({
		credential: 'Page Token from the Facebook Page credential',
		parameters:
			'Enter the Page Token below, ideally as an expression mapped from the previous node',
	}),
	{
		displayName: 'Page ID',
		name: 'pageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '104000000000001',
		description:
			'The numeric ID of the Facebook page (for Instagram: the page linked to the Instagram account)',
	},
	{
		displayName: 'Page Token',
		name: 'pageToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'An access token for the page, e.g. an expression mapping pageAccessToken from Facebook Messenger → Token → Get Page Tokens. Airy Core exchanges it for a long-lived token with the Facebook app configured in Airy.',
		displayOptions: { show: { facebookSecretsFrom: ['parameters'] } },
	},
];

export const displayFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Optional name Airy Core shows for the channel',
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/avatar.png',
		description: 'Optional picture Airy Core shows for the channel',
	},
];

/** Reads and checks the shared connect fields into Airy's snake_case request body. */
export async function connectBody(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const pageId = text(context, 'pageId', itemIndex);
	const pageToken = await facebookSecret(context, itemIndex, {
		parameter: 'pageToken',
		credential: 'facebookPageApi',
		field: 'pageAccessToken',
		label: 'Page Access Token',
	});
	const name = text(context, 'name', itemIndex);
	const imageUrl = text(context, 'imageUrl', itemIndex);
	ensure(
		context,
		itemIndex,
		checkNumericId(pageId, 'Page ID'),
		checkToken(pageToken, 'Page Token'),
		checkImageUrl(imageUrl),
	);
	const body: IDataObject = { page_id: pageId, page_token: pageToken };
	if (name) body.name = name;
	if (imageUrl) body.image_url = imageUrl;
	return body;
}
