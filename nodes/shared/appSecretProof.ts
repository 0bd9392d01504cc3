import { createHmac } from 'crypto';

/**
 * The `appsecret_proof` of a Graph call: the HMAC-SHA256 of `<token>|<time>` keyed with the app
 * secret, and that time (`appsecret_time`, Unix seconds). Apps with "Require App Secret" switched
 * on refuse calls without it. Both Facebook credentials add it the same way.
 * @see https://developers.facebook.com/docs/graph-api/securing-requests/#appsecret_proof
 */
export function appSecretProof(
	token: string,
	appSecret: string,
	nowMs = Date.now(),
): { appsecret_proof: string; appsecret_time: number } {
	const time = Math.floor(nowMs / 1000);
	return {
		appsecret_proof: createHmac('sha256', appSecret).update(`${token}|${time}`).digest('hex'),
		appsecret_time: time,
	};
}
