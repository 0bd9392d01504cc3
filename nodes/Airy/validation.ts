import type { IDataObject } from 'n8n-workflow';

/**
 * Pure input checks and output shaping for the Airy Core node. Each check returns an error
 * message (what to change) or undefined, so the node can report it before any request.
 * @see https://airy.co/docs/core/sources/facebook
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC_ID = /^\d{1,20}$/;

/** A Facebook page or Instagram account ID: digits only (not a name or URL). */
export function checkNumericId(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty: enter the numeric ID`;
	if (!NUMERIC_ID.test(value))
		return `${label} "${value}" is not a numeric ID: use the ID, not the name or URL`;
	return undefined;
}

/** An Airy channel ID: the UUID that Connect returned. */
export function checkChannelId(value: string): string | undefined {
	if (!value) return 'Channel ID is empty: use the "id" that Connect returned';
	if (!UUID.test(value))
		return `Channel ID "${value}" is not an Airy channel ID (a UUID such as the "id" that Connect returned)`;
	return undefined;
}

/** A token pasted alone: not empty, no spaces or line breaks. */
export function checkToken(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (/\s/.test(value)) return `${label} contains spaces or line breaks: paste the token alone`;
	return undefined;
}

/** An optional picture URL: empty, or http(s). */
export function checkImageUrl(value: string): string | undefined {
	if (!value) return undefined;
	try {
		const url = new URL(value);
		if (url.protocol === 'http:' || url.protocol === 'https:') return undefined;
	} catch {
		// reported below
	}
	return `Image URL "${value}" is not an http(s) URL`;
}

/** Keys whose values are secrets and never leave the node in an output item. */
const SECRET_KEY = /token|secret|password/i;

/** A copy of an Airy channel with every token-like field removed (Airy echoes page_token in metadata). */
export function redactChannel(value: unknown): IDataObject {
	const strip = (input: unknown): unknown => {
		if (Array.isArray(input)) return input.map(strip);
		if (input && typeof input === 'object') {
			const out: IDataObject = {};
			for (const [key, inner] of Object.entries(input as IDataObject)) {
				if (!SECRET_KEY.test(key)) out[key] = strip(inner) as IDataObject;
			}
			return out;
		}
		return input;
	};
	const result = strip(value);
	return result && typeof result === 'object' && !Array.isArray(result)
		? (result as IDataObject)
		: {};
}
