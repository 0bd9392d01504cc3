/**
 * The one base-URL normaliser of the package: a credential's base URL trimmed, without trailing
 * slashes (and without `dropSuffix`, such as a pasted `/api/v2`), or undefined when it is not a
 * plain http(s) URL. Userinfo, a query or a fragment are refused: they would end up in every
 * request URL, and a password there would be logged by proxies.
 * @see https://url.spec.whatwg.org/#concept-url-parser
 */
export function httpBaseUrl(value: unknown, dropSuffix?: RegExp): string | undefined {
	if (typeof value !== 'string') return undefined;
	let trimmed = value.trim().replace(/\/+$/, '');
	if (dropSuffix) trimmed = trimmed.replace(dropSuffix, '').replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.username || url.password || url.search || url.hash) return undefined;
	return trimmed;
}
