import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ensure, text } from '../../../shared/params';
import { checkRecordId } from '../../validation';

/** The Integration ID of Get, Update and Delete. */
export const integrationIdField: INodeProperties = {
	displayName: 'Integration ID',
	name: 'integrationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '5e4af71a81966cfff3ef6550',
	description: 'The ID of the integration (24 hexadecimal characters)',
};

/** The checked Integration ID and its path-encoded API path. */
export function integrationPath(
	context: IExecuteFunctions,
	itemIndex: number,
): { id: string; path: string } {
	const id = text(context, 'integrationId', itemIndex);
	ensure(context, itemIndex, checkRecordId(id, 'Integration ID'));
	return { id, path: `/integrations/${encodeURIComponent(id)}` };
}
