import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { genesysRequest } from '../../transport';
import { collection, ensure, text } from '../../../shared/params';
import { showFor } from '../properties';
import { buildEventBody, customerProblem, inboundPath, timeProblem } from './bodies';
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
		displayName: 'Event Type',
		name: 'eventType',
		type: 'options',
		default: 'Typing',
		options: [
			{
				name: 'Typing',
				value: 'Typing',
				description: 'The customer is typing (the agent sees it)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [timeOption],
	},
];

export const description = showFor(
	{ show: { resource: ['openMessaging'], operation: ['sendInboundEvent'] } },
	properties,
);

/**
 * Tells the agent what the customer does (typing); events carry no message ID and are not
 * de-duplicated (a repeated typing event changes nothing).
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundEventMessages
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const integrationId = openIntegrationId.call(this, i);
	const customer = customerOf.call(this, i);
	const time = String(collection(this, 'options', i).time ?? '').trim() || undefined;
	const eventType = text(this, 'eventType', i) || 'Typing';
	ensure(
		this,
		i,
		eventType === 'Typing' ? undefined : 'Event Type must be Typing',
		customerProblem(customer),
		timeProblem(time),
	);
	return await genesysRequest.call(this, {
		method: 'POST',
		path: inboundPath(integrationId, 'event'),
		body: buildEventBody({ customer, time, eventType }),
		...operationPurpose('the customer’s event'),
		itemIndex: i,
	});
}
