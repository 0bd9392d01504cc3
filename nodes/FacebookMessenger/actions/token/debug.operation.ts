import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { graphErrorInfo, graphVendorError } from '../../../shared/graphErrors';
import { apiError } from '../../../shared/transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Token to Inspect',
		name: 'tokenSource',
		type: 'options',
		options: [
			{ name: 'Enter a Token', value: 'parameter' },
			{ name: 'User Access Token of the App Credential', value: 'credential' },
		],
		default: 'credential',
	},
	{
		displayName: 'Input Token',
		name: 'inputToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { tokenSource: ['parameter'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['token'], operation: ['debug'] } },
	properties,
);

/** One answer of a Graph batch request: the status and the JSON text of that request's body. */
interface BatchAnswer {
	code?: number;
	body?: string;
}

function parseJson(text: unknown): IDataObject {
	try {
		const value = JSON.parse(String(text ?? '')) as unknown;
		return value && typeof value === 'object' ? (value as IDataObject) : {};
	} catch {
		return {};
	}
}

const iso = (seconds: unknown) =>
	Number(seconds) > 0 ? new Date(Number(seconds) * 1000).toISOString() : null;

/** What a token is: type, app, validity, expiry (0 = never), scopes. Asked with the app token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const source = String(this.getNodeParameter('tokenSource', itemIndex, 'credential'));
	let token = '';
	if (source === 'parameter') token = String(this.getNodeParameter('inputToken', itemIndex, ''));
	else token = String((await this.getCredentials('facebookAppApi')).userAccessToken ?? '');
	if (!token.trim()) {
		throw new NodeOperationError(
			this.getNode(),
			'There is no token to inspect: enter one or add it to the credential',
			{ itemIndex },
		);
	}
	// A batch of one GET keeps input_token out of the request URL (it travels in the POST body).
	// The earlier POST with method=GET is Graph's HTTP method override, which apps created since
	// 4 November 2026 cannot use; batch requests stay open to them.
	// @see https://developers.facebook.com/docs/graph-api/batch-requests
	// @see https://developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/
	const batch = (await graphRequest.call(this, {
		credential: 'facebookAppApi',
		token: 'app',
		method: 'POST',
		path: '/',
		body: {
			batch: JSON.stringify([
				{
					method: 'GET',
					relative_url: `debug_token?input_token=${encodeURIComponent(token.trim())}`,
				},
			]),
			include_headers: 'false',
		},
		bodyType: 'form',
		kind: 'read',
		itemIndex,
	})) as unknown as BatchAnswer[];
	const response = parseJson(batch?.[0]?.body);
	const status = Number(batch?.[0]?.code);
	if (status !== 200) {
		const failure = { status: status || undefined, data: response, headers: {}, message: '' };
		throw apiError(this.getNode(), failure, graphVendorError(graphErrorInfo(failure)), itemIndex);
	}
	const data = (response.data as IDataObject | undefined) ?? {};
	return [
		{
			...data,
			expiresAtIso: data.expires_at === 0 ? 'never' : iso(data.expires_at),
			dataAccessExpiresAtIso: iso(data.data_access_expires_at),
		},
	];
}
