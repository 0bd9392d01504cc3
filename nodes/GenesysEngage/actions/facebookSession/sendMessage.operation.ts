import { sendMessageBody } from '../../bodies';
import { requiredMessage } from '../params';
import { sessionOperation } from './common';

/** Sends a text message in the session. */
export const { description, execute } = sessionOperation(
	'sendMessage',
	[
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			required: true,
			default: '',
			typeOptions: { rows: 3 },
			description: 'The message to send to the customer',
		},
	],
	(context, itemIndex) =>
		sendMessageBody({ text: requiredMessage(context, 'text', itemIndex, 'Text') }),
);
