import { createHmac, timingSafeEqual } from 'crypto';

export type SignatureResult =
	| { ok: true }
	| { ok: false; reason: 'missing' | 'malformed' | 'mismatch' | 'noSecret' };

type Headers = Record<string, string | string[] | undefined>;

/** `sha256=` then the base64 of a 32-byte HMAC-SHA256: 43 characters and one `=` of padding. */
const SIGNATURE = /^sha256=([A-Za-z0-9+/]{43}=)$/;

/**
 * Checks Genesys Cloud's signature of an Open Messaging outbound notification:
 * `X-Hub-Signature-256: sha256=<BASE64 of the HMAC-SHA256 of the raw body>`, keyed with the
 * integration's outboundNotificationWebhookSignatureSecretToken. Base64, not hex as Meta's: a
 * hex digest is refused as malformed. The digests are compared in constant time over the raw
 * bytes (never a re-serialised body), and the result never carries the expected value.
 * `headers` keys must be lower case (as Node delivers them).
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/validate
 */
export function verifySignature(
	rawBody: Buffer,
	headers: Headers,
	secretToken: string,
): SignatureResult {
	if (!secretToken) return { ok: false, reason: 'noSecret' };
	const value = headers['x-hub-signature-256'];
	const header = Array.isArray(value) ? value[0] : value;
	if (header === undefined || header === '') return { ok: false, reason: 'missing' };
	const match = SIGNATURE.exec(header.trim());
	if (!match) return { ok: false, reason: 'malformed' };
	const received = Buffer.from(match[1], 'base64');
	const expected = createHmac('sha256', secretToken).update(rawBody).digest();
	if (received.length !== expected.length || !timingSafeEqual(received, expected))
		return { ok: false, reason: 'mismatch' };
	return { ok: true };
}

/** The header value Genesys sends for `rawBody` (for tests and the emulator's sender). */
export function signatureOf(rawBody: Buffer | string, secretToken: string): string {
	return `sha256=${createHmac('sha256', secretToken).update(rawBody).digest('base64')}`;
}
