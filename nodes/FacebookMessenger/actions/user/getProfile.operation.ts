import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';

const FIELDS = ['first_name', 'gender', 'last_name', 'locale', 'name', 'profile_pic', 'timezone'];

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.senderId }}',
		description: 'The PSID of the person (sender.ID of an incoming event)',
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: FIELDS.map((field) => ({ name: field, value: field })),
		default: ['first_name', 'last_name', 'profile_pic'],
		description:
			'Profile fields to read. Locale, timezone and gender need extra permissions granted to the app.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getProfile'] } },
	properties,
);

/** The profile fields of one person (PSID) the Page may read. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = String(this.getNodeParameter('userId', itemIndex, '')).trim();
	if (!/^\d+$/.test(userId)) {
		throw new NodeOperationError(
			this.getNode(),
			`User ID "${userId}" is not a PSID (digits only): use sender.id from the Messenger Trigger`,
			{ itemIndex },
		);
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
