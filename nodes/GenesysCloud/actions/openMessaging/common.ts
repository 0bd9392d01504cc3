import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { integrationIdProblem, INTEGRATION_ID_PATTERN } from '../../validation';
import { collection, ensure, text } from '../../../shared/params';
import type { Customer } from './bodies';

/** The Open integration the customer writes to: its inbound endpoints take its ID. */
export const openIntegrationProperty: INodeProperties = {
	displayName: 'Integration',
	name: 'integrationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Open Messaging integration the customer’s messages go to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchOpenIntegrations', searchable: true },
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

/** channel.from (channel.to on receipts): who the customer is on the messaging platform. */
export const customerProperties: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.senderId }}',
		description:
			'The customer’s ID on your messaging platform (e.g. the Messenger PSID). Genesys threads the conversation by it, and agents’ replies come back addressed to it.',
	},
	{
		displayName: 'Customer ID Type',
		name: 'customerIdType',
		type: 'options',
		default: 'Opaque',
		options: [
			{ name: 'Email', value: 'Email' },
			{ name: 'Opaque', value: 'Opaque', description: 'Any platform ID (Messenger PSID, etc.)' },
			{ name: 'Phone', value: 'Phone', description: 'E.164 phone number' },
		],
	},
	{
		displayName: 'Customer Details',
		name: 'customer',
		type: 'collection',
		placeholder: 'Add Detail',
		default: {},
		description: 'What the agent sees of the customer',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@example.com',
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'Image URL',
				name: 'image',
				type: 'string',
				default: '',
				description: 'URL of a picture of the customer',
			},
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{
				displayName: 'Nickname',
				name: 'nickname',
				type: 'string',
				default: '',
				description: 'Display name of the customer',
			},
		],
	},
];

/** The integration picked or entered, checked before it goes into the request path. */
export function openIntegrationId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(
		this.getNodeParameter('integrationId', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	ensure(this, itemIndex, integrationIdProblem(id));
	return id;
}

/** Customer Details as entered (empty ones undefined). */
export function customerDetailsOf(
	this: IExecuteFunctions,
	itemIndex: number,
): Omit<Customer, 'id' | 'idType'> {
	const details = collection(this, 'customer', itemIndex);
	const field = (name: string) => String(details[name] ?? '').trim() || undefined;
	return {
		firstName: field('firstName'),
		lastName: field('lastName'),
		nickname: field('nickname'),
		image: field('image'),
		email: field('email'),
	};
}

/** The customer fields as entered (checked by the body's validation). */
export function customerOf(this: IExecuteFunctions, itemIndex: number): Customer {
	return {
		id: text(this, 'customerId', itemIndex),
		idType: text(this, 'customerIdType', itemIndex) || 'Opaque',
		...customerDetailsOf.call(this, itemIndex),
	};
}

/** The Time option: when the customer acted (Messenger's timestamp), else now. */
export const timeOption: INodeProperties = {
	displayName: 'Time',
	name: 'time',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.timestamp }}',
	description:
		'When the customer acted: ISO-8601 or epoch milliseconds (Messenger’s timestamp). Empty: now.',
};

export const operationPurpose = (what: string): { operation: string } => ({
	operation: `send ${what} to the Open Messaging integration`,
});
