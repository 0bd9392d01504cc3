// Return All over 10,000 Genesys Cloud integrations through the node's real execute() against
// the emulator, compared with a plain loop of the same requests (fetch, same token, same pages)
// in the same run. Prints requests made (goal ceil(N/100)), time ratio (goal ≤ 1.2×) and peak memory.
// Run: npm run build && node bench/genesys.mjs [N] [rounds]
import { CredentialStore, loadNode, runExecute } from '../test/helpers/harness.mjs';
import { start } from '../test/emulators/genesys-cloud/index.mjs';
import { GENESYS_CLOUD } from '../test/emulators/fixtures.mjs';

const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const gc = await start({ ports: { genesysApi: 0, genesysLogin: 0 } });
gc.api.state.rateLimit = { perWindow: Infinity, windowMs: 60_000 };
gc.api.seed('facebook', N);
const node = loadNode('GenesysCloud');
const store = new CredentialStore({
	genesysCloudOAuth2Api: {
		region: 'custom',
		customApiUrl: gc.api.url,
		customLoginUrl: gc.login.url,
		clientId: GENESYS_CLOUD.clientId,
		clientSecret: GENESYS_CLOUD.clientSecret,
	},
});
const parameters = {
	resource: 'integration',
	operation: 'getAll',
	channel: 'facebook',
	apiVersion: 'current',
	returnAll: true,
};

let peak = 0;
const sampler = setInterval(() => {
	peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 5);

async function viaNode() {
	const result = await runExecute(node, { parameters, credentials: store });
	if (result.error) throw result.error;
	return result.output[0].length;
}

async function plainLoop() {
	const token = store.get('genesysCloudOAuth2Api').accessToken;
	const items = [];
	for (let page = 1; ; page++) {
		const response = await fetch(
			`${gc.api.url}/api/v2/conversations/messaging/integrations/facebook?pageSize=100&pageNumber=${page}`,
			{
				headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
			},
		);
		const body = await response.json();
		items.push(...body.entities);
		if (!body.nextUri) return items.length;
	}
}

await viaNode(); // warm-up, mints the token
const times = { node: [], plain: [] };
let requests = 0;
for (let round = 0; round < ROUNDS; round++) {
	for (const [name, fn] of round % 2
		? [
				['plain', plainLoop],
				['node', viaNode],
			]
		: [
				['node', viaNode],
				['plain', plainLoop],
			]) {
		gc.api.clearRequests();
		global.gc?.();
		const before = process.memoryUsage().heapUsed;
		peak = before;
		const started = process.hrtime.bigint();
		const count = await fn();
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		if (count !== N) throw new Error(`${name} returned ${count} of ${N}`);
		times[name].push({ ms, peakMb: (peak - before) / 1048576 });
		if (name === 'node') requests = gc.api.requests.length;
	}
}
clearInterval(sampler);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const nodeMs = median(times.node.map((t) => t.ms));
const plainMs = median(times.plain.map((t) => t.ms));
const report = {
	integrations: N,
	requests,
	requestGoal: Math.ceil(N / 100),
	tokenRequests: gc.login.requests.length,
	nodeMedianMs: Math.round(nodeMs),
	plainLoopMedianMs: Math.round(plainMs),
	timeRatio: Number((nodeMs / plainMs).toFixed(2)),
	timeGoal: 1.2,
	nodePeakHeapMb: Number(Math.max(...times.node.map((t) => t.peakMb)).toFixed(1)),
	plainPeakHeapMb: Number(Math.max(...times.plain.map((t) => t.peakMb)).toFixed(1)),
};
console.log(JSON.stringify(report, null, 2));
await gc.close();
