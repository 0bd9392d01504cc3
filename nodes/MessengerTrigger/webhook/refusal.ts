import type { IDataObject } from 'n8n-workflow';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Why a delivery was refused, for a person testing the trigger in the editor: the answer Meta got,
 * a reason code, the signature header that was checked and one sentence on what to fix. It never
 * holds the body, a signature, a digest or a secret; of the body it names at most the `object`
 * it declared, and only when that is a plain identifier (`page`, `instagram`, `user`, …).
 */
export interface Refusal extends IDataObject {
	eventType: 'refused';
	status: number;
	reason: string;
	/** The signature header that was checked, or null when there was none (or it was not about the signature). */
	header: string | null;
	message: string;
}

const SHA256_HEADER = 'X-Hub-Signature-256';
const SHA1_HEADER = 'X-Hub-Signature';

/** The header verifySignature checks: X-Hub-Signature-256 when present, else X-Hub-Signature. */
export function signatureHeaderOf(headers: Headers): string | null {
	if (headers['x-hub-signature-256'] !== undefined) return SHA256_HEADER;
	if (headers['x-hub-signature'] !== undefined) return SHA1_HEADER;
	return null;
}

const SECRET_HINT =
	'the App Secret of the Facebook App credential must be the one of the Meta app that sends these webhooks (App Dashboard → App settings → Basic)';

/** The object a refused envelope declared, when it is a plain identifier; nothing else of it. */
export function declaredObject(parsed: unknown): string | undefined {
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
	const object = (parsed as IDataObject).object;
	return typeof object === 'string' && /^[a-z_]{1,40}$/.test(object) ? object : undefined;
}

/**
 * The item that ends the editor's "Listen for test event" when a delivery is refused.
 * `reason` is the refusal reason of handleDelivery ("signature mismatch", "wrongObject", …).
 */
export function describeRefusal(
	status: number,
	reason: string,
	headers: Headers,
	expectedObject: string,
	receivedObject?: string,
): Refusal {
	const header = reason.startsWith('signature ') ? signatureHeaderOf(headers) : null;
	const kind = reason.replace(/^signature /, '');
	let code: string;
	let message: string;
	switch (reason) {
		case 'signature missing':
			code = 'signatureMissing';
			message = `Refused with ${status}: the request has neither an ${SHA256_HEADER} nor an ${SHA1_HEADER} header. Meta signs every webhook delivery; a request without a signature did not come from Meta (or a proxy removed the header).`;
			break;
		case 'signature malformed':
			code = 'signatureMalformed';
			message = `Refused with ${status}: the ${header} header is not a well-formed ${header === SHA1_HEADER ? 'sha1' : 'sha256'}=<hex> signature (truncated or altered on the way).`;
			break;
		case 'signature mismatch':
			code = 'signatureMismatch';
			message = `Refused with ${status}: the ${header} header does not match the body signed with the app secret. Check that ${SECRET_HINT}, and that nothing between Meta and n8n changes the body.`;
			break;
		case 'signature noSecret':
			code = 'noAppSecret';
			message = `Refused with ${status}: the Facebook App credential has no App Secret, so no signature can be checked. Enter it (App Dashboard → App settings → Basic).`;
			break;
		case 'notJson':
			code = 'notJson';
			message = `Refused with ${status}: the body is correctly signed but is not a JSON object.`;
			break;
		case 'wrongObject':
			code = 'wrongObject';
			message = `Refused with ${status}: the delivery is for the object ${receivedObject ? `"${receivedObject}"` : '(none)'}, and this trigger listens for "${expectedObject}". Set the trigger's Object to match, or point that object's callback URL at another trigger.`;
			break;
		case 'noEntries':
			code = 'noEntries';
			message = `Refused with ${status}: the body is correctly signed JSON for "${expectedObject}" but has no entry array.`;
			break;
		default:
			code = kind;
			message = `Refused with ${status}.`;
	}
	return { eventType: 'refused', status, reason: code, header, message };
}
