// A minimal RESP2 client for the test tree: enough to forward REST commands to a real
// redis-server. Replies come back in order on one connection, so each command waits on a queue.
// @see https://redis.io/docs/latest/develop/reference/protocol-spec/
import { connect } from 'node:net';

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args) {
	const parts = [`*${args.length}\r\n`];
	for (const arg of args) {
		const value = Buffer.from(String(arg), 'utf8');
		parts.push(`$${value.length}\r\n`, value, '\r\n');
	}
	return Buffer.concat(parts.map((part) => (Buffer.isBuffer(part) ? part : Buffer.from(part))));
}

/** A reply Redis sent as an error (`-ERR …`): the REST front answers it as {error}. */
export class RedisReplyError extends Error {}

/**
 * Parses one reply at `offset`; returns {value, next} or undefined when the buffer holds only
 * part of it. Error replies are returned as RedisReplyError values (not thrown).
 */
export function parseReply(buffer, offset = 0) {
	if (offset >= buffer.length) return undefined;
	const end = buffer.indexOf('\r\n', offset);
	if (end < 0) return undefined;
	const type = String.fromCharCode(buffer[offset]);
	const line = buffer.toString('utf8', offset + 1, end);
	const next = end + 2;
	switch (type) {
		case '+':
			return { value: line, next };
		case '-':
			return { value: new RedisReplyError(line), next };
		case ':':
			return { value: Number(line), next };
		case '$': {
			const length = Number(line);
			if (length < 0) return { value: null, next };
			if (buffer.length < next + length + 2) return undefined;
			return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
		}
		case '*': {
			const count = Number(line);
			if (count < 0) return { value: null, next };
			const values = [];
			let at = next;
			for (let i = 0; i < count; i++) {
				const item = parseReply(buffer, at);
				if (!item) return undefined;
				values.push(item.value);
				at = item.next;
			}
			return { value: values, next: at };
		}
		default:
			throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
	}
}

/**
 * One RESP connection. `send(commands)` writes them all at once (a pipeline) and resolves with
 * their replies in order; a closed or failed connection rejects what is waiting.
 */
export async function openConnection({ port, host = '127.0.0.1', connectTimeoutMs = 1000 }) {
	const socket = connect({ port, host });
	socket.setNoDelay(true);
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.destroy();
			reject(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' }));
		}, connectTimeoutMs);
		socket.once('connect', () => {
			clearTimeout(timer);
			resolve();
		});
		socket.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
	const waiting = [];
	let buffer = Buffer.alloc(0);
	let closed = false;
	const fail = (error) => {
		closed = true;
		for (const entry of waiting.splice(0)) entry.reject(error);
	};
	socket.on('data', (chunk) => {
		buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
		let offset = 0;
		while (waiting.length) {
			const entry = waiting[0];
			const reply = parseReply(buffer, offset);
			if (!reply) break;
			offset = reply.next;
			entry.replies.push(reply.value);
			if (entry.replies.length === entry.count) {
				waiting.shift();
				entry.resolve(entry.replies);
			}
		}
		buffer = buffer.subarray(offset);
	});
	socket.on('error', (error) => fail(error));
	socket.on('close', () =>
		fail(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' })),
	);
	return {
		get closed() {
			return closed;
		},
		send(commands) {
			if (closed)
				return Promise.reject(
					Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }),
				);
			if (!commands.length) return Promise.resolve([]);
			return new Promise((resolve, reject) => {
				waiting.push({ count: commands.length, replies: [], resolve, reject });
				socket.write(Buffer.concat(commands.map(encodeCommand)));
			});
		},
		close() {
			closed = true;
			socket.destroy();
		},
	};
}
