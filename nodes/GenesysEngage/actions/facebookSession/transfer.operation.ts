import { transferBody } from '../../bodies';
import { requiredText } from '../params';
import { sessionOperation } from './common';

/** Transfers the session to another agent or a queue. */
export const { description, execute } = sessionOperation(
	'transfer',
	[
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
	],
	(context, itemIndex) => {
		const targetType = context.getNodeParameter('targetType', itemIndex, 'targetPath') as string;
		return targetType === 'targetUri'
			? transferBody({ targetUri: requiredText(context, 'targetUri', itemIndex, 'Target URI') })
			: transferBody({ targetPath: requiredText(context, 'targetPath', itemIndex, 'Target Path') });
	},
);
