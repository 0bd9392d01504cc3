import { createHash, timingSafeEqual } from 'crypto';

export type QueryData = Record<string, unknown>;

/** Reads a `hub.*` query value in every form it reaches n8n: `hub.mode`, `hub_mode` or `hub: {mode}`. */
function hubParam(query: QueryData, name: string): string | undefined {
	const nested = query.hub as Record<string, unknown> | undefined;
	const value =
		query[`hub.${name}`] ??
		query[`hub_${name}`] ??
		(nested && typeof nested === 'object' ? nested[name] : undefined);
	return typeof value === 'string' ? value : undefined;
}

/**
 * Compares two strings in constant time. Both sides are hashed first, so neither the content nor
 * the length of the expected value leaks through timing.
 */
export function safeEqual(actual: string, expected: string): boolean {
	const a = createHash('sha256').update(actual, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b) && actual.length === expected.length;
}

export type HandshakeResult = { ok: true; challenge: string } | { ok: false };

/**
 * Meta's verification GET: `hub.mode=subscribe`, `hub.verify_token` equal to ours and a
 * `hub.challenge` to echo. Anything else fails; an empty configured token never matches.
 */
export function verifyHandshake(query: QueryData, verifyToken: string): HandshakeResult {
	const mode = hubParam(query, 'mode');
	const token = hubParam(query, 'verify_token');
	const challenge = hubParam(query, 'challenge');
	if (mode !== 'subscribe' || token === undefined || challenge === undefined || challenge === '')
		return { ok: false };
	if (!verifyToken || !safeEqual(token, verifyToken)) return { ok: false };
	return { ok: true, challenge };
}
