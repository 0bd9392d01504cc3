// Time per notification of the Genesys Cloud Open Messaging Trigger's webhook handling, against
// a baseline measured in the same run on the same bytes: HMAC-SHA256 (base64) plus JSON.parse.
// The trigger's time is n8n's own JSON parse of the body (n8n parses before it calls the node;
// the node reuses that parse) plus the node's real webhook(): signature over the raw bytes, the
// notification's shape, the normalised item, de-duplication (a unique id every notification, so
// it does real work), the answer. Parameters are read as n8n reads them (defaults filled in once,
// then a lookup by path); the harness's nodeParameter() resolves every property on each call and
// would dominate (about 40-100 µs per read).
// Cases: an agent's text message, and a structured one with 10 quick replies, 3 cards and an
// attachment. Run: npm run build && node bench/openMessagingTrigger.mjs [rounds]
import { createHmac } from 'node:crypto';
import { loadNode, workflow } from '../test/helpers/harness.mjs';
import { GENESYS_OPEN_MESSAGING } from '../test/emulators/fixtures.mjs';
import {
	genesysSignature,
	outboundMessage,
} from '../test/emulators/genesys-cloud/openMessagingOutbound.mjs';
import { webhookTiming } from './lib/webhookTiming.mjs';

const SECRET = GENESYS_OPEN_MESSAGING.secretToken;
const node = loadNode('GenesysCloudOpenMessagingTrigger');
const parameters = { types: [], options: {} };
// n8n fills in a node's defaults once, when it builds the workflow; getNodeParameter then reads
// that object by path (and resolves expressions, of which there are none here).
const resolved = workflow.NodeHelpers.getNodeParameters(
	node.description.properties,
	parameters,
	true,
	false,
	{ name: 'n', type: 'x', typeVersion: 1, position: [0, 0], parameters },
	node.description,
);
const parameterAt = (name, fallback) => {
	let value = resolved;
	for (const key of name.split('.')) value = value?.[key];
	return value === undefined ? fallback : value;
};
const integration = { id: '6f5a1c2e-0000-4000-8000-00000000c001', name: 'Bench' };
const { measure } = webhookTiming({
	node,
	nodeOf: (webhookId) => ({
		id: 'n',
		webhookId,
		name: 'Genesys Cloud Open Messaging Trigger',
		type: 'genesysCloudOpenMessagingTrigger',
		typeVersion: 1,
		parameters,
		credentials: { genesysCloudOpenMessagingApi: { id: 'bench', name: 'bench' } },
	}),
	methods: {
		getWorkflow: () => ({ id: 'bench' }),
		getNodeParameter: parameterAt,
		getCredentials: async () => ({ secretToken: SECRET }),
	},
	baseline: (raw) =>
		createHmac('sha256', SECRET).update(raw).digest('base64').length +
		JSON.parse(raw.toString('utf8')).id.length,
	rounds: Number(process.argv[2] ?? 7),
});

const card = (n) => ({
	contentType: 'Card',
	card: {
		title: `Plan ${n}`,
		description: 'A plan with a longer description, as agents send them.',
		image: `https://example.com/plan-${n}.png`,
		actions: [
			{ type: 'Postback', text: `Pick ${n}`, payload: `PICK_${n}` },
			{ type: 'Link', text: 'Read more', url: `https://example.com/plans/${n}` },
		],
	},
});
const CASES = {
	text: () => ({ text: 'Hello, how can I help you today? 👋' }),
	structured: () => ({
		type: 'Structured',
		text: 'Which plan would you like?',
		content: [
			...Array.from({ length: 10 }, (_, i) => ({
				contentType: 'QuickReply',
				quickReply: { text: `Option ${i + 1}`, payload: `OPTION_${i + 1}`, action: 'Message' },
			})),
			card(1),
			card(2),
			card(3),
			{
				contentType: 'Attachment',
				attachment: {
					mediaType: 'Image',
					url: 'https://api-downloads.mypurecloud.com/api/v2/downloads/bench',
					mime: 'image/png',
					filename: 'bench.png',
				},
			},
		],
	}),
};

/** `count` distinct signed notifications (unique ids, so de-duplication does real work). */
function bodies(count, make) {
	return Array.from({ length: count }, () => {
		const raw = Buffer.from(JSON.stringify(outboundMessage(integration, make())));
		return {
			raw,
			headers: {
				'content-type': 'application/json',
				'x-hub-signature-256': genesysSignature(raw, SECRET),
			},
		};
	});
}

async function bench(label, make, requests) {
	const set = bodies(requests, make);
	const { node: n, baseline: b } = await measure(set, requests);
	console.log(
		`${label}: ${set[0].raw.length} bytes — trigger ${(n * 1000).toFixed(1)} µs/notification, baseline (HMAC-SHA256 base64 + JSON.parse) ${(b * 1000).toFixed(1)} µs/notification, ratio ${(n / b).toFixed(2)}×`,
	);
	return n;
}

const text = await bench('agent text', CASES.text, 3000);
const structured = await bench(
	'structured (10 quick replies, 3 cards, 1 image)',
	CASES.structured,
	2000,
);
const worst = Math.max(text, structured);
console.log(
	`goal: well within Genesys' 10 s answer time (< 1 ms of node work per notification): ${worst < 1 ? 'met' : 'NOT met'} (${(worst * 1000).toFixed(1)} µs)`,
);
