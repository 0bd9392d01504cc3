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
 * Checks Meta's signature of a webhook POST: HMAC of the raw request bytes, keyed with an app
 * secret. `X-Hub-Signature-256` (sha256) is used whenever present; the legacy `X-Hub-Signature`
 * (sha1) only when it is absent. The signature is accepted when it matches ANY of `secrets`
 * (the Facebook App secret, and the Instagram app secret on the Instagram Login route): every
 * candidate is computed and compared in constant time, and the results are combined without an
 * early exit, so neither the time taken nor the result tells which secret matched. The result
 * never carries an expected value. `headers` keys must be lower case (as Node delivers them).
 * Empty secrets are ignored; none left = `noSecret`.
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads
 */
export function verifySignature(
	rawBody: Buffer,
	headers: Headers,
	secrets: string | readonly string[],
): SignatureResult {
	const candidates = (typeof secrets === 'string' ? [secrets] : secrets).filter(Boolean);
	if (!candidates.length) return { ok: false, reason: 'noSecret' };
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
	let matched = 0;
	for (const secret of candidates) {
		const expected = createHmac(algorithm, secret).update(rawBody).digest();
		// Both are digests of one algorithm (length checked above): timingSafeEqual never throws.
		matched |= Number(timingSafeEqual(received, expected));
	}
	return matched ? { ok: true, algorithm } : { ok: false, reason: 'mismatch' };
}
