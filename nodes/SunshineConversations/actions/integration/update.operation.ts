import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { collection, ensure } from '../../../shared/params';
import { updateBody } from '../../bodies';
import { sunshineRequest } from '../../transport';
import { checkDisplayName, checkSecret } from '../../validation';
import { integrationIdField, integrationPath } from './common';

const properties: INodeProperties[] = [
	integrationIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				description: 'New name of the integration (up to 100 characters)',
			},
			{
				displayName: 'Page Access Token',
				name: 'pageAccessToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'A new page access token (Instagram and Messenger)',
			},
			{
				displayName: 'Story Mentions Enabled',
				name: 'storyMentionsEnabled',
				type: 'boolean',
				default: true,
				description:
					"Whether a mention in a user's story creates a referral event (Instagram only)",
			},
			{
				displayName: 'Story Replies Enabled',
				name: 'storyRepliesEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether a reply to your business story creates a message (Instagram only)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['update'] } },
	properties,
);

/** Updates the chosen fields of an integration; outputs the integration Sunshine returns. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { path } = integrationPath(this, itemIndex);
	const fields = collection(this, 'updateFields', itemIndex);
	const body = updateBody(fields);
	ensure(
		this,
		itemIndex,
		Object.keys(body).length === 0
			? 'Nothing to update: add a field under Update Fields'
			: undefined,
		typeof body.displayName === 'string' ? checkDisplayName(body.displayName) : undefined,
		typeof body.pageAccessToken === 'string'
			? checkSecret(body.pageAccessToken, 'Page Access Token')
			: undefined,
	);
	const response = await sunshineRequest.call(this, 'PATCH', path, itemIndex, { body });
	return (response.integration ?? response) as IDataObject;
}
