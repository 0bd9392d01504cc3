import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The two ways Meta lets a business message through this node, chosen by the node's
 * `authentication` parameter (and so by the credential):
 * - `facebookPage`: the Facebook Login route, Page tokens on graph.facebook.com (Messenger, and
 *   Instagram accounts linked to a Page). Every workflow written before the Instagram Login
 *   route existed runs on it (the parameter's default).
 * - `instagramLogin`: the Instagram API with Instagram Login, an Instagram user token on
 *   graph.instagram.com, no Facebook Page.
 * @see https://developers.facebook.com/docs/instagram-platform/overview
 */
export type Route = 'facebookPage' | 'instagramLogin';

export const ROUTE_NAMES: Record<Route, string> = {
	facebookPage: 'Facebook Login (Page or App credential)',
	instagramLogin: 'Instagram Login',
};

/** The node's `authentication` parameter: which route (and credential) the operations use. */
export const routeProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: ROUTE_NAMES.facebookPage,
			value: 'facebookPage',
			description:
				'Messenger, and Instagram accounts linked to a Facebook Page (graph.facebook.com)',
		},
		{
			name: ROUTE_NAMES.instagramLogin,
			value: 'instagramLogin',
			description:
				'Instagram professional accounts without a Facebook Page, Instagram user token (graph.instagram.com)',
		},
	],
	default: 'facebookPage',
};

/**
 * Operations one route lacks (every other operation runs on both). Checked before any call.
 * An operation added later for one route only is listed here.
 */
const ONLY_ON: Record<string, Route> = {
	// The Page tools and token debugging need a Facebook user or app token.
	'page.explore': 'facebookPage',
	'page.get': 'facebookPage',
	'token.debug': 'facebookPage',
	'token.getPageTokens': 'facebookPage',
	// graph.instagram.com has no Attachment Upload API: send attachments by URL.
	'attachment.upload': 'facebookPage',
	// /refresh_access_token exists for Instagram user tokens only.
	'token.refresh': 'instagramLogin',
};

/** The route of the node (the parameter takes no expression: one route per node). */
export function routeOf(context: IExecuteFunctions, itemIndex = 0): Route {
	const value = context.getNodeParameter('authentication', itemIndex, 'facebookPage');
	return value === 'instagramLogin' ? 'instagramLogin' : 'facebookPage';
}

/** Whether an operation runs on a route. */
export function operationOnRoute(resource: string, operation: string, route: Route): boolean {
	const only = ONLY_ON[`${resource}.${operation}`];
	return only === undefined || only === route;
}

/**
 * Stops the run before any call when the node's route lacks its operation, with a message that
 * says which route has it.
 */
export function assertOperationOnRoute(
	context: IExecuteFunctions,
	resource: string,
	operation: string,
): void {
	const route = routeOf(context);
	if (operationOnRoute(resource, operation, route)) return;
	const other: Route = route === 'facebookPage' ? 'instagramLogin' : 'facebookPage';
	throw new NodeOperationError(
		context.getNode(),
		`${resource} → ${operation} is not available on the ${ROUTE_NAMES[route]} route`,
		{
			description:
				operation === 'refresh'
					? 'Refresh renews an Instagram user token (Instagram Login route). On the Facebook Login route, exchange a short-lived user token with Token → Exchange; Page tokens from a long-lived user token do not expire.'
					: `It needs the ${ROUTE_NAMES[other]} route: set Authentication to "${ROUTE_NAMES[other]}" and pick its credential, or choose another operation.${operation === 'upload' ? ' On the Instagram Login route, send the attachment by URL.' : ''}`,
		},
	);
}

/**
 * When each route's credentials show, keyed by `authentication` with `hide` (never `show`). With
 * `show`, n8n's editor takes `authentication` for the node's "main auth field" (every value in a
 * credential's `show`): it hides the parameter, lists every route's credentials in each
 * credential field and sets the route from the credential picked. In the browser tests that
 * turned a new node added for "Get a user profile" into an Instagram Login node (the sandbox's
 * newest credential), and offered App credentials where the Page one belongs. With `hide` the
 * route stays an ordinary parameter the user sets, and each field lists only its own type.
 * @see https://github.com/n8n-io/n8n/blob/master/packages/frontend/editor-ui/src/utils/nodeTypesUtils.ts
 */
export const ROUTE_DISPLAY: Record<Route, { hide: Record<string, Route[]> }> = {
	facebookPage: { hide: { authentication: ['instagramLogin'] } },
	instagramLogin: { hide: { authentication: ['facebookPage'] } },
};
