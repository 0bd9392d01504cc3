import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { facebookSecret, facebookSecretsSource } from '../../../shared/facebookSecrets';
import { ensure, text } from '../../../shared/params';
import { createBody, type CreateInput } from '../../bodies';
import { sunshineRequest } from '../../transport';
import { createProblems } from '../../validation';

const typed = { show: { facebookSecretsFrom: ['parameters'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Facebook Messenger', value: 'messenger' },
			{ name: 'Instagram Direct', value: 'instagram' },
		],
		default: 'instagram',
		description: 'The channel to integrate',
	},
	...facebookSecretsSource({
		credential:
			'Page Access Token from the Facebook Page credential; Facebook App ID and App Secret from the Facebook App credential',
		parameters:
			'Enter the Page Access Token, Facebook App ID and App Secret below, ideally as expressions mapped from the previous node',
	}),
	{
		displayName: 'Page Access Token',
		name: 'pageAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			'The access token of the Facebook page (for Instagram: the page linked to the Instagram professional account), e.g. an expression mapping pageAccessToken from Facebook Messenger → Token → Get Page Tokens',
		displayOptions: typed,
	},
	{
		displayName: 'Facebook App ID',
		name: 'appId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of your Facebook app (not the Sunshine Conversations app)',
		displayOptions: typed,
	},
	{
		displayName: 'Facebook App Secret',
		name: 'appSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The secret of your Facebook app',
		displayOptions: typed,
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		default: '',
		description: 'Optional name of the integration (up to 100 characters)',
	},
	{
		displayName: 'Story Replies Enabled',
		name: 'storyRepliesEnabled',
		type: 'boolean',
		default: true,
		displayOptions: { show: { type: ['instagram'] } },
		description: 'Whether a reply to your business story (text or reaction) creates a message',
	},
	{
		displayName: 'Story Mentions Enabled',
		name: 'storyMentionsEnabled',
		type: 'boolean',
		default: true,
		displayOptions: { show: { type: ['instagram'] } },
		description: "Whether a mention of your business in a user's story creates a referral event",
	},
	{
		displayName: 'Page ID',
		name: 'pageId',
		type: 'string',
		default: '',
		displayOptions: { show: { type: ['messenger'] } },
		description: 'Optional numeric ID of the Facebook page',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['integration'], operation: ['create'] } },
	properties,
);

/** Creates an Instagram Direct or Messenger integration; outputs the integration Sunshine returns. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type = this.getNodeParameter('type', itemIndex) as CreateInput['type'];
	if (type !== 'instagram' && type !== 'messenger')
		ensure(this, itemIndex, `Type "${String(type)}" is not instagram or messenger`);
	const input: CreateInput = {
		type,
		pageAccessToken: await facebookSecret(this, itemIndex, {
			parameter: 'pageAccessToken',
			credential: 'facebookPageApi',
			field: 'pageAccessToken',
			label: 'Page Access Token',
		}),
		appId: await facebookSecret(this, itemIndex, {
			parameter: 'appId',
			credential: 'facebookAppApi',
			field: 'appId',
			label: 'App ID',
		}),
		appSecret: await facebookSecret(this, itemIndex, {
			parameter: 'appSecret',
			credential: 'facebookAppApi',
			field: 'appSecret',
			label: 'App Secret',
		}),
		displayName: text(this, 'displayName', itemIndex),
	};
	if (type === 'instagram') {
		input.storyRepliesEnabled = this.getNodeParameter(
			'storyRepliesEnabled',
			itemIndex,
			true,
		) as boolean;
		input.storyMentionsEnabled = this.getNodeParameter(
			'storyMentionsEnabled',
			itemIndex,
			true,
		) as boolean;
	} else {
		input.pageId = text(this, 'pageId', itemIndex);
	}
	ensure(this, itemIndex, ...createProblems(input));
	const response = await sunshineRequest.call(this, 'POST', '/integrations', itemIndex, {
		body: createBody(input),
	});
	return (response.integration ?? response) as IDataObject;
}
