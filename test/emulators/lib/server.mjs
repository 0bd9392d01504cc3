// A small loopback HTTP server that emulators build on: route table, request recording,
// latency and fault injection. Emulators describe the vendor's behaviour; this file only
// moves bytes and keeps the log that tests assert on.
import { createServer } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';

/** Compiles '/v:version/:id/messages' style patterns into a matcher returning params or null. */
export function compilePath(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((part) =>
			part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name) => {
				names.push(name);
				return '([^/]+)';
			}),
		)
		.join('/');
	const regex = new RegExp(`^${source}/?$`);
	return (path) => {
		const match = regex.exec(path);
		if (!match) return null;
		return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
	};
}

export function parseBody(raw, contentType = '') {
	if (!raw.length) return undefined;
	const text = raw.toString('utf8');
	if (contentType.includes('json')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	if (contentType.includes('x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	return text;
}

export const json = (status, body, headers = {}) => ({ status, body, headers });

/**
 * Starts an emulator.
 * @param {object} options
 * @param {string} options.name
 * @param {Array<[method: string, pattern: string, handler: Function]>} options.routes
 *   handler(ctx) → {status, body, headers} | Promise of it; ctx = {method, path, params, query,
 *   headers, rawBody, body, emulator}
 * @param {number} [options.port] 0 = any free port
 * @param {Function} [options.notFound]
 */
export async function startEmulator({ name, routes, port = 0, notFound, host = '127.0.0.1' }) {
	const table = routes.map(([method, pattern, handler]) => ({
		method,
		match: compilePath(pattern),
		handler,
	}));
	const emulator = {
		name,
		requests: [],
		latencyMs: 0,
		faults: [],
		state: {},
		url: '',
		/** Forgets recorded traffic (state is the emulator's own business). */
		clearRequests() {
			this.requests.length = 0;
		},
		/** The next `times` requests matching `predicate` get `response` instead of the normal answer. */
		injectFault(predicate, response, times = 1) {
			this.faults.push({ predicate, response, times });
		},
		clearFaults() {
			this.faults.length = 0;
		},
		requestsTo(method, pathPart) {
			return this.requests.filter(
				(r) =>
					r.method === method &&
					(pathPart instanceof RegExp ? pathPart.test(r.path) : r.path.includes(pathPart)),
			);
		},
	};

	const server = createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		let rawBody = Buffer.concat(chunks);
		const encoding = req.headers['content-encoding'];
		if (encoding === 'gzip') rawBody = gunzipSync(rawBody);
		if (encoding === 'deflate') rawBody = inflateSync(rawBody);
		const url = new URL(req.url, 'http://localhost');
		const query = {};
		for (const [key, value] of url.searchParams) {
			if (key in query) query[key] = [].concat(query[key], value);
			else query[key] = value;
		}
		const ctx = {
			method: req.method,
			path: url.pathname,
			query,
			headers: req.headers,
			rawBody,
			body: parseBody(rawBody, req.headers['content-type'] ?? ''),
			emulator,
			params: {},
		};
		const record = {
			method: ctx.method,
			path: ctx.path,
			url: req.url,
			query,
			headers: req.headers,
			body: ctx.body,
			rawBody: rawBody.toString('utf8'),
			at: Date.now(),
		};
		emulator.requests.push(record);
		if (emulator.latencyMs) await new Promise((r) => setTimeout(r, emulator.latencyMs));
		let answer;
		try {
			const fault = emulator.faults.find((f) => f.times > 0 && f.predicate(ctx));
			if (fault) {
				fault.times -= 1;
				answer = typeof fault.response === 'function' ? await fault.response(ctx) : fault.response;
			} else {
				const route = table.find(
					(r) => r.method === req.method && (ctx.params = r.match(ctx.path)),
				);
				answer = route
					? await route.handler(ctx)
					: notFound
						? await notFound(ctx)
						: json(404, { message: `No route ${req.method} ${ctx.path}` });
			}
		} catch (error) {
			answer = json(500, { message: `emulator error: ${error.message}` });
		}
		record.status = answer.status;
		const headers = { ...(answer.headers ?? {}) };
		let payload = answer.body;
		if (payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload)) {
			payload = JSON.stringify(payload);
			headers['content-type'] ??= 'application/json; charset=utf-8';
		}
		res.writeHead(answer.status, headers);
		res.end(payload);
	});
	server.keepAliveTimeout = 1000;
	await new Promise((resolve) => server.listen(port, host, resolve));
	const address = server.address();
	emulator.port = address.port;
	emulator.url = `http://${host}:${address.port}`;
	emulator.close = () =>
		new Promise((resolve) => {
			server.closeAllConnections?.();
			server.close(() => resolve());
		});
	return emulator;
}

/** Reads `Authorization: Basic …` into {username, password}, or null. */
export function basicAuth(headers) {
	const value = headers.authorization ?? '';
	if (!value.startsWith('Basic ')) return null;
	const decoded = Buffer.from(value.slice(6), 'base64').toString('utf8');
	const at = decoded.indexOf(':');
	return { username: decoded.slice(0, at), password: decoded.slice(at + 1) };
}

export function bearer(headers) {
	const value = headers.authorization ?? '';
	return value.startsWith('Bearer ') ? value.slice(7) : null;
}
