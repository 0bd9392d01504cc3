import { httpBaseUrl } from '../shared/baseUrl';
import type { InvalidSetting } from '../shared/transport';
import type { CreateInput } from './bodies';

/**
 * Pure checks for the Sunshine Conversations node: the credential's base URL, IDs, secrets and
 * names. Each check returns a message saying what to change, or undefined.
 * @see https://developer.zendesk.com/api-reference/conversations/
 */

/** Sunshine ids (apps, integrations) are 24-character hexadecimal record ids. */
const RECORD_ID = /^[0-9a-f]{24}$/i;
const NUMERIC_ID = /^\d{1,20}$/;

/** The US host, used when the credential leaves the Base URL empty. */
const DEFAULT_BASE_URL = 'https://api.smooch.io';

/** Why a Base URL is refused, in the words the user needs to fix it. */
function baseUrlProblem(value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `The Base URL "${value}" is not a URL such as https://api.smooch.io`;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return `The Base URL "${value}" must start with https://`;
	return 'The Base URL must not carry a query, a fragment or a user name';
}

/**
 * The API root (the shared normaliser's result), or what to change. Accepts
 * https://api.smooch.io, the EU host https://api.eu-1.smooch.io, https://<subdomain>.zendesk.com/sc
 * and any http(s) URL (proxies, emulators); empty means the US host. A Zendesk host without /sc is
 * the one mistake caught beyond the shared rules.
 * @see https://developer.zendesk.com/api-reference/conversations/#section/Introduction
 */
export function sunshineBaseUrl(raw: unknown): string | InvalidSetting {
	const value =
		String(raw ?? '')
			.trim()
			.replace(/\/+$/, '') || DEFAULT_BASE_URL;
	const url = httpBaseUrl(value);
	if (url === undefined) return { error: baseUrlProblem(value) };
	const { hostname, pathname } = new URL(url);
	if (hostname.endsWith('.zendesk.com') && pathname !== '/sc') {
		return { error: `For Zendesk accounts the Base URL ends in /sc: https://${hostname}/sc` };
	}
	return url;
}

/** A Sunshine record ID (app, integration): 24 hexadecimal characters. */
export function checkRecordId(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (!RECORD_ID.test(value))
		return `${label} "${value}" is not a Sunshine Conversations ID (24 hexadecimal characters)`;
	return undefined;
}

/** A numeric Facebook ID that the API can take as a JSON number. */
export function checkFacebookId(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (!NUMERIC_ID.test(value)) return `${label} "${value}" is not a numeric Facebook ID`;
	if (!Number.isSafeInteger(Number(value)))
		return `${label} "${value}" is too large for the API, which takes it as a number`;
	return undefined;
}

/** A token or secret pasted alone: not empty, no spaces or line breaks. */
export function checkSecret(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (/\s/.test(value)) return `${label} contains spaces or line breaks: paste it alone`;
	return undefined;
}

/** An integration's display name: 100 characters at most. */
export function checkDisplayName(value: string): string | undefined {
	return value.length > 100
		? `Display Name is ${value.length} characters long; the API allows 100`
		: undefined;
}

/** Every problem with a create request, in the order the fields appear in the node. */
export function createProblems(input: CreateInput): string[] {
	const problems = [
		checkSecret(input.pageAccessToken, 'Page Access Token'),
		checkFacebookId(input.appId, 'Facebook App ID'),
		checkSecret(input.appSecret, 'Facebook App Secret'),
		checkDisplayName(input.displayName ?? ''),
		input.type === 'messenger' && input.pageId
			? checkFacebookId(input.pageId, 'Page ID')
			: undefined,
	];
	return problems.filter((p): p is string => p !== undefined);
}
