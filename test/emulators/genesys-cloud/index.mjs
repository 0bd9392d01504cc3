// Genesys Cloud emulator: a login server (client-credentials tokens with a lifetime) and an API
// server (bearer check, permissions, per-token rate limit with 429 + Retry-After, ErrorBody with
// contextId = ININ-Correlation-Id, pageSize/pageNumber/pageCount/nextUri listings) serving the
// messaging integrations on the current and the legacy paths, and stickers.
import { randomUUID } from 'node:crypto';
import { basicAuth, bearer, json, startEmulator } from '../lib/server.mjs';
import { GENESYS_CLOUD, PORTS } from '../fixtures.mjs';
import {
	ADD_PERMISSION,
	BASE,
	CHANNELS,
	GenesysFailure,
	activateWhatsApp,
	createIntegration,
	createState,
	deleteIntegration,
	errorBody,
	fail,
	findIntegration,
	listIntegrations,
	missingPermission,
	observe,
	seedIntegrations,
	stickersFor,
	updateIntegration,
	view,
} from './model.mjs';

export {
	REJECTED_PAGE_TOKEN,
	REJECTED_WHATSAPP_PIN,
	WHATSAPP_AVAILABLE_NUMBERS,
} from './model.mjs';

const ALL_PERMISSIONS = [
	'messaging:integration:view',
	'messaging:integration:add',
	'messaging:integration:edit',
	'messaging:integration:delete',
	'messaging:conversationInstagramIntegration:add',
	'messaging:XIntegration:add',
	'messaging:XIntegration:edit',
	'messaging:whatsappIntegration:add',
	'messaging:appleIntegration:add',
	'messaging:appleIntegration:edit',
	'conversation:message:create',
];

/** A listing page as Genesys builds it: relative URIs with the query, nextUri/previousUri only when they apply. */
function page(items, query, path, mapItem) {
	const pageSize = query.pageSize === undefined ? 25 : Number(query.pageSize);
	const pageNumber = query.pageNumber === undefined ? 1 : Number(query.pageNumber);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
		fail(
			400,
			'invalid.value',
			`Value [${query.pageSize}] is not valid for field type [pageSize]. Allowable values are: 1-100`,
		);
	}
	if (!Number.isInteger(pageNumber) || pageNumber < 1)
		fail(
			400,
			'invalid.value',
			`Value [${query.pageNumber}] is not valid for field type [pageNumber].`,
		);
	const total = items.length;
	const pageCount = Math.max(1, Math.ceil(total / pageSize));
	const extra = Object.entries(query).filter(([k]) => k !== 'pageSize' && k !== 'pageNumber');
	const uri = (n) => {
		const qs = new URLSearchParams([
			['pageSize', String(pageSize)],
			['pageNumber', String(n)],
			...extra.flatMap(([k, v]) => [].concat(v).map((x) => [k, x])),
		]);
		return `${path}?${qs}`;
	};
	return {
		entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(mapItem),
		pageSize,
		pageNumber,
		total,
		firstUri: uri(1),
		selfUri: uri(pageNumber),
		lastUri: uri(pageCount),
		...(pageNumber < pageCount ? { nextUri: uri(pageNumber + 1) } : {}),
		...(pageNumber > 1 ? { previousUri: uri(pageNumber - 1) } : {}),
		pageCount,
	};
}

const expandOf = (query) => [].concat(query.expand ?? []).flatMap((v) => String(v).split(','));

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const shared = {
		clientId: GENESYS_CLOUD.clientId,
		clientSecret: GENESYS_CLOUD.clientSecret,
		tokenLifetime: GENESYS_CLOUD.tokenLifetime,
		/** token → {expiresAt (ms), minted (ms)} */
		tokens: new Map(),
		permissions: new Set(ALL_PERMISSIONS),
		/** Requests per token per window (Genesys: 300 per minute per client-credentials token). */
		rateLimit: { perWindow: 300, windowMs: 60_000 },
		/** token → {windowStart, count} */
		usage: new Map(),
		...createState(),
	};

	const login = await startEmulator({
		name: 'genesys-login',
		port: ports.genesysLogin,
		host,
		routes: [
			[
				'POST',
				'/oauth/token',
				(ctx) => {
					const auth = basicAuth(ctx.headers);
					if (!auth || auth.username !== shared.clientId || auth.password !== shared.clientSecret) {
						return json(401, {
							error: 'invalid_client',
							description: 'authentication failed',
							error_description: 'authentication failed',
						});
					}
					if (ctx.body?.grant_type !== 'client_credentials') {
						return json(400, {
							error: 'unsupported_grant_type',
							description: 'grant type not supported',
							error_description: 'grant type not supported',
						});
					}
					const token = `gc-emu-${randomUUID()}`;
					shared.tokens.set(token, {
						minted: Date.now(),
						expiresAt: Date.now() + shared.tokenLifetime * 1000,
					});
					return json(200, {
						access_token: token,
						token_type: 'bearer',
						expires_in: shared.tokenLifetime,
					});
				},
			],
		],
	});

	const handle = (permission, fn) => async (ctx) => {
		const contextId = randomUUID();
		const headers = { 'ININ-Correlation-Id': contextId };
		try {
			const token = bearer(ctx.headers);
			if (!token)
				fail(
					401,
					'authentication.required',
					'No authentication bearer token specified in authorization header.',
				);
			const known = shared.tokens.get(token);
			if (!known || known.expiresAt <= Date.now())
				fail(401, 'bad.credentials', 'Invalid login credentials.');
			const now = Date.now();
			let usage = shared.usage.get(token);
			if (!usage || now - usage.windowStart >= shared.rateLimit.windowMs) {
				usage = { windowStart: now, count: 0 };
				shared.usage.set(token, usage);
			}
			const reset = Math.max(
				1,
				Math.ceil((usage.windowStart + shared.rateLimit.windowMs - now) / 1000),
			);
			Object.assign(headers, {
				'inin-ratelimit-allowed': String(shared.rateLimit.perWindow),
				'inin-ratelimit-reset': String(reset),
			});
			if (usage.count >= shared.rateLimit.perWindow) {
				headers['Retry-After'] = String(reset);
				fail(
					429,
					'too.many.requests.retry.after',
					`Rate limit exceeded the maximum. Retry the request in [${reset}] seconds`,
				);
			}
			usage.count += 1;
			headers['inin-ratelimit-count'] = String(usage.count);
			const needed = typeof permission === 'function' ? permission(ctx) : permission;
			if (needed && !shared.permissions.has(needed)) missingPermission(needed);
			const answer = await fn(ctx);
			return { ...answer, headers: { ...headers, ...(answer.headers ?? {}) } };
		} catch (error) {
			if (!(error instanceof GenesysFailure)) throw error;
			return json(error.status, errorBody(error, contextId), headers);
		}
	};

	const routes = [
		[
			'GET',
			'/api/v2/organizations/me',
			handle(null, () =>
				json(200, {
					id: 'e6f5d4c3-b2a1-4098-8765-43210fedcba9',
					name: 'Emulator Org',
					defaultLanguage: 'en-us',
					thirdPartyOrgName: 'emulator',
					domain: 'emulator',
					version: 12,
					state: 'active',
					selfUri: '/api/v2/organizations/me',
				}),
			),
		],
	];
	for (const [api, channels] of Object.entries(CHANNELS)) {
		for (const [channel, traits] of Object.entries(channels)) {
			const collection = `${BASE[api]}/${channel}`;
			const createPath = channel === 'whatsapp' ? `${collection}/embeddedsignup` : collection;
			routes.push(
				[
					'GET',
					collection,
					handle('messaging:integration:view', (ctx) => {
						if (api === 'legacy' && (ctx.query.expand || ctx.query['supportedContent.id']))
							fail(400, 'bad.request', 'Unknown query parameter.');
						const list = listIntegrations(shared, api, channel, ctx.query);
						return json(
							200,
							page(list, ctx.query, collection, (e) => view(e, api, channel, expandOf(ctx.query))),
						);
					}),
				],
				[
					'POST',
					createPath,
					handle(ADD_PERMISSION[channel], (ctx) => {
						const entity = createIntegration(shared, api, channel, ctx.body ?? {}, {
							embeddedSignup: createPath.endsWith('embeddedsignup'),
						});
						return json(200, view(entity, api, channel));
					}),
				],
				[
					'GET',
					`${collection}/:id`,
					handle('messaging:integration:view', (ctx) => {
						const entity = findIntegration(shared, channel, ctx.params.id);
						observe(entity);
						return json(200, view(entity, api, channel, expandOf(ctx.query)));
					}),
				],
				[
					'DELETE',
					`${collection}/:id`,
					handle('messaging:integration:delete', (ctx) => {
						const entity = findIntegration(shared, channel, ctx.params.id);
						deleteIntegration(shared, channel, ctx.params.id);
						// WhatsApp's DELETE answers with the integration; the others with no body.
						return channel === 'whatsapp'
							? json(200, { ...view(entity, api, channel), status: 'Deleting' })
							: { status: 204 };
					}),
				],
			);
			if (channel === 'whatsapp') {
				// The embedded signup's activation: one of the available numbers and its PIN.
				routes.push([
					'PATCH',
					`${collection}/embeddedsignup/:id`,
					handle('messaging:integration:edit', (ctx) => {
						const entity = findIntegration(shared, channel, ctx.params.id);
						return json(200, view(activateWhatsApp(shared, entity, ctx.body ?? {}), api, channel));
					}),
				]);
				// The deprecated certificate-based create still exists and refuses.
				routes.push([
					'POST',
					collection,
					handle(ADD_PERMISSION.whatsapp, (ctx) =>
						json(200, view(createIntegration(shared, api, channel, ctx.body ?? {}), api, channel)),
					),
				]);
			}
			if (traits.update) {
				const editPermission =
					channel === 'twitter'
						? 'messaging:XIntegration:edit'
						: channel === 'apple'
							? 'messaging:appleIntegration:edit'
							: 'messaging:integration:edit';
				routes.push([
					traits.update,
					`${collection}/:id`,
					handle(editPermission, (ctx) => {
						const entity = findIntegration(shared, channel, ctx.params.id);
						return json(
							200,
							view(updateIntegration(entity, channel, traits.update, ctx.body ?? {}), api, channel),
						);
					}),
				]);
			}
		}
	}
	for (const prefix of ['/api/v2/messaging/stickers', '/api/v2/conversations/messaging/stickers']) {
		routes.push([
			'GET',
			`${prefix}/:messengerType`,
			handle('conversation:message:create', (ctx) => {
				const list = stickersFor(shared, ctx.params.messengerType);
				return json(
					200,
					page(list, ctx.query, `${prefix}/${ctx.params.messengerType}`, (s) => s),
				);
			}),
		]);
	}

	const api = await startEmulator({
		name: 'genesys-api',
		port: ports.genesysApi,
		host,
		routes,
		notFound: handle(null, (ctx) =>
			fail(404, 'not.found', `The requested resource ${ctx.method} ${ctx.path} was not found.`),
		),
	});
	// Tests reach the shared state through either server.
	api.state = shared;
	login.state = shared;
	/** Fills a channel with N settled integrations. */
	api.seed = (channel, count, prefix) => seedIntegrations(shared, channel, count, prefix);
	/** Makes every minted token expired now (as if its lifetime had passed). */
	api.expireTokens = () => {
		for (const entry of shared.tokens.values()) entry.expiresAt = Date.now() - 1;
	};
	api.reset = () => {
		Object.assign(shared, createState());
		shared.permissions = new Set(ALL_PERMISSIONS);
		shared.rateLimit = { perWindow: 300, windowMs: 60_000 };
		shared.usage.clear();
		shared.tokenLifetime = GENESYS_CLOUD.tokenLifetime;
	};
	return {
		api,
		login,
		close: async () => {
			await api.close();
			await login.close();
		},
	};
}
