// The trigger benches' one set-up: a trigger node's real webhook() timed per request against a
// baseline measured in the same run on the same bytes. n8n's own JSON parse of the body is part
// of the trigger's time (n8n parses before it calls the node; the node reuses that parse).
import { performance } from 'node:perf_hooks';
import { fakeResponse } from '../../test/helpers/harness.mjs';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * `node`: the loaded trigger; `nodeOf(webhookId)`: the node as getNode() returns it; `methods`:
 * the rest of IWebhookFunctions that its webhook() reads (parameters, credentials);
 * `baseline(raw)`: the baseline's work on one body, returning a number (summed, so it is not
 * optimised away); `rounds`: timed rounds after one warm-up.
 */
export function webhookTiming({ node, nodeOf, methods, baseline, rounds }) {
	let hookSerial = 0;

	/** The parts of IWebhookFunctions webhook() uses, as n8n hands them over (body already read). */
	function context(raw, headers, webhookId) {
		// What n8n's body parser does before the node runs.
		const req = {
			method: 'POST',
			headers,
			rawBody: raw,
			body: JSON.parse(raw.toString('utf8')),
			async readRawBody() {},
		};
		const res = fakeResponse();
		return {
			res,
			ctx: {
				logger: silent,
				getMode: () => 'webhook',
				getNode: () => nodeOf(webhookId),
				getRequestObject: () => req,
				getResponseObject: () => res,
				...methods,
			},
		};
	}

	// A new webhook id per timed set: the node's memory of seen events starts empty each time.
	async function timeNode(set) {
		const webhookId = `bench-${++hookSerial}`;
		const started = performance.now();
		let items = 0;
		for (const { raw, headers } of set) {
			const { ctx, res } = context(raw, headers, webhookId);
			const result = await node.webhook.call(ctx);
			if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
			items += result.workflowData?.[0]?.length ?? 0;
		}
		return { ms: (performance.now() - started) / set.length, items };
	}

	function timeBaseline(set) {
		const started = performance.now();
		let sink = 0;
		for (const { raw } of set) sink += baseline(raw);
		if (sink < 0) throw new Error('unreachable');
		return (performance.now() - started) / set.length;
	}

	/**
	 * Times `set` (signed bodies `{ raw, headers }`): one warm-up of both paths (JIT), then
	 * `rounds` rounds, each checked for `items` output items. The medians, in ms per request.
	 */
	async function measure(set, items) {
		await timeNode(set);
		timeBaseline(set);
		const nodeMs = [];
		const baseMs = [];
		for (let r = 0; r < rounds; r++) {
			baseMs.push(timeBaseline(set));
			const run = await timeNode(set);
			nodeMs.push(run.ms);
			if (run.items !== items) throw new Error(`expected ${items} items, got ${run.items}`);
		}
		return { node: median(nodeMs), baseline: median(baseMs) };
	}

	return { measure };
}
