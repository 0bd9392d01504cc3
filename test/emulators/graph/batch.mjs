// Graph's batch requests: `POST /<version>/` with `batch`, a JSON array of at most 50
// {method, relative_url, body?}. Each runs as its own request with the outer access token (and
// appsecret_proof); the answer is 200 with one {code, headers, body} per request, `body` being
// the JSON text the request alone would have answered. Batch is not one of the legacy features
// that apps created since November 2026 lost (asynchronous batch is).
// @see https://developers.facebook.com/docs/graph-api/batch-requests
import { compilePath, json, parseBody } from '../lib/server.mjs';
import { fail } from './core.mjs';

const MAX_REQUESTS = 50;

/**
 * The batch route (to wrap with `versioned`) over `routes` (already `versioned`): inner requests
 * are matched against the same table, so they meet the same auth, version and legacy checks.
 */
export function batchRoutes(routes) {
	const table = routes.map(([method, pattern, handler]) => ({
		method,
		match: compilePath(pattern),
		handler,
	}));
	const run = async (outer, request, withHeaders) => {
		const method = String(request?.method ?? 'GET').toUpperCase();
		const relative = String(request?.relative_url ?? '').replace(/^\/+/, '');
		const url = new URL(`http://graph/${relative}`);
		const version = /^v\d+\.\d+$/.test(url.pathname.split('/')[1] ?? '')
			? ''
			: `/${outer.params.version}`;
		const path = `${version}${url.pathname}`;
		const query = Object.fromEntries(url.searchParams);
		const rawBody = Buffer.from(typeof request?.body === 'string' ? request.body : '');
		const inner = {
			...outer,
			method,
			path,
			query: {
				...pick(outer.body, ['access_token', 'appsecret_proof', 'appsecret_time']),
				...query,
			},
			rawBody,
			body: parseBody(rawBody, 'application/x-www-form-urlencoded'),
			params: {},
		};
		const route = table.find((r) => r.method === method && (inner.params = r.match(path)));
		const answer = route
			? await route.handler(inner)
			: json(404, { error: { message: 'Unknown path components', code: 2500 } });
		return {
			code: answer.status,
			...(withHeaders
				? {
						headers: Object.entries(answer.headers ?? {}).map(([name, value]) => ({
							name,
							value,
						})),
					}
				: {}),
			body: JSON.stringify(answer.body ?? null),
		};
	};
	return [
		[
			'POST',
			'/',
			async (ctx) => {
				let requests;
				try {
					requests = JSON.parse(String(ctx.body?.batch ?? ''));
				} catch {
					fail(400, 100, '(#100) The parameter batch must be a JSON array');
				}
				if (!Array.isArray(requests) || !requests.length)
					fail(400, 100, '(#100) The parameter batch is required');
				if (requests.length > MAX_REQUESTS)
					fail(400, 1, `(#1) Requests in a batch are limited to ${MAX_REQUESTS}`);
				const answers = [];
				const withHeaders = String(ctx.body?.include_headers ?? 'true') !== 'false';
				for (const request of requests) answers.push(await run(ctx, request, withHeaders));
				return json(200, answers);
			},
		],
	];
}

function pick(body, names) {
	const source = body && typeof body === 'object' ? body : {};
	return Object.fromEntries(
		names.filter((n) => source[n] !== undefined).map((n) => [n, source[n]]),
	);
}
