import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildUpdateBody, redactSecrets, type CreateInput } from '../../bodies';
import { EDIT_PERMISSION } from '../../permissions';
import { genesysRequest } from '../../transport';
import { facebookSecretsSourceOf } from '../../../shared/facebookSecrets';
import { collection } from '../../../shared/params';
import { showFor } from '../properties';
import { activate } from './create.operation';
import {
	facebookSecrets,
	facebookSecretsFields,
	integrationId,
	integrationIdProperty,
	readIntegration,
	target,
	updateFieldOptions,
} from './common';

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
		options: updateFieldOptions(),
	},
];

export const description = showFor(
	{ show: { resource: ['integration'], operation: ['update'] } },
	properties,
);

/**
 * Updates an integration with the Update Fields (LINE's PUT: merged into what is stored; a
 * WhatsApp phone number and PIN: the embedded-signup activation) and outputs it, secrets redacted.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integration = target.call(this, i, 'update');
	const { channel, apiVersion, route } = integration;
	const id = integrationId.call(this, i);
	const fields = { ...collection(this, 'updateFields', i) };
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
	if (built.activation && route.activate) {
		// WhatsApp embedded signup: the number goes to its own PATCH, once createStatus is Completed.
		const current = await readIntegration.call(this, i, integration, id);
		return redactSecrets(await activate.call(this, i, channel, current, body, route.activate));
	}
	const permission = EDIT_PERMISSION[channel];
	if (route.support.update === 'PUT') {
		// LINE's PUT takes the whole request (name is required): start from what is stored.
		const current = await readIntegration.call(this, i, integration, id);
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
	return redactSecrets(entity);
}
