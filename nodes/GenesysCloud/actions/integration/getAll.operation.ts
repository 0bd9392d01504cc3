import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { redactSecrets } from '../../bodies';
import { genesysGetAll } from '../../transport';
import { returnAllOrLimit } from '../../../shared/descriptions';
import { collection } from '../../../shared/params';
import { listLimit, showFor } from '../properties';
import { currentApiOptions, settingsFields, target } from './common';
import { expandProperty } from './get.operation';

const properties: INodeProperties[] = [
	...returnAllOrLimit(false),
	currentApiOptions([
		expandProperty,
		...settingsFields.map((field) => ({
			...field,
			description: `Only integrations that use this ${field.displayName.replace(/ ID$/, '').toLowerCase()}`,
		})),
	]),
];

export const description = showFor(
	{ show: { resource: ['integration'], operation: ['getAll'] } },
	properties,
);

/** The listing query: expand and the dotted filter keys the API reads (supportedContent.id, messagingSetting.id). */
export function listQuery(options: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const expand = (options.expand as string[] | undefined) ?? [];
	if (expand.length) qs.expand = expand.join(',');
	if (String(options.supportedContentId ?? '').trim())
		qs['supportedContent.id'] = String(options.supportedContentId).trim();
	if (String(options.messagingSettingId ?? '').trim())
		qs['messagingSetting.id'] = String(options.messagingSettingId).trim();
	return qs;
}

/** Outputs the channel's integrations (secrets redacted), all or up to Limit. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const { channel, apiVersion, route } = target.call(this, i, 'getAll');
	const options = apiVersion === 'current' ? collection(this, 'options', i) : {};
	const entities = await genesysGetAll.call(
		this,
		{
			path: route.collection,
			qs: listQuery(options),
			operation: `list ${channel} integrations`,
			permission: 'messaging:integration:view',
			itemIndex: i,
		},
		listLimit(this, i),
	);
	return entities.map(redactSecrets);
}
