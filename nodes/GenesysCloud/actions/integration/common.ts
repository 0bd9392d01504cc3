import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	CHANNEL_FIELDS,
	SETTINGS_FIELDS,
	resolveRoute,
	type ApiVersion,
	type Channel,
	type ChannelField,
	type IntegrationOperation,
	type Route,
} from '../../channels';
import { genesysRequest } from '../../transport';
import { integrationIdProblem, INTEGRATION_ID_PATTERN } from '../../validation';
import { facebookCredentialSecrets, facebookSecretsSource } from '../../../shared/facebookSecrets';
import { ensure, text } from '../../../shared/params';

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
						regex: INTEGRATION_ID_PATTERN,
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
	const channel = text(this, 'channel', itemIndex) as Channel;
	const apiVersion = (text(this, 'apiVersion', itemIndex) || 'current') as ApiVersion;
	const resolved = resolveRoute(channel, apiVersion, operation);
	if ('reason' in resolved)
		throw new NodeOperationError(this.getNode(), resolved.reason, { itemIndex });
	return { channel, apiVersion, route: resolved.route };
}

/** Reads one integration of the target's channel and API version (`qs`: what to expand). */
export async function readIntegration(
	this: IExecuteFunctions,
	itemIndex: number,
	{ channel, route }: IntegrationTarget,
	id: string,
	qs?: IDataObject,
): Promise<IDataObject> {
	return await genesysRequest.call(this, {
		method: 'GET',
		path: route.item(id),
		qs,
		operation: `read the ${channel} integration`,
		permission: 'messaging:integration:view',
		itemIndex,
	});
}

/** The integration the user picked or entered, checked before it goes into a request path. */
export function integrationId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(
		this.getNodeParameter('integrationId', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	ensure(this, itemIndex, integrationIdProblem(id));
	return id;
}

/** The Options of a read (Get, Get Many): what only the current API takes, so shown for it alone. */
export function currentApiOptions(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { apiVersion: ['current'] } },
		options,
	};
}

/** A field of the table as an editor property: a string unless the table gives its input. */
function fieldProperty(field: ChannelField): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		default: '',
		...field.input,
		...(field.secret ? { typeOptions: { password: true } } : {}),
	};
}

const described = (description: string | undefined) => (description ? { description } : {});

function byDisplayName(a: { displayName: string }, b: { displayName: string }): number {
	return a.displayName.localeCompare(b.displayName);
}

/** The settings references (messaging setting, supported content), by name. */
export const settingsFields: INodeProperties[] = SETTINGS_FIELDS.map((field) => ({
	...fieldProperty(field),
	...described(field.create?.description),
})).sort(byDisplayName);

/** The create form's channel fields, in table order, each shown for its channels and choices. */
export function createFieldProperties(): INodeProperties[] {
	return CHANNEL_FIELDS.flatMap(({ create, ...field }) => {
		if (!create || create.inOptions) return [];
		return [
			{
				...fieldProperty(field),
				...(create.required ? { required: true } : {}),
				...(create.placeholder ? { placeholder: create.placeholder } : {}),
				...described(create.description),
				displayOptions: {
					show: { ...(create.channels ? { channel: create.channels } : {}), ...create.when },
				},
			},
		];
	});
}

/**
 * The Update Fields options, by name (the two settings references stay together, as under
 * Options). `/channel` is the node's Channel: the options live inside a collection.
 */
export function updateFieldOptions(): INodeProperties[] {
	const option = ({ update, ...field }: ChannelField): INodeProperties => {
		const show = {
			...(update?.channels ? { '/channel': update.channels } : {}),
			...(update?.typedSecret ? { '/facebookSecretsFrom': ['parameters'] } : {}),
		};
		return {
			...fieldProperty(field),
			...(Object.keys(show).length ? { displayOptions: { show } } : {}),
			...described(update?.description),
		};
	};
	const updatable = CHANNEL_FIELDS.filter((field) => field.update);
	const groups = [
		...updatable.filter((field) => !field.create?.inOptions).map((field) => [option(field)]),
		updatable
			.filter((field) => field.create?.inOptions)
			.map(option)
			.sort(byDisplayName),
	];
	return groups.sort((a, b) => byDisplayName(a[0], b[0])).flat();
}

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
