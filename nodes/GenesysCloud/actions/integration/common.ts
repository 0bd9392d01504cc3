import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from '../../bodies';
import {
	resolveRoute,
	type ApiVersion,
	type Channel,
	type IntegrationOperation,
	type Route,
} from '../../channels';
import { facebookCredentialSecrets, facebookSecretsSource } from '../../../shared/facebookSecrets';

export const integrationIdProperty: INodeProperties = {
	displayName: 'Integration',
	name: 'integrationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The messaging integration on the chosen channel and API version',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchIntegrations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6b0a5c1e-2b4f-4d8e-9a3c-1f2e3d4c5b6a',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[0-9A-Za-z-]{8,64}$',
						errorMessage: 'Not a Genesys Cloud integration ID',
					},
				},
			],
		},
	],
};

export interface IntegrationTarget {
	channel: Channel;
	apiVersion: ApiVersion;
	route: Route;
}

/** Reads channel and API version and resolves their paths, refusing a pair the API does not have. */
export function target(
	this: IExecuteFunctions,
	itemIndex: number,
	operation: IntegrationOperation,
): IntegrationTarget {
	const channel = this.getNodeParameter('channel', itemIndex) as Channel;
	const apiVersion = this.getNodeParameter('apiVersion', itemIndex, 'current') as ApiVersion;
	const resolved = resolveRoute(channel, apiVersion, operation);
	if ('reason' in resolved)
		throw new NodeOperationError(this.getNode(), resolved.reason, { itemIndex });
	return { channel, apiVersion, route: resolved.route };
}

export function integrationId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(
		this.getNodeParameter('integrationId', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!id)
		throw new NodeOperationError(this.getNode(), 'Choose an integration or enter its ID', {
			itemIndex,
		});
	if (!/^[0-9A-Za-z-]{8,64}$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `"${id}" is not a Genesys Cloud integration ID`, {
			itemIndex,
		});
	}
	return id;
}

export const output = (entity: IDataObject, itemIndex: number) => ({
	json: redactSecrets(entity),
	pairedItem: { item: itemIndex },
});

export const settingsFields: INodeProperties[] = [
	{
		displayName: 'Messaging Setting ID',
		name: 'messagingSettingId',
		type: 'string',
		default: '',
		description:
			'ID of a messaging setting (Admin → Message → Platform Configs) to apply; current API only',
	},
	{
		displayName: 'Supported Content ID',
		name: 'supportedContentId',
		type: 'string',
		default: '',
		description: 'ID of a supported content profile (allowed media types); current API only',
	},
];

/** "Facebook Secrets From" and its notice, on the Facebook and Instagram channels. */
export function facebookSecretsFields(descriptions: {
	credential: string;
	parameters: string;
}): INodeProperties[] {
	return facebookSecretsSource(descriptions).map((property) => ({
		...property,
		displayOptions: {
			show: { channel: ['facebook', 'instagram'], ...property.displayOptions?.show },
		},
	}));
}

/**
 * The Facebook secrets of a Facebook or Instagram integration from the Facebook credentials: the
 * Page token of the Page credential or the user token of the App credential, and with `withApp`
 * the App ID and App Secret of the App credential.
 */
export async function facebookSecrets(
	this: IExecuteFunctions,
	itemIndex: number,
	token: 'page' | 'user',
	withApp: boolean,
): Promise<IDataObject> {
	const app: Record<string, string> = withApp ? { appId: 'App ID', appSecret: 'App Secret' } : {};
	if (token === 'user') {
		return await facebookCredentialSecrets(this, itemIndex, 'facebookAppApi', {
			...app,
			userAccessToken: 'User Access Token',
		});
	}
	const page = await facebookCredentialSecrets(this, itemIndex, 'facebookPageApi', {
		pageAccessToken: 'Page Access Token',
	});
	return withApp
		? { ...(await facebookCredentialSecrets(this, itemIndex, 'facebookAppApi', app)), ...page }
		: page;
}
