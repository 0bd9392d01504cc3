import { createHmac, timingSafeEqual } from 'crypto';

export type SignatureResult =
	| { ok: true; algorithm: 'sha256' | 'sha1' }
	| { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'noSecret' };

type Headers = Record<string, string | string[] | undefined>;

const HEX_LENGTH = { sha256: 64, sha1: 40 } as const;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks Meta's signature of a webhook POST: HMAC of the raw request bytes, keyed with the app
 * secret. `X-Hub-Signature-256` (sha256) is used whenever present; the legacy `X-Hub-Signature`
 * (sha1) only when it is absent. The digests are compared in constant time after a length check,
 * and the result never carries the expected value. `headers` keys must be lower case (as Node
 * delivers them).
 */
export function verifySignature(
	rawBody: Buffer,
	headers: Headers,
	appSecret: string,
): SignatureResult {
	if (!appSecret) return { ok: false, reason: 'noSecret' };
	const sha256 = header(headers, 'x-hub-signature-256');
	const sha1 = header(headers, 'x-hub-signature');
	const algorithm = sha256 !== undefined ? 'sha256' : sha1 !== undefined ? 'sha1' : undefined;
	if (!algorithm) return { ok: false, reason: 'missing' };
	const value = (algorithm === 'sha256' ? sha256 : sha1) as string;
	const prefix = `${algorithm}=`;
	const hex = value.startsWith(prefix) ? value.slice(prefix.length) : '';
	if (hex.length !== HEX_LENGTH[algorithm] || !/^[0-9a-fA-F]+$/.test(hex))
		return { ok: false, reason: 'malformed' };
	const received = Buffer.from(hex, 'hex');
	const expected = createHmac(algorithm, appSecret).update(rawBody).digest();
	if (received.length !== expected.length || !timingSafeEqual(received, expected))
		return { ok: false, reason: 'mismatch' };
	return { ok: true, algorithm };
}
