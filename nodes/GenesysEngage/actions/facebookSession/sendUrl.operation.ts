import { NodeOperationError } from 'n8n-workflow';
import { sendUrlBody } from '../../bodies';
import { isWebUrl } from '../../validation';
import { requiredText } from '../params';
import { sessionOperation } from './common';

/** Sends a link in the session. */
export const { description, execute } = sessionOperation(
	'sendUrl',
	[
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/help',
			description: 'The http(s) link to send to the customer',
		},
	],
	(context, itemIndex) => {
		const url = requiredText(context, 'url', itemIndex, 'URL');
		if (!isWebUrl(url)) {
			throw new NodeOperationError(
				context.getNode(),
				`'URL' must be an http(s) URL, got '${url.slice(0, 100)}'`,
				{
					itemIndex,
					description: 'Enter a full link such as https://example.com/help.',
				},
			);
		}
		return sendUrlBody({ url });
	},
);
