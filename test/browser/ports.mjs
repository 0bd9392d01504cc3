// The browser tests' own loopback ports, apart from the end-to-end run's (5788, 5811-5816) and
// the sandbox's (5678), so `npm test` can check them before it starts.
const n8n = Number(process.env.MB_BROWSER_PORT ?? 5798);
const base = Number(process.env.MB_BROWSER_EMULATOR_PORT_BASE ?? 5821);

export const BROWSER_PORTS = {
	n8n,
	emulators: {
		graph: base,
		genesysApi: base + 1,
		genesysLogin: base + 2,
		genesysEngage: base + 3,
		airy: base + 4,
		sunshine: base + 5,
	},
};
