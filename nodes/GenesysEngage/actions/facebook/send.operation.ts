import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { sendBody } from '../../bodies';
import { facebookPath, requiredString } from '../../params';
import type { GwsSession } from '../../transport';
import { operateAndReport } from './result';
import { interactionIdField, queuePathField } from '../fields';

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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const interactionId = requiredString.call(this, 'interactionId', itemIndex, 'Interaction ID');
	const queuePath = requiredString.call(this, 'queuePath', itemIndex, 'Queue Path');
	const from = requiredString.call(this, 'from', itemIndex, 'From');
	const message = requiredString.call(this, 'message', itemIndex, 'Message', true);
	const saveLar = this.getNodeParameter('saveLar', itemIndex, false) as boolean;
	return await operateAndReport.call(
		this,
		gws,
		itemIndex,
		'Send',
		{ interactionId },
		async () =>
			await gws.operate(
				facebookPath(interactionId),
				sendBody({ queuePath, from, message, saveLar }),
				itemIndex,
			),
	);
}
