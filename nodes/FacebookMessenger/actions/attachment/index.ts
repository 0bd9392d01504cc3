import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload.operation';

export { upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attachment'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				description: 'Save a file with Meta and get a reusable attachment ID',
				action: 'Upload an attachment',
			},
		],
		default: 'upload',
	},
	...upload.description,
];
