// Starts every emulator the package talks to. Each API's emulator lives in its own folder and
// exports start(options) → emulator (see lib/server.mjs).
import { PORTS } from './fixtures.mjs';

export const EMULATORS = {
	graph: () => import('./graph/index.mjs'),
	genesysCloud: () => import('./genesys-cloud/index.mjs'),
	genesysEngage: () => import('./genesys-engage/index.mjs'),
	airy: () => import('./airy/index.mjs'),
	sunshine: () => import('./sunshine/index.mjs'),
	instagram: () => import('./instagram/index.mjs'),
	redisRest: () => import('./redis-rest/index.mjs'),
};

/**
 * @param {{ports?: typeof PORTS, host?: string}} [options] ports 0 = any free port
 * @returns {Promise<Record<string, any>>} name → emulator (Genesys Cloud has .api and .login)
 */
export async function startAll({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const started = {};
	for (const [name, load] of Object.entries(EMULATORS)) {
		const { start } = await load();
		started[name] = await start({ ports, host });
	}
	// Airy Core checks the tokens it is given with Graph: let it see what the Graph emulator issued.
	if (started.airy && started.graph) started.airy.state.graph = started.graph.state;
	started.closeAll = async () => {
		for (const emulator of Object.values(started)) {
			if (typeof emulator?.close === 'function') await emulator.close();
		}
	};
	return started;
}
