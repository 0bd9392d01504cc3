// Graph API emulator (graph.facebook.com): versioned paths, tokens in the Authorization header,
// appsecret_proof, Graph's error envelope and cursor paging. Route modules own their areas.
import { startEmulator } from '../lib/server.mjs';
import { PORTS } from '../fixtures.mjs';
import { graphError, versioned } from './core.mjs';
import { createGraphState } from './state.mjs';
import { pageRoutes } from './pages.mjs';
import { messagingRoutes } from './messaging.mjs';
import { tokenRoutes } from './tokens.mjs';
import { subscriptionRoutes } from './subscriptions.mjs';
import { batchRoutes } from './batch.mjs';

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const state = createGraphState();
	const routes = versioned(
		[
			...subscriptionRoutes(state),
			...tokenRoutes(state),
			...messagingRoutes(state),
			...pageRoutes(state),
		],
		state,
	);
	const emulator = await startEmulator({
		name: 'graph',
		port: ports.graph,
		host,
		routes: [...routes, ...versioned(batchRoutes(routes), state)],
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
