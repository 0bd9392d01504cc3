// One real n8n for the whole end-to-end run: the packed package installed as a community
// package into a fresh user folder, credentials pointing at the loopback emulators, every
// suite's workflows imported and published, then `n8n start`. Suites drive it over HTTP.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHost, hostDir, installPackage, n8nCli, startN8n } from '../../dev/host.mjs';
import { startAll } from '../emulators/index.mjs';
import { emulatorCredentials, PORTS } from '../emulators/fixtures.mjs';

const require = createRequire(import.meta.url);
export const N8N_PORT = Number(process.env.MB_E2E_PORT ?? 5788);
export const OWNER = {
	email: 'owner@messenger-bridge.test',
	password: 'E2e-Owner-Password-1',
	firstName: 'E2E',
	lastName: 'Owner',
};
export const BROWSER_ID = 'messenger-bridge-e2e';

/**
 * A real n8n with the package and the emulators. `env` below is the end-to-end run's; the browser
 * suite makes its own on other ports, so both can run side by side.
 */
export function createEnv({ port = N8N_PORT, emulatorPorts = PORTS } = {}) {
	return {
		port,
		emulatorPorts,
		url: `http://localhost:${port}`,
		userFolder: '',
		emulators: null,
		n8n: null,
		cookie: '',
		workflows: [],
		/** More credentials to import (e.g. n8n's own, for side-by-side benchmarks). */
		extraCredentials: [],
		/**
		 * More environment for `n8n start` (e.g. a proxy for the benchmarks). MB_E2E_N8N_ENV adds
		 * settings to the whole run, e.g. MB_E2E_N8N_ENV=N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true.
		 */
		n8nEnv: Object.fromEntries(
			(process.env.MB_E2E_N8N_ENV ?? '')
				.split(',')
				.filter(Boolean)
				.map((kv) => kv.split('=')),
		),
		keep: process.env.MB_E2E_KEEP === '1',

		/** Suites call this at import time, before n8n starts. Workflows need fixed `id`s. */
		addWorkflows(...workflows) {
			this.workflows.push(...workflows);
		},

		async start() {
			ensureHost();
			this.userFolder = mkdtempSync(join(tmpdir(), 'mb-e2e-'));
			installPackage(this.userFolder);
			this.emulators = await startAll({ ports: this.emulatorPorts });
			const importDir = join(this.userFolder, 'import');
			mkdirSync(join(importDir, 'workflows'), { recursive: true });
			writeFileSync(
				join(importDir, 'credentials.json'),
				JSON.stringify([
					...emulatorCredentials({ ports: this.emulatorPorts }),
					...this.extraCredentials,
				]),
			);
			for (const wf of this.workflows) {
				writeFileSync(
					join(importDir, 'workflows', `${wf.id}.json`),
					JSON.stringify({ active: false, settings: {}, connections: {}, ...wf }),
				);
			}
			n8nCli(
				this.userFolder,
				['import:credentials', `--input=${join(importDir, 'credentials.json')}`],
				this.port,
			);
			if (this.workflows.length) {
				n8nCli(
					this.userFolder,
					['import:workflow', '--separate', `--input=${join(importDir, 'workflows')}`],
					this.port,
				);
			}
			this.n8n = await startN8n(this.userFolder, { port: this.port, env: this.n8nEnv });
			await this.setupOwner();
			// Published over REST once n8n serves HTTP, as a user's click would: a trigger's create()
			// may need its own webhook to answer already (Meta verifies the callback during subscribe).
			const published = this.workflows.filter((w) => w.publish !== false);
			for (const wf of published) await this.activate(wf.id);
			// n8n 2.40 publishes asynchronously: webhooks answer only once publication settled.
			for (const wf of published) await this.publication(wf.id);
			return this;
		},

		async stop() {
			await this.n8n?.stop();
			await this.emulators?.closeAll();
			if (!this.keep && this.userFolder) rmSync(this.userFolder, { recursive: true, force: true });
		},

		async activate(workflowId) {
			const workflow = await this.rest(`/rest/workflows/${workflowId}`);
			return this.rest(`/rest/workflows/${workflowId}/activate`, {
				method: 'POST',
				body: { versionId: workflow.versionId },
			});
		},

		/** Waits until the workflow's publication is no longer in progress; returns its status. */
		async publication(workflowId) {
			return this.waitFor(
				async () => {
					const status = await this.rest(`/rest/workflows/${workflowId}/publication-status`);
					return status && status.status !== 'in_progress' ? status : null;
				},
				{ what: `publication of ${workflowId}`, timeoutMs: 30_000 },
			);
		},

		async deactivate(workflowId) {
			return this.rest(`/rest/workflows/${workflowId}/deactivate`, { method: 'POST', body: {} });
		},

		log() {
			return readFileSync(this.n8n.logFile, 'utf8');
		},

		async setupOwner() {
			const response = await fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
				body: JSON.stringify(OWNER),
			});
			if (!response.ok)
				throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
			this.cookie = (response.headers.getSetCookie?.() ?? [])
				.map((c) => c.split(';')[0])
				.join('; ');
		},

		/**
		 * fetch() to this n8n. When n8n is not answering because its process ended, the error says
		 * how it ended (exit code or signal, and whether stop() was called) instead of ECONNREFUSED.
		 */
		async fetch(url, init) {
			try {
				return await fetch(url, init);
			} catch (error) {
				const ended = this.n8n?.exitState?.();
				if (ended)
					throw new Error(
						`n8n on port ${this.port} is gone: it ${ended}; its log: ${this.n8n.logFile}`,
						{ cause: error },
					);
				throw error;
			}
		},

		/** An authenticated call to n8n's internal REST API; returns parsed JSON (`data` unwrapped). */
		async rest(path, { method = 'GET', body } = {}) {
			const response = await this.fetch(`${this.url}${path}`, {
				method,
				headers: {
					cookie: this.cookie,
					'browser-id': BROWSER_ID,
					...(body ? { 'content-type': 'application/json' } : {}),
				},
				body: body ? JSON.stringify(body) : undefined,
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
			const parsed = text ? JSON.parse(text) : undefined;
			return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
		},

		/** Calls a production webhook: POST /webhook/<path> with a JSON body; returns {status, headers, text, json}. */
		async webhook(path, { method = 'POST', body, headers = {}, rawBody } = {}) {
			const response = await this.fetch(`${this.url}/webhook/${path}`, {
				method,
				headers: {
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
					...headers,
				},
				body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
			});
			const text = await response.text();
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			return { status: response.status, headers: response.headers, text, json };
		},

		/** Executions of a workflow, newest first, with their run data parsed. */
		async executions(workflowId, { includeData = true, limit = 100 } = {}) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const list = await this.rest(`/rest/executions?filter=${filter}&limit=${limit}`);
			const results = list.results ?? list;
			if (!includeData) return results;
			return Promise.all(results.map((e) => this.execution(e.id)));
		},

		async execution(id) {
			const execution = await this.rest(`/rest/executions/${id}`);
			const { parse } = require(join(hostDir, 'node_modules', 'flatted'));
			const data = typeof execution.data === 'string' ? parse(execution.data) : execution.data;
			return { ...execution, data };
		},

		/** Output items of a node in an execution: [[{json}, …] per output]. */
		nodeOutput(execution, nodeName) {
			const runs = execution.data?.resultData?.runData?.[nodeName];
			return runs?.[0]?.data?.main ?? null;
		},

		nodeError(execution, nodeName) {
			const runs = execution.data?.resultData?.runData?.[nodeName];
			return runs?.[0]?.error ?? execution.data?.resultData?.error ?? null;
		},

		/** Waits until `predicate()` is truthy (polling), or throws after `timeoutMs`. */
		async waitFor(predicate, { timeoutMs = 15_000, intervalMs = 100, what = 'condition' } = {}) {
			const started = Date.now();
			for (;;) {
				const value = await predicate();
				if (value) return value;
				if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
				await new Promise((r) => setTimeout(r, intervalMs));
			}
		},
	};
}

export const env = createEnv();

/**
 * A workflow "Webhook (POST /webhook/<path>) → node", answering with the node's output items.
 * The node's parameters may use expressions such as `={{ $json.body.recipientId }}`.
 */
export function webhookWorkflow({ id, name, path, node, credentials }) {
	return {
		id,
		name: name ?? `e2e ${path}`,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: `${id}-node`,
				name: node.name ?? 'Node',
				type: node.type,
				typeVersion: node.typeVersion ?? 1,
				position: [240, 0],
				parameters: node.parameters,
				credentials,
				...(node.extra ?? {}),
			},
		],
		connections: { Webhook: { main: [[{ node: node.name ?? 'Node', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** Credential references for workflow nodes, by credential type. */
export const CREDENTIAL_REFS = Object.fromEntries(
	emulatorCredentials().map((c) => [c.type, { id: c.id, name: c.name }]),
);
