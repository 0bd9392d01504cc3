import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { genesysRequest } from '../../transport';
import { collection, ensure, text } from '../../../shared/params';
import { showFor } from '../properties';
import { buildReceiptBody, FAILURE_CODES, inboundPath, receiptProblem } from './bodies';
import {
	customerOf,
	customerProperties,
	openIntegrationId,
	openIntegrationProperty,
	operationPurpose,
	timeOption,
} from './common';

const properties: INodeProperties[] = [
	openIntegrationProperty,
	...customerProperties,
	{
		displayName: 'Agent Message ID',
		name: 'agentMessageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.messageId }}',
		description:
			'The ID of the agent’s message this receipt is about (the Open Messaging Trigger outputs it as messageId)',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		default: 'Delivered',
		options: [
			{ name: 'Delivered', value: 'Delivered', description: 'The customer’s platform has it' },
			{
				name: 'Failed',
				value: 'Failed',
				description: 'It could not be delivered (the agent sees why)',
			},
			{ name: 'Read', value: 'Read', description: 'The customer has read it' },
		],
	},
	{
		displayName: 'Failure Code',
		name: 'failureCode',
		type: 'options',
		default: 'GeneralError',
		displayOptions: { show: { status: ['Failed'] } },
		options: FAILURE_CODES.map((code) => ({
			name: code.replace(/([a-z])([A-Z])/g, '$1 $2'),
			value: code,
		})),
	},
	{
		displayName: 'Failure Message',
		name: 'failureMessage',
		type: 'string',
		default: '',
		displayOptions: { show: { status: ['Failed'] } },
		description: 'Why the message failed, as the agent reads it',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Final Receipt',
				name: 'isFinalReceipt',
				type: 'boolean',
				default: true,
				description: 'Whether no other receipt follows for this message',
			},
			timeOption,
		],
	},
];

export const description = showFor(
	{ show: { resource: ['openMessaging'], operation: ['sendInboundReceipt'] } },
	properties,
);

/**
 * Reports what became of an agent's message (Delivered, Read, Failed with a reason). A repeated
 * receipt restates the same status, so receipts are not de-duplicated.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundReceiptMessages
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integrationId = openIntegrationId.call(this, i);
	const options = collection(this, 'options', i);
	const status = text(this, 'status', i) || 'Delivered';
	const input = {
		customer: customerOf.call(this, i),
		agentMessageId: text(this, 'agentMessageId', i),
		status,
		time: String(options.time ?? '').trim() || undefined,
		failureCode: status === 'Failed' ? text(this, 'failureCode', i) : undefined,
		failureMessage: status === 'Failed' ? text(this, 'failureMessage', i) : undefined,
		isFinalReceipt:
			typeof options.isFinalReceipt === 'boolean' ? options.isFinalReceipt : undefined,
	};
	ensure(this, i, receiptProblem(input));
	return await genesysRequest.call(this, {
		method: 'POST',
		path: inboundPath(integrationId, 'receipt'),
		body: buildReceiptBody(input),
		...operationPurpose('the receipt'),
		itemIndex: i,
	});
}
