/** Graph API defaults shared by the Facebook credentials and the Graph transport. */
export const GRAPH_API_VERSION = 'v27.0';

export const GRAPH_API_BASE_URL = 'https://graph.facebook.com';

/**
 * Marker header a node sets to choose which token of the Facebook App credential a Graph call
 * carries ("app" = app id|app secret, otherwise the user token). The credential removes it
 * before the request leaves n8n.
 */
export const TOKEN_KIND_HEADER = 'x-messenger-bridge-token';

/**
 * With TOKEN_KIND_HEADER set to 'page', the Facebook App credential sends the Page token
 * carried in this marker header (read from /me/accounts moments before) instead of the user
 * token, signed with the app secret. The credential removes both markers before sending.
 */
export const PAGE_TOKEN_HEADER = 'x-messenger-bridge-page-token';
