import type { INodeProperties } from 'n8n-workflow';

// Fields that several operations share; each operation file places them with its own displayOptions.

export const interactionIdField: INodeProperties = {
	displayName: 'Interaction ID',
	name: 'interactionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '01QQQG2MU214P06D',
	description:
		'ID of the Facebook interaction, as Web Services reports it (e.g. in a CometD notification)',
};

export const sessionIdField: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '0000Na9B26EF003M',
	description: 'ID of the Facebook private-messaging session (facebooksession interaction)',
};

export const queuePathField = (description: string): INodeProperties => ({
	displayName: 'Queue Path',
	name: 'queuePath',
	type: 'string',
	required: true,
	default: '',
	placeholder: '/queues/60ebbb94-3cef-4b14-95f8-5c49dbeb355d',
	description,
});

export const userDataField: INodeProperties = {
	displayName: 'User Data',
	name: 'userData',
	type: 'json',
	default: '{}',
	description: 'Key-value data to attach to the interaction, as a JSON object',
};

/** Waiting for an operation's result over CometD (facebook resource, every operation). */
export const waitForResultFields: INodeProperties[] = [
	{
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait for the CometD notification that carries the outcome (the interaction with its ID and state) instead of returning as soon as Web Services accepted the request',
	},
	{
		displayName: 'Result Timeout (Seconds)',
		name: 'resultTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300 },
		default: 30,
		displayOptions: { show: { waitForResult: [true] } },
		description:
			'How long to wait for the notification before failing (the operation may still complete later)',
	},
];
