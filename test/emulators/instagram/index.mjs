// Instagram API with Instagram Login emulator (graph.instagram.com): Instagram user tokens in the
// Authorization header, the two GET-only token endpoints, the account and user profiles, the
// account's webhook subscription, the Send API (messaging.mjs), Graph's error envelope and
// Instagram's business use case rate limit. Route modules own their areas.
// Facts: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login
import { startEmulator } from '../lib/server.mjs';
import { PORTS } from '../fixtures.mjs';
import { graphError, routes } from './core.mjs';
import { createInstagramState } from './state.mjs';
import { accountRoutes } from './account.mjs';
import { messagingRoutes } from './messaging.mjs';
import { subscriptionRoutes } from './subscriptions.mjs';
import { tokenRoutes } from './tokens.mjs';

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const state = createInstagramState();
	const emulator = await startEmulator({
		name: 'instagram',
		port: ports.instagram,
		host,
		routes: [
			...routes(tokenRoutes(state), { versioned: false }),
			...routes([
				...tokenRoutes(state),
				...subscriptionRoutes(state),
				...messagingRoutes(state),
				...accountRoutes(state),
			]),
		],
		notFound: (ctx) =>
			graphError(
				400,
				100,
				`Unsupported ${ctx.method.toLowerCase()} request. Object with ID '${ctx.path.split('/')[2] ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
				{ subcode: 33, type: 'GraphMethodException' },
			),
	});
	emulator.state = state;
	return emulator;
}
