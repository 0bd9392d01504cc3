/**
 * Genesys Cloud region hosts (API at https://api.<host>, login at https://login.<host>), as the
 * Platform SDK lists them.
 * @see https://developer.genesys.cloud/platform/api/
 */
export const GENESYS_CLOUD_REGIONS: Array<{ name: string; value: string }> = [
	{ name: 'Americas (US East) — mypurecloud.com', value: 'mypurecloud.com' },
	{ name: 'Americas (US East 2, FedRAMP Government Cloud)', value: 'use2.us-gov-pure.cloud' },
	{ name: 'Americas (US West) — usw2.pure.cloud', value: 'usw2.pure.cloud' },
	{ name: 'Americas (Canada) — cac1.pure.cloud', value: 'cac1.pure.cloud' },
	{ name: 'Americas (São Paulo) — sae1.pure.cloud', value: 'sae1.pure.cloud' },
	{ name: 'Americas (Mexico) — mxc1.pure.cloud', value: 'mxc1.pure.cloud' },
	{ name: 'EMEA (Dublin) — mypurecloud.ie', value: 'mypurecloud.ie' },
	{ name: 'EMEA (London) — euw2.pure.cloud', value: 'euw2.pure.cloud' },
	{ name: 'EMEA (Frankfurt) — mypurecloud.de', value: 'mypurecloud.de' },
	{ name: 'EMEA (Zurich) — euc2.pure.cloud', value: 'euc2.pure.cloud' },
	{ name: 'EMEA (UAE) — mec1.pure.cloud', value: 'mec1.pure.cloud' },
	{
		name: 'EMEA (EU Sovereign Cloud, Germany East) — edee1.eusc-pure.cloud',
		value: 'edee1.eusc-pure.cloud',
	},
	{ name: 'Asia Pacific (Sydney) — mypurecloud.com.au', value: 'mypurecloud.com.au' },
	{ name: 'Asia Pacific (Tokyo) — mypurecloud.jp', value: 'mypurecloud.jp' },
	{ name: 'Asia Pacific (Seoul) — apne2.pure.cloud', value: 'apne2.pure.cloud' },
	{ name: 'Asia Pacific (Mumbai) — aps1.pure.cloud', value: 'aps1.pure.cloud' },
	{ name: 'Asia Pacific (Osaka) — apne3.pure.cloud', value: 'apne3.pure.cloud' },
	{ name: 'Asia Pacific (Singapore) — apse1.pure.cloud', value: 'apse1.pure.cloud' },
	{ name: 'Custom (Enter URLs)', value: 'custom' },
];

const trimSlash = (url: string) => url.trim().replace(/\/+$/, '');

/**
 * The API and login base URLs of a Genesys Cloud credential: the region's hosts, or the custom
 * URLs without trailing slashes (the transport checks the API URL before any request).
 * @see https://developer.genesys.cloud/platform/api/
 */
export function genesysCloudUrls(credentials: {
	region?: unknown;
	customApiUrl?: unknown;
	customLoginUrl?: unknown;
}): { apiUrl: string; loginUrl: string } {
	const region = String(credentials.region ?? 'mypurecloud.com');
	if (region === 'custom') {
		return {
			apiUrl: trimSlash(String(credentials.customApiUrl ?? '')),
			loginUrl: trimSlash(String(credentials.customLoginUrl ?? '')),
		};
	}
	return { apiUrl: `https://api.${region}`, loginUrl: `https://login.${region}` };
}
