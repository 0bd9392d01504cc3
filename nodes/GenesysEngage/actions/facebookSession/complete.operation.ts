import { completeBody } from '../../bodies';
import { optionalText } from '../params';
import { sessionOperation } from './common';

/** Completes the session: ends it and, with a queue name, places the interaction in that queue. */
export const { description, execute } = sessionOperation(
	'complete',
	[
		{
			displayName: 'Queue Name',
			name: 'queueName',
			type: 'string',
			default: '',
			description: 'Queue to place the completed interaction in; leave empty to just complete it',
		},
	],
	(context, itemIndex) =>
		completeBody({ queueName: optionalText(context, 'queueName', itemIndex) }),
);
