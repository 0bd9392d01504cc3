import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { returnAllOrLimit } from '../../../shared/descriptions';

import { runKeyed } from '../../../shared/keyedQueue';
import { errorItem } from '../../../shared/router';
import { graphPaginate, graphRequest } from '../../../shared/graph';

const properties: INodeProperties[] = [
	...returnAllOrLimit(true),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Check Connection',
				name: 'checkConnection',
				type: 'boolean',
				default: true,
				description:
					'Whether to ask each Page whether this app is subscribed to its webhooks (one extra call per Page)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['explore'] } },
	properties,
);

/** One output row per Page: never its token. */
export function pageRow(page: IDataObject): IDataObject {
	const picture = (page.picture as { data?: { url?: string } } | undefined)?.data?.url;
	return {
		id: page.id,
		name: page.name,
		category: page.category,
		tasks: (page.tasks as string[] | undefined) ?? [],
		pictureUrl: picture ?? null,
	};
}

/** Every Page the user token manages (one item each, never a token), with whether this app is subscribed to it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const checkConnection = options.checkConnection !== false;
	const pages = await graphPaginate.call(
		this,
		{
			credential: 'facebookAppApi',
			method: 'GET',
			path: '/me/accounts',
			qs: {
				fields: `id,name,category,tasks,picture{url}${checkConnection ? ',access_token' : ''}`,
			},
			kind: 'read',
			itemIndex,
		},
		limit,
	);
	if (!checkConnection) return pages.map(pageRow);

	const { appId } = await this.getCredentials('facebookAppApi');
	// Each Page answers for itself, with its own token (listed just now, kept in memory only).
	const checks = await runKeyed(
		pages.map((page) => ({
			key: String(page.id),
			run: async () => {
				if (!page.access_token)
					return {
						connected: null,
						connectionError: 'No Page token: the user cannot manage this Page',
					};
				const apps = await graphRequest.call(this, {
					credential: 'facebookAppApi',
					token: { page: String(page.access_token) },
					method: 'GET',
					path: `/${String(page.id)}/subscribed_apps`,
					kind: 'read',
					itemIndex,
				});
				const mine = ((apps.data as IDataObject[] | undefined) ?? []).find(
					(app) => String(app.id) === String(appId),
				);
				return {
					connected: Boolean(mine),
					subscribedFields: (mine?.subscribed_fields as string[] | undefined) ?? [],
				};
			},
		})),
		10,
	);
	return pages.map((page, index) => {
		const check = checks[index];
		const connection = check.ok
			? check.value
			: { connected: null, connectionError: errorItem(check.error).error };
		return { ...pageRow(page), ...connection };
	});
}
