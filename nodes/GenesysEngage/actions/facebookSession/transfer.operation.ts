import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { transferBody } from '../../bodies';
import type { GwsSession } from '../../transport';
import { requiredText } from '../params';
import { sessionIdField } from '../properties';
import { operateOnSession, sessionIdOf } from './common';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Transfer To',
		name: 'targetType',
		type: 'options',
		options: [
			{
				name: 'Target Path',
				value: 'targetPath',
				description: 'A path such as /users/{user ID} or /queues/{queue ID}',
			},
			{
				name: 'Target URI',
				value: 'targetUri',
				description: 'A full Web Services URI of the user or queue',
			},
		],
		default: 'targetPath',
		description: 'How the transfer target is given',
	},
	{
		displayName: 'Target Path',
		name: 'targetPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/users/63630bbebf4840d7a0bffd6312bc29ff',
		displayOptions: { show: { targetType: ['targetPath'] } },
		description: 'Path of the agent or queue to transfer the session to',
	},
	{
		displayName: 'Target URI',
		name: 'targetUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://gws.example.com/api/v2/users/63630bbebf4840d7a0bffd6312bc29ff',
		displayOptions: { show: { targetType: ['targetUri'] } },
		description: 'URI of the agent or queue to transfer the session to',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['facebookSession'], operation: ['transfer'] } },
	properties,
);

/** Transfers the session to another agent or a queue. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	gws: GwsSession,
): Promise<IDataObject> {
	const sessionId = sessionIdOf(this, itemIndex);
	const targetType = this.getNodeParameter('targetType', itemIndex, 'targetPath') as string;
	const body =
		targetType === 'targetUri'
			? transferBody({ targetUri: requiredText(this, 'targetUri', itemIndex, 'Target URI') })
			: transferBody({ targetPath: requiredText(this, 'targetPath', itemIndex, 'Target Path') });
	return await operateOnSession(gws, itemIndex, sessionId, body);
}
