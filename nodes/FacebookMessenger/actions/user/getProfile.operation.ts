import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { instagramRequest } from '../../../shared/instagramGraph';
import { routeOf } from '../../route';

const FIELDS = ['first_name', 'gender', 'last_name', 'locale', 'name', 'profile_pic', 'timezone'];

/**
 * The Instagram User Profile API's fields (Instagram Login route).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/user-profile
 */
const INSTAGRAM_FIELDS = [
	'follower_count',
	'is_business_follow_user',
	'is_user_follow_business',
	'is_verified_user',
	'name',
	'profile_pic',
	'username',
];
const DEFAULT_INSTAGRAM_FIELDS = ['name', 'username', 'profile_pic'];

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.senderId }}',
		description:
			'The PSID of the person (sender.ID of an incoming event); on the Instagram Login route, their Instagram-scoped ID (IGSID)',
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: FIELDS.map((field) => ({ name: field, value: field })),
		default: ['first_name', 'last_name', 'profile_pic'],
		description:
			'Profile fields to read. Locale, timezone and gender need extra permissions granted to the app.',
		displayOptions: { hide: { authentication: ['instagramLogin'] } },
	},
	{
		displayName: 'Fields',
		name: 'instagramFields',
		type: 'multiOptions',
		options: INSTAGRAM_FIELDS.map((field) => ({ name: field, value: field })),
		default: ['name', 'username', 'profile_pic'],
		description:
			'Instagram profile fields to read. Meta answers only for people who messaged the account.',
		displayOptions: { show: { authentication: ['instagramLogin'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getProfile'] } },
	properties,
);

/** The profile fields of one person (PSID, or IGSID on the Instagram Login route) the account may read. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const instagram = routeOf(this, itemIndex) === 'instagramLogin';
	const userId = String(this.getNodeParameter('userId', itemIndex, '')).trim();
	if (!/^\d+$/.test(userId)) {
		throw new NodeOperationError(
			this.getNode(),
			instagram
				? `User ID "${userId}" is not an IGSID (digits only): use sender.id from the Messenger Trigger (object Instagram)`
				: `User ID "${userId}" is not a PSID (digits only): use sender.id from the Messenger Trigger`,
			{ itemIndex },
		);
	}
	if (instagram) {
		const fields = (this.getNodeParameter('instagramFields', itemIndex, []) as string[]).filter(
			(f) => INSTAGRAM_FIELDS.includes(f),
		);
		return await instagramRequest.call(this, {
			method: 'GET',
			path: `/${userId}`,
			qs: { fields: (fields.length ? fields : DEFAULT_INSTAGRAM_FIELDS).join(',') },
			kind: 'read',
			itemIndex,
		});
	}
	const fields = (this.getNodeParameter('fields', itemIndex, []) as string[]).filter((f) =>
		FIELDS.includes(f),
	);
	const profile = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'GET',
		path: `/${userId}`,
		qs: { fields: (fields.length ? fields : ['first_name', 'last_name', 'profile_pic']).join(',') },
		kind: 'read',
		itemIndex,
	});
	return profile;
}
