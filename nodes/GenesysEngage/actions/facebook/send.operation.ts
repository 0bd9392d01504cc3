import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sendBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { requiredMessage, requiredText } from '../params';
import { interactionIdField, queuePathField } from '../properties';
import { facebookPath, interactionIdOf, operateAndReport, queuePathOf } from './common';

const properties: INodeProperties[] = [
	interactionIdField,
	queuePathField(
		'The queue (job) that handles the Send operation, e.g. /queues/<id> or /contacts/<id>',
	),
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'vitaliy_onv',
		description: 'User name of the Facebook account the message is sent from',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'The message to send, as plain text',
	},
	{
		displayName: 'Save Last Agent (LAR)',
		name: 'saveLar',
		type: 'boolean',
		default: false,
		description:
			'Whether to store this agent in the Contact Profile for last-agent routing (saveLAR)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebook'], operation: ['send'] } },
	properties,
);

/** Sends a Facebook message from an outbound interaction in state Composing. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const interactionId = interactionIdOf(this, itemIndex);
	const body = sendBody({
		queuePath: queuePathOf(this, itemIndex),
		from: requiredText(this, 'from', itemIndex, 'From'),
		message: requiredMessage(this, 'message', itemIndex, 'Message'),
		saveLar: this.getNodeParameter('saveLar', itemIndex, false) as boolean,
	});
	return await operateAndReport.call(this, itemIndex, gws, facebookPath(interactionId), body, {
		interactionId,
	});
}
