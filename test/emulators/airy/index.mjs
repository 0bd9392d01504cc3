// Placeholder: replaced by this API's issue's emulator.
import { startEmulator } from '../lib/server.mjs';
import { PORTS } from '../fixtures.mjs';

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	return startEmulator({ name: 'airy', port: ports.airy, host, routes: [] });
}
