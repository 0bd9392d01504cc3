// The identities the emulators know, shared by node tests, end-to-end tests and the sandbox.
// None of these are real secrets: they exist only on this machine's loopback emulators.

// Fixed ports for the end-to-end run and the sandbox. MB_EMULATOR_PORT_BASE moves the whole set,
// so two runs can share a machine.
/** The emulators' ports, from `base` on. */
export function emulatorPorts(base) {
	return {
		graph: base,
		genesysApi: base + 1,
		genesysLogin: base + 2,
		genesysEngage: base + 3,
		airy: base + 4,
		sunshine: base + 5,
		instagram: base + 6,
		/** The Upstash-compatible REST front of a real redis-server (shared de-duplication). */
		redisRest: base + 7,
		redisServer: base + 8,
	};
}

export const PORTS = emulatorPorts(Number(process.env.MB_EMULATOR_PORT_BASE ?? 5811));

export const GRAPH = {
	appId: '1234567890123456',
	appSecret: 'emulator-app-secret-4f1c2b',
	/** What the app secret is reset to in the rotation test (Meta's "Reset app secret"). */
	rotatedAppSecret: 'emulator-app-secret-rotated-9d3e7a',
	userAccessToken: 'EAAemulatorUserToken',
	/** A short-lived user token that token: exchange turns into userAccessToken-like long-lived tokens. */
	shortLivedUserToken: 'EAAemulatorShortLived',
	userId: '10150000000000001',
	pageId: '104000000000001',
	pageName: 'Bridge Test Page',
	pageAccessToken: 'EAAemulatorPageToken104000000000001',
	/** How many Pages the emulator's user manages (more than one page of 100). */
	managedPages: 120,
	psid: '24000000000000001',
	verifyToken: 'bridge-verify-token',
};

/** The Instagram API with Instagram Login (graph.instagram.com): one app, one professional account. */
export const INSTAGRAM = {
	/** The Instagram app ID and secret (App Dashboard → Instagram → API setup with Instagram login). */
	appId: '990602627938098',
	appSecret: 'emulator-instagram-app-secret-7b2e51',
	/** A long-lived Instagram user access token (60 days), issued two days ago: refreshable. */
	accessToken: 'IGAAemulatorLongLivedToken',
	/** A short-lived token (1 hour) that token: exchange turns into a long-lived one. */
	shortLivedToken: 'IGAAemulatorShortLived',
	/** The Instagram professional account ID (`user_id`, the id webhooks carry as entry[].id). */
	accountId: '17841400000000001',
	/** The app-scoped id of the same account (`id` of GET /me). */
	appScopedId: '9600000000000001',
	username: 'bridge.test.shop',
	name: 'Bridge Test Shop',
	/** An Instagram-scoped ID (IGSID) of a customer who messaged the account. */
	igsid: '1180000000000001',
	verifyToken: 'bridge-instagram-verify-token',
};

export const GENESYS_CLOUD = {
	clientId: 'emulator-genesys-client',
	clientSecret: 'emulator-genesys-client-secret',
	/** Seconds a minted token lives in the emulator (tests may shorten it). */
	tokenLifetime: 86399,
};

export const GENESYS_ENGAGE = {
	username: 'agent1',
	password: 'emulator-gws-password',
};

export const AIRY = {
	token: 'emulator-airy-system-token',
};

export const SUNSHINE = {
	appId: '5e4af71a81966c000f9c2a80',
	keyId: 'app_5e4af71a81966c000f9c2a81',
	secret: 'emulator-sunshine-secret',
};

/** The token of the Redis REST front the emulators start (the sandbox's shared de-duplication). */
export const REDIS_REST = {
	token: 'emulator-redis-rest-token-7c1e',
};

const url = (host, port) => `http://${host}:${port}`;

/**
 * n8n credentials (import:credentials format, plain data) pointing at the emulators.
 * Ids are fixed so that workflows can reference them.
 */
export function emulatorCredentials({ host = '127.0.0.1', ports = PORTS } = {}) {
	return [
		{
			id: 'mbFacebookApp001',
			name: 'Facebook App (emulator)',
			type: 'facebookAppApi',
			data: {
				appId: GRAPH.appId,
				appSecret: GRAPH.appSecret,
				userAccessToken: GRAPH.userAccessToken,
				graphApiVersion: 'v25.0',
				graphApiBaseUrl: url(host, ports.graph),
			},
		},
		{
			id: 'mbFacebookPage01',
			name: 'Facebook Page (emulator)',
			type: 'facebookPageApi',
			data: {
				pageAccessToken: GRAPH.pageAccessToken,
				pageId: GRAPH.pageId,
				appSecret: GRAPH.appSecret,
				graphApiVersion: 'v25.0',
				graphApiBaseUrl: url(host, ports.graph),
			},
		},
		{
			id: 'mbInstagramLogin',
			name: 'Instagram Login (emulator)',
			type: 'instagramLoginApi',
			data: {
				appId: INSTAGRAM.appId,
				appSecret: INSTAGRAM.appSecret,
				accessToken: INSTAGRAM.accessToken,
				accountId: '',
				graphApiVersion: 'v25.0',
				graphApiBaseUrl: url(host, ports.instagram),
			},
		},
		{
			id: 'mbGenesysCloud01',
			name: 'Genesys Cloud (emulator)',
			type: 'genesysCloudOAuth2Api',
			data: {
				region: 'custom',
				customApiUrl: url(host, ports.genesysApi),
				customLoginUrl: url(host, ports.genesysLogin),
				clientId: GENESYS_CLOUD.clientId,
				clientSecret: GENESYS_CLOUD.clientSecret,
			},
		},
		{
			id: 'mbGenesysEngage1',
			name: 'Genesys Engage (emulator)',
			type: 'genesysEngageApi',
			data: {
				baseUrl: url(host, ports.genesysEngage),
				username: GENESYS_ENGAGE.username,
				password: GENESYS_ENGAGE.password,
			},
		},
		{
			id: 'mbAiryCore000001',
			name: 'Airy Core (emulator)',
			type: 'airyApi',
			data: { baseUrl: url(host, ports.airy), token: AIRY.token },
		},
		{
			id: 'mbSunshine000001',
			name: 'Sunshine Conversations (emulator)',
			type: 'sunshineConversationsApi',
			data: {
				baseUrl: url(host, ports.sunshine),
				appId: SUNSHINE.appId,
				keyId: SUNSHINE.keyId,
				secret: SUNSHINE.secret,
				authMethod: 'basic',
			},
		},
		{
			id: 'mbRedisRest00001',
			name: 'Redis REST (emulator)',
			type: 'redisRestApi',
			data: { url: url(host, ports.redisRest), token: REDIS_REST.token },
		},
	];
}

/** Every secret value above, for the secret-hygiene checks. */
export const SECRET_VALUES = [
	GRAPH.appSecret,
	GRAPH.rotatedAppSecret,
	GRAPH.userAccessToken,
	GRAPH.shortLivedUserToken,
	GRAPH.pageAccessToken,
	INSTAGRAM.appSecret,
	INSTAGRAM.accessToken,
	INSTAGRAM.shortLivedToken,
	GENESYS_CLOUD.clientSecret,
	GENESYS_ENGAGE.password,
	AIRY.token,
	SUNSHINE.secret,
	REDIS_REST.token,
];
