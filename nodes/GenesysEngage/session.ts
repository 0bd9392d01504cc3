/**
 * Pure helpers for what Web Services keeps per HTTP session: its cookies (JSESSIONID, and any
 * load-balancer cookie beside it) and, when CSRF protection is on, the header name and token
 * it announces on GET responses. n8n's request helper keeps no cookies, so the transport does.
 * @see https://docs.genesys.com/Documentation/GWS/8.5.2/API/CSRFProtection
 */
export type CookieJar = Map<string, string>;

export interface CsrfToken {
	/** The header to send, as announced by X-CSRF-HEADER (normally X-CSRF-TOKEN). */
	header: string;
	token: string;
}

function headerValues(headers: Record<string, unknown> | undefined, name: string): string[] {
	if (!headers) return [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name) continue;
		if (Array.isArray(value)) return value.map(String);
		if (value !== undefined && value !== null) return [String(value)];
	}
	return [];
}

/** Stores the `Set-Cookie` values of a response in the jar; a cookie set to expire is removed. */
export function storeCookies(jar: CookieJar, headers: Record<string, unknown> | undefined): void {
	for (const line of headerValues(headers, 'set-cookie')) {
		const [pair, ...attributes] = line.split(';');
		const eq = pair.indexOf('=');
		if (eq <= 0) continue;
		const name = pair.slice(0, eq).trim();
		const value = pair.slice(eq + 1).trim();
		const expired = attributes.some((a) => {
			const [key, val = ''] = a.trim().split('=');
			if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
			if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
			return false;
		});
		if (expired || value === '') jar.delete(name);
		else jar.set(name, value);
	}
}

/** The `Cookie` request header for the jar, or undefined when it is empty. */
export function cookieHeader(jar: CookieJar): string | undefined {
	if (jar.size === 0) return undefined;
	return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The CSRF header name and token a response announces, or undefined when it announces none. */
export function readCsrf(headers: Record<string, unknown> | undefined): CsrfToken | undefined {
	const token = headerValues(headers, 'x-csrf-token')[0]?.trim();
	if (!token) return undefined;
	const header = headerValues(headers, 'x-csrf-header')[0]?.trim() || 'X-CSRF-TOKEN';
	return { header, token };
}
