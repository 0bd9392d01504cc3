/**
 * Defaults and marker headers of the Instagram API with Instagram Login (graph.instagram.com),
 * shared by the Instagram Login credential and its transport.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login
 */
export const INSTAGRAM_API_BASE_URL = 'https://graph.instagram.com';

/**
 * Marker header a node sets on a call to one of the two token endpoints (`/access_token`,
 * `/refresh_access_token`): its value is the grant type (`ig_exchange_token` or
 * `ig_refresh_token`). The credential removes it and moves the token (and, for an exchange, the
 * app secret) to where Meta reads them: the query string, the only place these GET-only
 * endpoints take them.
 * @see https://developers.facebook.com/docs/instagram-platform/reference/access_token
 */
export const IG_TOKEN_GRANT_HEADER = 'x-messenger-bridge-ig-grant';

/**
 * With IG_TOKEN_GRANT_HEADER: the token to exchange or refresh when it is not the credential's
 * own (a token the user entered in the node). Removed by the credential before sending.
 */
export const IG_TOKEN_HEADER = 'x-messenger-bridge-ig-token';

export type InstagramTokenGrant = 'ig_exchange_token' | 'ig_refresh_token';
