import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { redactSecrets } from '../../bodies';
import { collection } from '../../../shared/params';
import { showFor } from '../properties';
import {
	currentApiOptions,
	integrationId,
	integrationIdProperty,
	readIntegration,
	target,
} from './common';

export const expandProperty: INodeProperties = {
	displayName: 'Expand',
	name: 'expand',
	type: 'multiOptions',
	default: [],
	description: 'Referenced objects to include in full (current API only)',
	options: [
		{ name: 'Identity Resolution', value: 'identityresolution' },
		{ name: 'Messaging Setting', value: 'messagingSetting' },
		{ name: 'Supported Content', value: 'supportedContent' },
	],
};

const properties: INodeProperties[] = [integrationIdProperty, currentApiOptions([expandProperty])];

export const description = showFor(
	{ show: { resource: ['integration'], operation: ['get'] } },
	properties,
);

/** Outputs one integration (secrets redacted), with the referenced objects asked for. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integration = target.call(this, i, 'get');
	const id = integrationId.call(this, i);
	const options = integration.apiVersion === 'current' ? collection(this, 'options', i) : {};
	const expand = (options.expand as string[] | undefined) ?? [];
	const qs = expand.length ? { expand: expand.join(',') } : undefined;
	return redactSecrets(await readIntegration.call(this, i, integration, id, qs));
}
