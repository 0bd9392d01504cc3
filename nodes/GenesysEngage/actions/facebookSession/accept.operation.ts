import { acceptBody } from '../../bodies';
import { optionalText } from '../params';
import { sessionOperation } from './common';

/** Accepts an invitation to a private-messaging session. */
export const { description, execute } = sessionOperation(
	'accept',
	[
		{
			displayName: 'Nickname',
			name: 'nickname',
			type: 'string',
			default: '',
			description: 'Name the customer sees for the agent; leave empty for the default',
		},
	],
	(context, itemIndex) => acceptBody({ nickname: optionalText(context, 'nickname', itemIndex) }),
);
