// Placeholder: replaced by the Genesys Cloud issue's emulator.
import { startEmulator } from '../lib/server.mjs';
import { PORTS } from '../fixtures.mjs';

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const api = await startEmulator({ name: 'genesys-api', port: ports.genesysApi, host, routes: [] });
	const login = await startEmulator({ name: 'genesys-login', port: ports.genesysLogin, host, routes: [] });
	return { api, login, close: async () => { await api.close(); await login.close(); } };
}
