// A real Redis for the tests, and an Upstash-compatible REST front for it.
//
// startRedisServer() runs Debian's `redis-server` on loopback (a temp folder, an append-only file
// fsynced every second, Redis's default: a clean restart keeps every write, a crash the last second's). startRedisRest() speaks the
// Upstash Redis REST protocol and forwards every command over RESP to that server, as Upstash
// itself or an open-source proxy such as serverless-redis-http do in front of any Redis:
//   POST <url>           body ["SET","k","v","NX","PX","30000"] → 200 {"result":"OK"} | 400 {"error":"…"}
//   POST <url>/pipeline  body [[…],[…]]                          → 200 [{"result":…}|{"error":"…"}, …]
//   no or another Bearer token                                    → 401 {"error":"Unauthorized"}
// @see https://upstash.com/docs/redis/features/restapi
// @see https://github.com/hiett/serverless-redis-http
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { REDIS_REST } from '../fixtures.mjs';
import { bearer, json, startEmulator } from '../lib/server.mjs';
import { openConnection, RedisReplyError } from './resp.mjs';

export const REDIS_SERVER = process.env.MB_REDIS_SERVER ?? '/usr/bin/redis-server';

/** A free loopback port (redis-server has no "any port" setting: port 0 means no TCP at all). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function waitForPing(port, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const connection = await openConnection({ port, connectTimeoutMs: 500 });
			try {
				const [reply] = await connection.send([['PING']]);
				if (reply === 'PONG') return;
				lastError = new Error(`PING answered ${String(reply)}`);
			} finally {
				connection.close();
			}
		} catch (error) {
			lastError = error;
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`redis-server on port ${port} did not answer PING: ${lastError?.message}`);
}

/**
 * Starts a real redis-server on 127.0.0.1.
 * @param {{port?: number}} [options] port 0 (default) = a free port
 * @returns {Promise<{port: number, dir: string, stop(): Promise<void>, kill(): Promise<void>,
 *   start(): Promise<void>, restart(): Promise<void>, readonly running: boolean}>}
 *   stop() shuts Redis down cleanly (it stays stopped until start()); kill() is a crash
 *   (SIGKILL); restart() = stop() + start() on the same port and data; the last stop() of a
 *   server started here also removes its folder when `close()` is called.
 */
export async function startRedisServer({ port = 0 } = {}) {
	const chosen = port || (await freePort());
	const dir = mkdtempSync(join(tmpdir(), 'mb-redis-'));
	let child;
	let exited;
	const exitHook = () => child?.kill('SIGKILL');

	async function start() {
		if (child) return;
		child = spawn(
			REDIS_SERVER,
			[
				'--port',
				String(chosen),
				'--bind',
				'127.0.0.1',
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'yes',
				'--appendfsync',
				'everysec',
				'--logfile',
				join(dir, 'redis.log'),
				'--daemonize',
				'no',
			],
			{ stdio: 'ignore' },
		);
		exited = new Promise((resolve) => child.once('exit', resolve));
		const spawnError = new Promise((_, reject) => child.once('error', reject));
		process.once('exit', exitHook);
		try {
			await Promise.race([waitForPing(chosen, 10_000), spawnError]);
		} catch (error) {
			child.kill('SIGKILL');
			child = undefined;
			throw new Error(
				`could not start ${REDIS_SERVER} (run scripts/preflight.mjs or apt-get install redis-server): ${error.message}`,
			);
		}
	}

	async function end(signal) {
		if (!child) return;
		const ending = child;
		ending.kill(signal);
		await exited;
		process.removeListener('exit', exitHook);
		if (child === ending) child = undefined;
	}

	await start();
	return {
		port: chosen,
		dir,
		get running() {
			return Boolean(child);
		},
		start,
		/** A clean shutdown (SIGTERM: Redis flushes its append-only file and exits). */
		stop: () => end('SIGTERM'),
		/** A crash: writes of the last second may be lost (appendfsync everysec). */
		kill: () => end('SIGKILL'),
		async restart() {
			await end('SIGTERM');
			await start();
		},
		/** Stops Redis and removes its folder. */
		async close() {
			await end('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A REST value as Upstash returns it: strings, integers, null and arrays of those. */
function restValue(reply) {
	return reply instanceof RedisReplyError ? { error: reply.message } : { result: reply };
}

function isCommand(value) {
	return (
		Array.isArray(value) &&
		value.length > 0 &&
		value.every((arg) => ['string', 'number', 'boolean'].includes(typeof arg))
	);
}

/**
 * Starts the Upstash-compatible REST front of the redis-server listening on `redisPort`.
 * @param {{port?: number, redisPort: number, token?: string, host?: string}} options
 * @returns {Promise<object>} the emulator (lib/server.mjs: url, requests, latencyMs,
 *   injectFault, close) plus `token`, `redisPort`, `commands` (every command forwarded, in order)
 */
export async function startRedisRest({
	port = 0,
	redisPort,
	token = randomBytes(16).toString('hex'),
	host = '127.0.0.1',
}) {
	if (!redisPort) throw new Error('startRedisRest needs the redisPort of a running redis-server');
	const idle = [];
	const commands = [];
	// The token the front accepts: front.token, changeable by a test (a rotated token).
	const front = { token };

	/** Forwards commands on one pooled connection; a broken connection is dropped, not reused. */
	async function forward(list) {
		let connection = idle.pop();
		while (connection?.closed) connection = idle.pop();
		connection ??= await openConnection({ port: redisPort, host: '127.0.0.1' });
		try {
			const replies = await connection.send(list);
			idle.push(connection);
			return replies;
		} catch (error) {
			connection.close();
			throw error;
		}
	}

	async function answer(ctx, pipeline) {
		if (bearer(ctx.headers) !== front.token) return json(401, { error: 'Unauthorized' });
		let body;
		try {
			body = JSON.parse(ctx.rawBody.toString('utf8'));
		} catch {
			return json(400, { error: 'ERR failed to parse request body as JSON' });
		}
		const list = pipeline ? body : [body];
		if (!Array.isArray(list) || !list.length || !list.every(isCommand))
			return json(400, {
				error: pipeline
					? 'ERR the pipeline body must be a JSON array of commands'
					: 'ERR the body must be a JSON array: a command and its arguments',
			});
		commands.push(...list.map((command) => command.map(String)));
		let replies;
		try {
			replies = await forward(list);
		} catch (error) {
			// What a proxy answers when its Redis is gone: a server error, the cause in the body.
			return json(500, { error: `ERR redis connection: ${error.code ?? error.message}` });
		}
		if (pipeline) return json(200, replies.map(restValue));
		const [reply] = replies;
		return reply instanceof RedisReplyError
			? json(400, { error: reply.message })
			: json(200, { result: reply });
	}

	const emulator = await startEmulator({
		name: 'redis-rest',
		port,
		host,
		routes: [
			['POST', '/', (ctx) => answer(ctx, false)],
			['POST', '/pipeline', (ctx) => answer(ctx, true)],
		],
		notFound: () => json(404, { error: 'ERR unknown endpoint' }),
	});
	const closeServer = emulator.close;
	Object.defineProperty(emulator, 'token', {
		get: () => front.token,
		set: (value) => {
			front.token = value;
		},
		enumerable: true,
	});
	return Object.assign(emulator, {
		redisPort,
		commands,
		async close() {
			for (const connection of idle.splice(0)) connection.close();
			await closeServer();
		},
	});
}

/**
 * The sandbox's shared de-duplication store, as the other emulators start (`start({ports})`): a
 * redis-server on `ports.redisServer` and its REST front on `ports.redisRest`, with the fixed
 * token of fixtures.mjs. Without redis-server on this machine it starts nothing and says so: the
 * "Redis REST (emulator)" credential then fails its Test, and everything else works.
 */
export async function start({ ports, host = '127.0.0.1' }) {
	if (!existsSync(REDIS_SERVER)) {
		process.stderr.write(
			`redis-server not found at ${REDIS_SERVER} (Debian package redis-server): the Redis REST emulator is not started\n`,
		);
		return null;
	}
	const server = await startRedisServer({ port: ports.redisServer });
	const front = await startRedisRest({
		port: ports.redisRest,
		redisPort: server.port,
		token: REDIS_REST.token,
		host,
	});
	const closeFront = front.close;
	return Object.assign(front, {
		server,
		async close() {
			await closeFront();
			await server.stop();
		},
	});
}
