import { addCommentBody } from '../../bodies';
import { requiredMessage } from '../params';
import { sessionOperation } from './common';

/** Sets the session's comment. */
export const { description, execute } = sessionOperation(
	'addComment',
	[
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			required: true,
			default: '',
			description: 'Comment to set on the session (visible to agents, not to the customer)',
		},
	],
	(context, itemIndex) =>
		addCommentBody({ comment: requiredMessage(context, 'comment', itemIndex, 'Comment') }),
);
