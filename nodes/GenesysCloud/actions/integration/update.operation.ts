import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildUpdateBody, type CreateInput } from '../../bodies';
import { showFor } from '../display';
import { EDIT_PERMISSION } from '../../permissions';
import { genesysRequest } from '../../transport';
import { facebookSecretsSourceOf } from '../../../shared/facebookSecrets';
import {
	facebookSecrets,
	facebookSecretsFields,
	integrationId,
	integrationIdProperty,
	output,
	settingsFields,
	target,
} from './common';

const on = (...channel: string[]) => ({ show: { '/channel': channel } });
const typedTokenOn = {
	show: { '/channel': ['facebook', 'instagram'], '/facebookSecretsFrom': ['parameters'] },
};

const properties: INodeProperties[] = [
	integrationIdProperty,
	...facebookSecretsFields({
		credential:
			"Send the Page token of the Facebook Page credential (renews the integration's token), with the Update Fields",
		parameters:
			'Send a token only when Page Access Token or User Access Token is added to Update Fields, typed or mapped from the previous node',
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Channel ID',
				name: 'channelId',
				type: 'string',
				default: '',
				displayOptions: on('line'),
				description: 'Only while the integration is inactive',
			},
			{
				displayName: 'Channel Secret',
				name: 'channelSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: on('line'),
				description: 'Only while the integration is inactive',
			},
			{
				displayName: 'Code Challenge',
				name: 'codeChallenge',
				type: 'string',
				default: '',
				displayOptions: on('twitter'),
			},
			...settingsFields.map((field) => ({
				...field,
				displayOptions: on('facebook', 'instagram', 'open', 'twitter', 'whatsapp'),
			})),
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Outbound Webhook Signature Secret',
				name: 'outboundNotificationWebhookSignatureSecretToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: on('open'),
			},
			{
				displayName: 'Outbound Webhook URL',
				name: 'outboundNotificationWebhookUrl',
				type: 'string',
				default: '',
				displayOptions: on('open'),
			},
			{
				displayName: 'Page Access Token',
				name: 'pageAccessToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: typedTokenOn,
				description:
					'Best mapped from the previous node with an expression, e.g. pageAccessToken from Facebook Messenger → Token → Get Page Tokens',
			},
			{
				displayName: 'Redirect URI',
				name: 'redirectUri',
				type: 'string',
				default: '',
				displayOptions: on('twitter'),
			},
			{
				displayName: 'Service Code',
				name: 'serviceCode',
				type: 'string',
				default: '',
				displayOptions: on('line'),
			},
			{
				displayName: 'Signup Code',
				name: 'signupCode',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: on('twitter'),
			},
			{
				displayName: 'Switcher Secret',
				name: 'switcherSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: on('line'),
			},
			{
				displayName: 'User Access Token',
				name: 'userAccessToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: typedTokenOn,
			},
			{
				displayName: 'Webhook Headers',
				name: 'webhookHeaders',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				displayOptions: on('open'),
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
];

export const description = showFor(
	{ show: { resource: ['integration'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { channel, apiVersion, route } = target.call(this, i, 'update');
	const id = integrationId.call(this, i);
	const fields = { ...(this.getNodeParameter('updateFields', i, {}) as IDataObject) };
	if (fields.webhookHeaders !== undefined)
		fields.webhookHeaders = (fields.webhookHeaders as IDataObject).header ?? [];
	if (
		(channel === 'facebook' || channel === 'instagram') &&
		facebookSecretsSourceOf(this, i) === 'credential'
	) {
		// Typed tokens left in Update Fields from the other choice are not used.
		delete fields.userAccessToken;
		Object.assign(fields, await facebookSecrets.call(this, i, 'page', false));
	}
	const built = buildUpdateBody(channel, apiVersion, fields as unknown as CreateInput);
	if ('error' in built) throw new NodeOperationError(this.getNode(), built.error, { itemIndex: i });
	let body = built.body;
	const permission = EDIT_PERMISSION[channel];
	if (route.support.update === 'PUT') {
		// LINE's PUT takes the whole request (name is required): start from what is stored.
		const current = await genesysRequest.call(this, {
			method: 'GET',
			path: route.item(id),
			operation: `read the ${channel} integration`,
			permission: 'messaging:integration:view',
			itemIndex: i,
		});
		body = { name: current.name, channelId: current.channelId, ...body };
	}
	const entity = await genesysRequest.call(this, {
		method: route.support.update ?? 'PATCH',
		path: route.item(id),
		body,
		operation: `update the ${channel} integration`,
		permission,
		itemIndex: i,
	});
	return [output(entity, i)];
}
