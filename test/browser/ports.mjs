// The browser tests' own loopback ports, apart from the end-to-end run's (5788, 5811-5819) and
// the sandbox's (5678), so `npm test` can check them before it starts.
import { emulatorPorts } from '../emulators/fixtures.mjs';

export const BROWSER_PORTS = {
	n8n: Number(process.env.MB_BROWSER_PORT ?? 5798),
	emulators: emulatorPorts(Number(process.env.MB_BROWSER_EMULATOR_PORT_BASE ?? 5821)),
};
