import type { IDataObject } from 'n8n-workflow';

/**
 * Pure helpers for the Sunshine Conversations node: base URL and id checks, request bodies,
 * paging decisions. Checks return a message saying what to change, or undefined.
 */

/** Sunshine ids (apps, integrations) are 24-character hexadecimal record ids. */
const RECORD_ID = /^[0-9a-f]{24}$/i;
const NUMERIC_ID = /^\d{1,20}$/;

/** The largest page[size] the List Integrations endpoint accepts. */
export const MAX_PAGE_SIZE = 100;

export type BaseUrlResult = { url: string } | { error: string };

/**
 * The API root without trailing slashes. Accepts https://api.smooch.io, the EU host
 * https://api.eu-1.smooch.io, https://<subdomain>.zendesk.com/sc, and any http(s) URL (proxies,
 * emulators). A Zendesk host without /sc is the one mistake caught here.
 */
export function sunshineBaseUrl(raw: unknown): BaseUrlResult {
	const value =
		String(raw ?? '')
			.trim()
			.replace(/\/+$/, '') || 'https://api.smooch.io';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { error: `The Base URL "${value}" is not a URL such as https://api.smooch.io` };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { error: `The Base URL "${value}" must start with https://` };
	}
	if (url.search || url.hash || url.username || url.password) {
		return { error: 'The Base URL must not carry a query, a fragment or a user name' };
	}
	if (url.hostname.endsWith('.zendesk.com') && url.pathname.replace(/\/+$/, '') !== '/sc') {
		return { error: `For Zendesk accounts the Base URL ends in /sc: https://${url.hostname}/sc` };
	}
	return { url: value };
}

export function checkRecordId(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (!RECORD_ID.test(value))
		return `${label} "${value}" is not a Sunshine Conversations ID (24 hexadecimal characters)`;
	return undefined;
}

export function checkFacebookId(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (!NUMERIC_ID.test(value)) return `${label} "${value}" is not a numeric Facebook ID`;
	if (!Number.isSafeInteger(Number(value)))
		return `${label} "${value}" is too large for the API, which takes it as a number`;
	return undefined;
}

export function checkSecret(value: string, label: string): string | undefined {
	if (!value) return `${label} is empty`;
	if (/\s/.test(value)) return `${label} contains spaces or line breaks: paste it alone`;
	return undefined;
}

export function checkDisplayName(value: string): string | undefined {
	return value.length > 100
		? `Display Name is ${value.length} characters long; the API allows 100`
		: undefined;
}

export interface CreateInput {
	type: 'instagram' | 'messenger';
	pageAccessToken: string;
	appId: string;
	appSecret: string;
	displayName?: string;
	storyRepliesEnabled?: boolean;
	storyMentionsEnabled?: boolean;
	pageId?: string;
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

/** The Create Integration body for Instagram Direct or Messenger. */
export function createBody(input: CreateInput): IDataObject {
	const body: IDataObject = {
		type: input.type,
		pageAccessToken: input.pageAccessToken,
		appId: input.appId,
		appSecret: input.appSecret,
	};
	if (input.displayName) body.displayName = input.displayName;
	if (input.type === 'instagram') {
		if (input.storyRepliesEnabled !== undefined)
			body.storyRepliesEnabled = input.storyRepliesEnabled;
		if (input.storyMentionsEnabled !== undefined)
			body.storyMentionsEnabled = input.storyMentionsEnabled;
	}
	// The spec types the Messenger pageId as a number.
	if (input.type === 'messenger' && input.pageId) body.pageId = Number(input.pageId);
	return body;
}

/** The Update Integration body from the chosen update fields; only known fields pass. */
export function updateBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (typeof fields.displayName === 'string') body.displayName = fields.displayName;
	if (typeof fields.storyRepliesEnabled === 'boolean')
		body.storyRepliesEnabled = fields.storyRepliesEnabled;
	if (typeof fields.storyMentionsEnabled === 'boolean')
		body.storyMentionsEnabled = fields.storyMentionsEnabled;
	if (typeof fields.pageAccessToken === 'string' && fields.pageAccessToken)
		body.pageAccessToken = fields.pageAccessToken;
	return body;
}

/**
 * The query of one List Integrations page. `remaining` is how many records are still wanted
 * (undefined = all): the page size is the largest useful one.
 */
export function listQuery(
	after: string | undefined,
	remaining: number | undefined,
	types: string[],
): IDataObject {
	const size =
		remaining === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(MAX_PAGE_SIZE, remaining));
	const qs: IDataObject = { 'page[size]': size };
	if (after) qs['page[after]'] = after;
	if (types.length) qs['filter[types]'] = types.join(',');
	return qs;
}

export interface ListPage {
	integrations?: IDataObject[];
	meta?: { hasMore?: boolean; afterCursor?: string };
}

/** The cursor of the next page, or undefined when this was the last page. */
export function nextCursor(page: ListPage): string | undefined {
	if (!page.meta?.hasMore) return undefined;
	const cursor = page.meta.afterCursor;
	return typeof cursor === 'string' && cursor ? cursor : undefined;
}
