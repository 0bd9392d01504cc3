// Drives the package's built nodes (execute, webhook, webhookMethods, methods) through n8n-core's
// REAL execution contexts: ExecuteContext, WebhookContext, HookContext and LoadOptionsContext of
// n8n-core 2.40.3 (the version whose n8n-workflow is the project's pin), on a real n8n-workflow
// `Workflow` (which fills parameter defaults and drops parameters hidden by display options, as
// n8n does before a node runs). HTTP goes through n8n-core's own httpRequest /
// httpRequestWithAuthentication over loopback to the emulators.
//
// What n8n-core does not contain is kept here as small, named stand-ins for the n8n CLI:
//   - CredentialStore + HarnessCredentialsHelper: the CLI's credentials helper (getDecrypted with
//     the type's defaults, authenticate, preAuthentication that stores its result), over an
//     in-memory store instead of the database;
//   - answerOnReceived: the webhook service's answer for responseMode "onReceived".
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
export const root = new URL('../..', import.meta.url).pathname;

// n8n-core keeps its instance settings (and binary data) under N8N_USER_FOLDER: a fresh writable
// folder per test process, set before n8n-core is loaded.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'mb-n8n-core-'));

export const workflow = require(join(root, 'node_modules', 'n8n-workflow'));
const corePath = require.resolve(join(root, 'node_modules', 'n8n-core'));
export const core = require(corePath);
// n8n-core's own dependencies (@n8n/di, @n8n/backend-common) from n8n-core's location: the
// top-level copies may be other versions, with another DI container.
const coreRequire = createRequire(corePath);
const { Container } = coreRequire('@n8n/di');
const { Logger } = coreRequire('@n8n/backend-common');

// One copy of n8n-workflow: the nodes' NodeApiError must be the class n8n-core checks against.
if (coreRequire('n8n-workflow') !== workflow) {
	throw new Error(
		'n8n-core loads another copy of n8n-workflow than the project: run `npm ls n8n-workflow` and dedupe',
	);
}

const { Workflow, NodeHelpers, createRunExecutionData } = workflow;
const { ExecuteContext, WebhookContext, HookContext, LoadOptionsContext, BinaryDataService } = core;

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };
/** The logger of the run in progress (each run sets its own; n8n-core reads one global Logger). */
const runLogger = new AsyncLocalStorage();
const delegatingLogger = {
	scoped: () => delegatingLogger,
	withContext: () => delegatingLogger,
	...Object.fromEntries(
		['error', 'warn', 'info', 'debug'].map((level) => [
			level,
			(...args) => (runLogger.getStore() ?? silentLogger)[level](...args),
		]),
	),
};
Container.set(Logger, delegatingLogger);
await Container.get(BinaryDataService).init();

/** Loads a built node class: loadNode('FacebookMessenger') → new FacebookMessenger(). */
export function loadNode(name) {
	const mod = require(join(root, 'dist', 'nodes', name, `${name}.node.js`));
	return new mod[name]();
}

/**
 * The node as a workflow saved with an older `typeVersion` runs it (nodes run at their newest
 * version otherwise): same class, description reporting just that version.
 */
export function atVersion(nodeType, typeVersion) {
	const view = Object.create(nodeType);
	view.description = { ...nodeType.description, version: typeVersion };
	return view;
}

let credentialTypes;
export function credentialType(name) {
	if (!credentialTypes) {
		credentialTypes = {};
		const dir = join(root, 'dist', 'credentials');
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.credentials.js'))) {
			const mod = require(join(dir, file));
			for (const Class of Object.values(mod)) {
				if (typeof Class !== 'function') continue;
				try {
					const instance = new Class();
					if (instance.name && instance.properties) credentialTypes[instance.name] = instance;
				} catch {
					// not a credential class
				}
			}
		}
	}
	const type = credentialTypes[name];
	if (!type) throw new Error(`unknown credential type ${name}`);
	return type;
}

/** Credential data with the type's defaults filled in, as n8n stores it. */
export function withDefaults(typeName, data) {
	const type = credentialType(typeName);
	const filled = {};
	for (const property of type.properties) filled[property.name] = property.default;
	return { ...filled, ...data };
}

/**
 * A store of credentials shared by every context of one test, like n8n's database: tokens
 * minted by preAuthentication are kept and reused by later executions.
 */
export class CredentialStore {
	constructor(entries = {}) {
		this.data = {};
		this.preAuthentications = 0;
		this.reads = 0;
		for (const [typeName, data] of Object.entries(entries))
			this.data[typeName] = withDefaults(typeName, data);
	}

	get(typeName) {
		if (!this.data[typeName])
			throw new Error(`Node does not have any credentials of type "${typeName}" set`);
		return { ...this.data[typeName] };
	}

	has(typeName) {
		return Boolean(this.data[typeName]);
	}
}

/**
 * The n8n CLI's credentials helper over a CredentialStore: what n8n-core's contexts and request
 * helpers call (getDecrypted, authenticate, preAuthentication, getCredentialsProperties …).
 */
export class HarnessCredentialsHelper {
	constructor(store) {
		this.store = store;
	}

	getParentTypes(name) {
		const parents = credentialType(name).extends ?? [];
		return parents.flatMap((parent) => [
			parent,
			...(credentialTypes[parent] ? this.getParentTypes(parent) : []),
		]);
	}

	isCredentialUsableByNode() {
		return true;
	}

	getCredentialsProperties(type) {
		return credentialType(type).properties;
	}

	async getCredentials(nodeCredentials, type) {
		return {
			id: nodeCredentials.id,
			name: nodeCredentials.name,
			type,
			getData: () => this.store.get(type),
		};
	}

	/** The stored data with the type's defaults applied (hidden fields dropped), as the CLI returns it. */
	async getDecrypted(additionalData, nodeCredentials, type) {
		this.store.reads += 1;
		const data = this.store.get(type);
		const withDefaultsApplied =
			NodeHelpers.getNodeParameters(
				credentialType(type).properties,
				data,
				true,
				false,
				null,
				null,
			) ?? {};
		return {
			...withDefaultsApplied,
			...Object.fromEntries(
				Object.entries(data).filter(
					([key]) => !(key in withDefaultsApplied) && key === 'oauthTokenData',
				),
			),
		};
	}

	async updateCredentials(nodeCredentials, type, data) {
		this.store.data[type] = { ...this.store.data[type], ...data };
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		this.store.data[type] = { ...this.store.data[type], oauthTokenData: data.oauthTokenData };
	}

	/** The credential type's `authenticate`: a function, or n8n's generic form whose values are expressions. */
	async authenticate(credentials, typeName, requestOptions, wf, node) {
		const type = credentialType(typeName);
		if (typeof type.authenticate === 'function')
			return await type.authenticate(credentials, requestOptions);
		if (!type.authenticate || type.authenticate.type !== 'generic') return requestOptions;
		const resolve = (value) =>
			typeof value === 'string' && wf && node
				? wf.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						value,
					)
				: value;
		const options = { ...requestOptions };
		const { properties } = type.authenticate;
		for (const key of ['headers', 'qs', 'body']) {
			if (!properties[key]) continue;
			options[key] = { ...(options[key] ?? {}) };
			for (const [name, value] of Object.entries(properties[key]))
				options[key][name] = resolve(value);
		}
		if (properties.auth)
			options.auth = Object.fromEntries(
				Object.entries(properties.auth).map(([k, v]) => [k, resolve(v)]),
			);
		return options;
	}

	/** Runs the type's preAuthentication when its expirable field is empty, or when forced (a 401). */
	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const type = credentialType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable) return undefined;
		if (
			!credentialsExpired &&
			credentials[expirable.name] !== '' &&
			credentials[expirable.name] !== undefined
		)
			return undefined;
		const output = await this.runPreAuthentication(helpers, credentials, typeName);
		this.store.data[typeName] = { ...this.store.data[typeName], ...output };
		return output;
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const output = await credentialType(typeName).preAuthentication.call(helpers, credentials);
		this.store.preAuthentications += 1;
		return output;
	}
}

const PACKAGE = 'n8n-nodes-messenger-bridge';
const WEBHOOK_ID = 'f2b6a1de-0c1e-4a57-9d8b-0c5f1d7b2a11';
const BASE = 'http://localhost:5678';

function latestVersion(nodeType) {
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function makeNode(nodeType, parameters, nodeOverrides = {}) {
	return {
		id: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
		name: nodeType.description.defaults?.name ?? nodeType.description.displayName,
		type: `${PACKAGE}.${nodeType.description.name}`,
		typeVersion: latestVersion(nodeType),
		position: [0, 0],
		parameters: structuredClone(parameters),
		webhookId: WEBHOOK_ID,
		...nodeOverrides,
	};
}

/** A one-node n8n Workflow: its constructor applies n8n's parameter defaults and display rules. */
function makeWorkflow(nodeType, node, staticData) {
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	return new Workflow({
		id: 'harness-workflow',
		name: 'harness',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
		settings: { timezone: 'UTC' },
	});
}

function credentialsOf(store) {
	// As in a saved workflow: the node refers to each credential by id (the same id for the same
	// type here, so state kept per credential carries over between runs, as it does in n8n).
	return Object.fromEntries(
		Object.keys(store.data).map((type) => [type, { id: `harness-${type}`, name: type }]),
	);
}

function additionalDataFor(store, { webhookUrl, extra = {} } = {}) {
	// n8n builds a webhook URL as <base>/<webhookId>/<path>: a test's callback URL gives the base.
	const webhookBase = webhookUrl
		? webhookUrl.replace(new RegExp(`/${WEBHOOK_ID}/[^/]+$`), '')
		: `${BASE}/webhook`;
	return {
		credentialsHelper: new HarnessCredentialsHelper(store),
		executionId: 'harness-execution',
		restApiUrl: `${BASE}/rest`,
		instanceBaseUrl: `${BASE}/`,
		formWaitingBaseUrl: `${BASE}/form-waiting`,
		webhookBaseUrl: webhookBase,
		webhookWaitingBaseUrl: `${BASE}/webhook-waiting`,
		webhookTestBaseUrl: webhookUrl ? webhookBase : `${BASE}/webhook-test`,
		variables: {},
		userId: 'harness-user',
		currentNodeExecutionIndex: 0,
		...extra,
	};
}

function toStore(credentials) {
	return credentials instanceof CredentialStore
		? credentials
		: new CredentialStore(credentials ?? {});
}

/** Runs a node's execute() in n8n-core's ExecuteContext, returning the output or the thrown error. */
export async function runExecute(
	nodeType,
	{
		parameters = {},
		items = [{ json: {} }],
		credentials,
		continueOnFail = false,
		staticData,
		logger,
		nodeOverrides,
	} = {},
) {
	const store = toStore(credentials);
	const node = makeNode(nodeType, parameters, {
		credentials: credentialsOf(store),
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		...nodeOverrides,
	});
	const wf = makeWorkflow(nodeType, node, staticData);
	const inputData = { main: [items] };
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [executeData] },
	});
	const context = new ExecuteContext(
		wf,
		node,
		additionalDataFor(store),
		'manual',
		runExecutionData,
		0,
		items,
		inputData,
		executeData,
		[],
		new AbortController().signal,
	);
	context.credentialStore = store;
	try {
		const output = await runLogger.run(logger ?? silentLogger, () =>
			nodeType.execute.call(context),
		);
		return { output, context, node };
	} catch (error) {
		return { error, context, node };
	}
}

/** An express-like response that records what the node sent. */
export function fakeResponse() {
	// An EventEmitter like Express's response: 'finish' once the answer is handed over.
	const res = Object.assign(new EventEmitter(), {
		statusCode: 200,
		headers: {},
		body: undefined,
		ended: false,
		status(code) {
			res.statusCode = code;
			return res;
		},
		type(value) {
			res.headers['content-type'] = value;
			return res;
		},
		setHeader(name, value) {
			res.headers[name.toLowerCase()] = value;
			return res;
		},
		header(name, value) {
			return res.setHeader(name, value);
		},
		set(name, value) {
			return res.setHeader(name, value);
		},
		send(body) {
			res.body = body;
			res.ended = true;
			res.emit('finish');
			return res;
		},
		json(body) {
			res.headers['content-type'] ??= 'application/json';
			return res.send(JSON.stringify(body));
		},
		end(body) {
			if (body !== undefined) res.body = body;
			res.ended = true;
			res.emit('finish');
			return res;
		},
		sendStatus(code) {
			return res.status(code).end();
		},
	});
	return res;
}

/**
 * The n8n webhook service's answer for responseMode "onReceived" when the node did not answer:
 * it registers the execution, then sends the description's responseData as the body ("noData" =
 * empty), else the node's webhookResponse, else {message}; a failed registration answers 500.
 */
function answerOnReceived(description, result, res, registrationFails) {
	if (res.ended || result?.noWebhookResponse || description?.responseMode !== 'onReceived') return;
	if (registrationFails) {
		res.status(500).json({ code: 0, message: 'SQLITE_BUSY: database is locked' });
	} else {
		const data = description.responseData;
		const body =
			data === 'noData'
				? undefined
				: data || result?.webhookResponse || { message: 'Workflow was started' };
		res.status(200).send(body);
	}
	res.answeredByN8n = true;
}

/**
 * Calls a trigger's webhook() in n8n-core's WebhookContext with a request, as n8n's webhook
 * service would after its body parser ran: rawBody is the exact bytes, body the parsed JSON.
 * `mode` is 'webhook' for the Production URL; n8n runs a Test-URL delivery in 'manual' mode.
 */
export async function runWebhook(
	nodeType,
	{
		parameters = {},
		credentials,
		webhookName = 'default',
		method = 'POST',
		headers = {},
		query = {},
		rawBody,
		staticData = {},
		logger,
		nodeOverrides,
		registrationFails = false,
		mode = 'webhook',
	} = {},
) {
	const store = toStore(credentials);
	const node = makeNode(nodeType, parameters, {
		credentials: credentialsOf(store),
		...nodeOverrides,
	});
	const wf = makeWorkflow(nodeType, node, staticData);
	const raw =
		rawBody === undefined ? undefined : Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody);
	let body = {};
	if (raw && (headers['content-type'] ?? '').includes('json')) {
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch {
			body = {};
		}
	}
	const lowerHeaders = Object.fromEntries(
		Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const req = Object.assign(new EventEmitter(), {
		method,
		headers: lowerHeaders,
		query,
		params: {},
		body,
		rawBody: raw,
		async readRawBody() {
			req.rawBody = raw ?? Buffer.alloc(0);
		},
	});
	const res = fakeResponse();
	const description = nodeType.description.webhooks?.find((w) => w.name === webhookName);
	const webhookData = {
		httpMethod: method,
		node: node.name,
		path: `${WEBHOOK_ID}/${description?.path ?? 'webhook'}`,
		webhookDescription: description,
		workflowId: wf.id,
		webhookId: WEBHOOK_ID,
		isTest: mode === 'manual',
		workflowExecuteAdditionalData: undefined,
	};
	const additionalData = additionalDataFor(store, {
		extra: { httpRequest: req, httpResponse: res },
	});
	webhookData.workflowExecuteAdditionalData = additionalData;
	const context = new WebhookContext(wf, node, additionalData, mode, webhookData, [], null);
	context.credentialStore = store;
	try {
		const result = await runLogger.run(logger ?? silentLogger, () =>
			nodeType.webhook.call(context),
		);
		answerOnReceived(description, result, res, registrationFails);
		return { result, res, context, staticData };
	} catch (error) {
		return { error, res, context, staticData };
	}
}

/** n8n-core's HookContext for webhookMethods (checkExists/create/delete) of a trigger. */
export function hookContext(
	nodeType,
	{
		parameters = {},
		credentials,
		staticData = {},
		webhookUrl,
		logger,
		nodeOverrides,
		mode = 'trigger',
		activation = 'activate',
	} = {},
) {
	const store = toStore(credentials);
	const node = makeNode(nodeType, parameters, {
		credentials: credentialsOf(store),
		...nodeOverrides,
	});
	const wf = makeWorkflow(nodeType, node, staticData);
	const context = new HookContext(
		wf,
		node,
		additionalDataFor(store, { webhookUrl }),
		mode,
		activation,
		{
			webhookDescription: nodeType.description.webhooks?.find((w) => w.name === 'default'),
		},
	);
	context.credentialStore = store;
	if (logger) Object.defineProperty(context, 'logger', { value: logger });
	return context;
}

/**
 * n8n-core's LoadOptionsContext for methods.loadOptions / listSearch, built as the n8n CLI builds
 * it: a temporary one-node workflow, the editor's current parameters (defaults of what is shown).
 */
export function loadOptionsContext(
	nodeType,
	{ parameters = {}, credentials, logger, path = 'parameters' } = {},
) {
	const store = toStore(credentials);
	const node = makeNode(nodeType, parameters, {
		name: 'Temp-Node',
		credentials: credentialsOf(store),
	});
	const wf = makeWorkflow(nodeType, node, {});
	const currentNodeParameters = wf.getNode('Temp-Node').parameters;
	const context = new LoadOptionsContext(
		wf,
		node,
		additionalDataFor(store, { extra: { currentNodeParameters } }),
		path,
	);
	context.credentialStore = store;
	if (logger) Object.defineProperty(context, 'logger', { value: logger });
	return context;
}

/**
 * The value n8n hands a node for `name` (for benches that call a node function directly): the
 * parameters after n8n's defaults and display rules, then the path.
 */
export function nodeParameter(description, parameters, name, fallback, options = {}) {
	const node = {
		name: 'n',
		type: 'x',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters,
	};
	const resolved =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			node,
			description,
		) ?? {};
	let value = resolved;
	for (const key of name.split('.')) value = value?.[key];
	if (value === undefined) {
		if (fallback !== undefined) return fallback;
		throw new Error(`Could not get parameter "${name}"`);
	}
	if (options.extractValue && value && typeof value === 'object' && '__rl' in value)
		return value.value;
	return value;
}

/** The package's node types in a workflow: `n8n-nodes-messenger-bridge.<type>`. */
const PACKAGE_NODE = /^n8n-nodes-messenger-bridge\.(\w+)$/;

/**
 * What is wrong with the package's nodes in an example workflow, checked as n8n would run it:
 * n8n fills in the defaults first (a Resource without an Operation gets that Resource's default
 * Operation) and drops every parameter the display options then hide. So a parameter n8n would
 * drop (one of another operation, an unknown one), an option value the node does not list, a
 * collection key it does not declare, or a connection to or from a missing node is a problem.
 * Returns the problems, [] when there are none.
 */
export function exampleProblems(example) {
	const problems = [];
	const names = new Set(example.nodes.map((n) => n.name));
	for (const [from, outputs] of Object.entries(example.connections ?? {})) {
		if (!names.has(from)) problems.push(`connection from missing node ${from}`);
		for (const target of Object.values(outputs).flat(2))
			if (target && !names.has(target.node))
				problems.push(`${from}: connection to missing node ${target.node}`);
	}
	for (const node of example.nodes) {
		const type = PACKAGE_NODE.exec(node.type)?.[1];
		if (!type) continue;
		const { description } = loadNode(type[0].toUpperCase() + type.slice(1));
		problems.push(...nodeParameterProblems(description, node));
	}
	return problems;
}

/** The problems of one node's parameters against its description (see exampleProblems). */
function nodeParameterProblems(description, node) {
	const versioned = { typeVersion: node.typeVersion ?? Math.max(...[description.version].flat()) };
	const parameters = node.parameters ?? {};
	const resolved =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			versioned,
			description,
		) ?? {};
	const runAs = `${resolved.resource ?? ''}/${resolved.operation ?? ''}`;
	const problems = [];
	for (const [name, value] of Object.entries(parameters)) {
		if (!description.properties.some((p) => p.name === name)) {
			problems.push(`${node.name}: unknown parameter ${name}`);
			continue;
		}
		const property =
			name in resolved &&
			NodeHelpers.findDisplayedProperty(
				name,
				description.properties,
				resolved,
				versioned,
				description,
			);
		if (!property) {
			problems.push(`${node.name}: ${name} is not a parameter of ${runAs} (n8n drops it)`);
			continue;
		}
		const listed = (v) =>
			typeof v !== 'string' || v.startsWith('=') || property.options.some((o) => o.value === v);
		if (property.type === 'options' && !listed(value))
			problems.push(`${node.name}: ${name}=${value} is not an option`);
		if (property.type === 'multiOptions' && Array.isArray(value))
			for (const v of value.filter((v) => !listed(v)))
				problems.push(`${node.name}: ${name} has ${v}, not an option`);
		if (property.type === 'collection' && value && typeof value === 'object')
			for (const key of Object.keys(value).filter(
				(k) => !property.options.some((o) => o.name === k),
			))
				problems.push(`${node.name}: ${name}.${key} is not a field of ${name}`);
	}
	return problems;
}

// The Graph fixtures, for graphCredentials (an import here so the rest of the file stays as it was).
import { GRAPH as GRAPH_FIXTURES } from '../emulators/fixtures.mjs';

/**
 * The Facebook App and Facebook Page credentials of the Graph fixtures, pointed at the Graph
 * emulator at `url`, in one CredentialStore. `app` / `page` change or add fields; `page: false`
 * leaves the Page credential out.
 */
export function graphCredentials(url, { app = {}, page = {} } = {}) {
	const entries = {
		facebookAppApi: {
			appId: GRAPH_FIXTURES.appId,
			appSecret: GRAPH_FIXTURES.appSecret,
			userAccessToken: GRAPH_FIXTURES.userAccessToken,
			graphApiBaseUrl: url,
			...app,
		},
	};
	if (page !== false)
		entries.facebookPageApi = {
			pageAccessToken: GRAPH_FIXTURES.pageAccessToken,
			pageId: GRAPH_FIXTURES.pageId,
			appSecret: GRAPH_FIXTURES.appSecret,
			graphApiBaseUrl: url,
			...page,
		};
	return new CredentialStore(entries);
}
