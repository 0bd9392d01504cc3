import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A Redis reached over HTTP with the Upstash Redis REST protocol: hosted by Upstash, or in front
 * of any Redis by a proxy that speaks it (such as serverless-redis-http). The Messenger Trigger
 * keeps its shared de-duplication claims there when n8n runs several webhook processes.
 * @see https://upstash.com/docs/redis/features/restapi
 */
export class RedisRestApi implements ICredentialType {
	name = 'redisRestApi';

	displayName = 'Redis REST API';

	icon = { light: 'file:../icons/redis.svg', dark: 'file:../icons/redis.dark.svg' } as const;

	documentationUrl = 'https://upstash.com/docs/redis/features/restapi';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://eu1-xyz.upstash.io',
			required: true,
			description:
				'The REST endpoint of the database (Upstash: UPSTASH_REDIS_REST_URL), or of a Redis REST proxy in front of your own Redis. No trailing path.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The REST token (Upstash: UPSTASH_REDIS_REST_TOKEN), sent as a Bearer token',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...(requestOptions.headers ?? {}),
				Authorization: `Bearer ${String(credentials.token ?? '')}`,
			},
		};
	}

	// One command as a JSON array, the protocol's cheapest authenticated call: {"result":"PONG"}.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url}}',
			// axios joins a base URL and '/' with exactly one slash, whatever the URL ends with.
			url: '/',
			method: 'POST',
			body: ['PING'],
			json: true,
		},
	};
}
