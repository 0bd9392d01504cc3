// Runs after every other suite (files load in name order): no credential value the emulators
// know reached an output item, an error, an execution record's run data, n8n's log, or a URL
// any node called. The only outputs allowed to carry a token are the Facebook Messenger operations
// whose purpose is to return one (token: getPageTokens, token: exchange, token: refresh; contract.md): a node that
// passes such items on (a Filter after Get Page Tokens, say) is a leak. The example workflows as
// shipped also keep every secret out of their stored parameters: a secret comes from a credential,
// or is mapped from Get Page Tokens by expression at run time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env } from '../env.mjs';
import { SECRET_VALUES } from '../../emulators/fixtures.mjs';

const TOKEN_RETURNING_OPERATIONS = new Set(['getPageTokens', 'exchange', 'refresh']);

/** Whether a node is one whose output may carry tokens: Facebook Messenger → Token → Get Page Tokens / Exchange / Refresh. */
function returnsTokens(node) {
	return (
		node?.type === 'n8n-nodes-messenger-bridge.facebookMessenger' &&
		node.parameters?.resource === 'token' &&
		TOKEN_RETURNING_OPERATIONS.has(node.parameters?.operation)
	);
}

// Every secret the emulators hold: the fixtures' values plus every Page token of the Graph world.
function allSecrets() {
	const secrets = new Set(SECRET_VALUES);
	for (const page of env.emulators.graph.state?.pages ?? []) secrets.add(page.accessToken);
	for (const [token, identity] of env.emulators.graph.state?.tokens ?? []) {
		if (identity.kind !== 'app') secrets.add(token);
	}
	// Every Instagram user token of the graph.instagram.com world (issued, exchanged, refreshed),
	// but one a test handed to n8n itself in a webhook body.
	for (const [token, identity] of env.emulators.instagram?.state?.tokens ?? []) {
		if (!identity.handedToN8nByTest) secrets.add(token);
	}
	return [...secrets].filter((s) => typeof s === 'string' && s.length >= 8);
}

function findSecrets(text, secrets) {
	return secrets.filter((secret) => text.includes(secret));
}

describe('e2e: secret hygiene across the whole run', () => {
	it('no secret in any node output or error of any execution', async () => {
		const secrets = allSecrets();
		const workflows = await env.rest('/rest/workflows');
		const leaks = [];
		let checkedExecutions = 0;
		// What was actually scanned: a check that read no run data would pass on anything.
		const scannedOutputs = new Set();
		let scannedErrors = 0;
		for (const workflow of workflows) {
			const executions = await env.executions(workflow.id);
			for (const execution of executions) {
				checkedExecutions++;
				const nodes = execution.data?.workflowData?.nodes ?? execution.workflowData?.nodes ?? [];
				const runData = execution.data?.resultData?.runData ?? {};
				for (const [nodeName, runs] of Object.entries(runData)) {
					const node = nodes.find((n) => n.name === nodeName);
					for (const run of runs) {
						if (run.data?.main?.some((items) => items?.length)) scannedOutputs.add(node?.type);
						if (run.error) scannedErrors++;
						if (!returnsTokens(node)) {
							const found = findSecrets(JSON.stringify(run.data ?? {}), secrets);
							if (found.length)
								leaks.push(
									`${workflow.name} / ${nodeName}: output carries ${found.length} secret(s)`,
								);
						}
						const foundInError = findSecrets(JSON.stringify(run.error ?? {}), secrets);
						if (foundInError.length)
							leaks.push(`${workflow.name} / ${nodeName}: error carries a secret`);
					}
				}
				const topError = findSecrets(
					JSON.stringify(execution.data?.resultData?.error ?? {}),
					secrets,
				);
				if (topError.length) leaks.push(`${workflow.name}: execution error carries a secret`);
			}
		}
		assert.ok(checkedExecutions > 0, 'the run produced executions to check');
		const packageNodes = [
			'messengerTrigger',
			'facebookMessenger',
			'genesysCloud',
			'genesysEngage',
			'airy',
			'sunshineConversations',
		].map((name) => `n8n-nodes-messenger-bridge.${name}`);
		assert.deepEqual(
			packageNodes.filter((type) => !scannedOutputs.has(type)),
			[],
			'the output items of every node of the package were scanned',
		);
		assert.ok(scannedErrors > 0, 'failed runs (errors) were scanned');
		assert.deepEqual(leaks, []);
	});

	it('no secret in the stored parameters of the example workflows', async () => {
		const secrets = allSecrets();
		const examples = (await env.rest('/rest/workflows')).filter((w) =>
			w.name.startsWith('e2e example'),
		);
		assert.ok(examples.length > 0, 'the example workflows are imported');
		const leaks = [];
		for (const { id, name } of examples) {
			const workflow = await env.rest(`/rest/workflows/${id}`);
			for (const node of workflow.nodes) {
				if (findSecrets(JSON.stringify(node.parameters ?? {}), secrets).length)
					leaks.push(`${name} / ${node.name}`);
			}
		}
		assert.deepEqual(leaks, []);
	});

	it('no secret in n8n log lines', () => {
		assert.ok(env.log().length > 0, "n8n's log was read");
		const found = findSecrets(env.log(), allSecrets());
		assert.deepEqual(
			found.map((s) => `${s.slice(0, 4)}…`),
			[],
		);
	});

	it('no secret in the URL of any request a node made to an emulator', () => {
		const secrets = allSecrets();
		const leaks = [];
		let checked = 0;
		for (const [name, emulator] of Object.entries(env.emulators)) {
			const servers = emulator?.requests
				? [emulator]
				: [emulator?.api, emulator?.login].filter(Boolean);
			for (const server of servers) {
				for (const request of server.requests) {
					checked++;
					// graph.instagram.com's two token endpoints are GET only with the token (and, to
					// exchange, the app secret) in the query string, as Meta documents them: the one
					// exception (README, Instagram Login route → Limits). Only the grant's own
					// parameters may carry a secret there.
					if (
						name === 'instagram' &&
						/^(\/v\d+\.\d+)?\/(refresh_)?access_token$/.test(request.path)
					) {
						const { client_secret: _secret, access_token: _token, ...rest } = request.query;
						if (findSecrets(JSON.stringify(rest), secrets).length)
							leaks.push(`${name}: ${request.method} ${request.path}`);
						continue;
					}
					// The Graph emulator's own callback verification GETs are Meta's, not ours.
					const found = findSecrets(decodeURIComponent(request.url), secrets);
					if (found.length) leaks.push(`${name}: ${request.method} ${request.path}`);
				}
			}
		}
		assert.ok(checked > 0);
		assert.deepEqual(leaks, []);
	});
});
