// Drives the package's real node code (execute, webhook, webhookMethods, methods) through
// n8n's own interfaces, with the real n8n-workflow classes and real HTTP over loopback to the
// emulators. What n8n-core would do around a node is reproduced here as n8n 2.40 does it:
// parameter defaults, credential authenticate/preAuthentication (with the one retry on 401),
// NodeApiError wrapping, binary data, static data.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { n8nHttpRequest } from './n8nHttp.mjs';

const require = createRequire(import.meta.url);
export const root = new URL('../..', import.meta.url).pathname;
export const workflow = require(join(root, 'node_modules', 'n8n-workflow'));
const { NodeApiError, NodeOperationError, ExecutionBaseError } = workflow;

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

function resolveTemplate(value, credentials) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const expression = value.slice(1);
	const whole = /^\{\{\s*\$credentials\.(\w+)\s*\}\}$/.exec(expression);
	if (whole) return credentials[whole[1]];
	return expression.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key) => String(credentials[key] ?? ''));
}

function resolveDeep(value, credentials) {
	if (Array.isArray(value)) return value.map((v) => resolveDeep(v, credentials));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, credentials)]));
	}
	return resolveTemplate(value, credentials);
}

export async function authenticate(typeName, credentials, options) {
	const type = credentialType(typeName);
	if (typeof type.authenticate === 'function') return await type.authenticate(credentials, options);
	if (!type.authenticate) return options;
	const result = { ...options };
	const properties = resolveDeep(type.authenticate.properties, credentials);
	for (const key of ['headers', 'qs', 'body']) {
		if (properties[key]) result[key] = { ...(result[key] ?? {}), ...properties[key] };
	}
	if (properties.auth) result.auth = properties.auth;
	return result;
}

/**
 * A store of credentials shared by every context of one test, like n8n's database: tokens
 * minted by preAuthentication are kept and reused by later executions.
 */
export class CredentialStore {
	constructor(entries = {}) {
		this.data = {};
		this.preAuthentications = 0;
		for (const [typeName, data] of Object.entries(entries)) this.data[typeName] = withDefaults(typeName, data);
	}

	get(typeName) {
		if (!this.data[typeName]) throw new Error(`Node does not have any credentials of type "${typeName}" set`);
		return { ...this.data[typeName] };
	}

	has(typeName) {
		return Boolean(this.data[typeName]);
	}

	/** n8n-core's CredentialsHelper.preAuthentication: runs when the expirable field is empty or on a 401. */
	async preAuthenticate(typeName, credentials, force) {
		const type = credentialType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const expirable = type.properties.find((p) => p.typeOptions?.expirable);
		if (!expirable) return undefined;
		if (!force && credentials[expirable.name]) return undefined;
		const output = await type.preAuthentication.call({ helpers: { httpRequest: n8nHttpRequest } }, credentials);
		this.preAuthentications += 1;
		this.data[typeName] = { ...this.data[typeName], ...output };
		return output;
	}
}

/** n8n's `@version` display condition: plain versions or `_cnd` comparisons (any version when unknown). */
function versionMatches(values, typeVersion) {
	if (typeVersion === undefined) return true;
	const test = (v) => {
		if (typeof v !== 'object' || !v?._cnd) return v === typeVersion;
		const [[op, x]] = Object.entries(v._cnd);
		const ops = { eq: () => typeVersion === x, not: () => typeVersion !== x, gte: () => typeVersion >= x, lte: () => typeVersion <= x, gt: () => typeVersion > x, lt: () => typeVersion < x, between: () => typeVersion >= x.from && typeVersion <= x.to };
		return ops[op]?.() ?? true;
	};
	return values.some(test);
}

function displayOptionsMatch(property, parameters, typeVersion) {
	const show = property.displayOptions?.show ?? {};
	const hide = property.displayOptions?.hide ?? {};
	if (show['@version'] && !versionMatches(show['@version'], typeVersion)) return false;
	if (hide['@version'] && typeVersion !== undefined && versionMatches(hide['@version'], typeVersion)) return false;
	for (const [key, values] of Object.entries(show)) {
		if (key.startsWith('@')) continue;
		const actual = parameters[key.replace(/^\//, '')];
		if (!values.some((v) => (typeof v === 'object' && v?._cnd ? true : v === actual))) return false;
	}
	for (const [key, values] of Object.entries(hide)) {
		if (key.startsWith('@')) continue;
		const actual = parameters[key.replace(/^\//, '')];
		if (values.includes(actual)) return false;
	}
	return true;
}

/** The value n8n would hand a node for `name`: the set value, else the visible property's default. */
export function nodeParameter(description, parameters, name, fallback, options = {}) {
	const [head, ...rest] = name.split('.');
	let value;
	if (head in parameters) {
		value = parameters[head];
	} else {
		const candidates = description.properties.filter((p) => p.name === head);
		const visible = candidates.find((p) => displayOptionsMatch(p, { ...defaultsOf(description, parameters), ...parameters }, options.typeVersion));
		value = visible ? structuredClone(visible.default) : undefined;
	}
	for (const key of rest) value = value?.[key];
	if (value === undefined) {
		if (fallback !== undefined) return fallback;
		throw new Error(`Could not get parameter "${name}"`);
	}
	if (options.extractValue && value && typeof value === 'object' && '__rl' in value) return value.value;
	return value;
}

function defaultsOf(description, parameters) {
	const defaults = {};
	for (const p of description.properties) {
		if (!(p.name in defaults) && (p.name === 'resource' || p.name === 'operation')) {
			if (displayOptionsMatch(p, { ...defaults, ...parameters })) defaults[p.name] = p.default;
		}
	}
	return defaults;
}

function makeNode(nodeType, parameters, nodeOverrides = {}) {
	return {
		id: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
		name: nodeType.description.defaults?.name ?? nodeType.description.displayName,
		type: `n8n-nodes-messenger-bridge.${nodeType.description.name}`,
		typeVersion: Array.isArray(nodeType.description.version)
			? Math.max(...nodeType.description.version)
			: nodeType.description.version,
		position: [0, 0],
		parameters,
		webhookId: 'f2b6a1de-0c1e-4a57-9d8b-0c5f1d7b2a11',
		...nodeOverrides,
	};
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** The parts every function context shares. */
function baseContext({ nodeType, parameters = {}, credentials, staticData = {}, logger = silentLogger, node }) {
	const store = credentials instanceof CredentialStore ? credentials : new CredentialStore(credentials ?? {});
	const theNode = node ?? makeNode(nodeType, parameters);
	// As in a saved workflow: the node refers to each credential by id (the same id for the same
	// type here, so state kept per credential carries over between runs, as it does in n8n).
	theNode.credentials ??= Object.fromEntries(Object.keys(store.data).map((type) => [type, { id: `harness-${type}`, name: type }]));
	const abort = new AbortController();
	const context = {
		credentialStore: store,
		staticData,
		logger,
		getNode: () => theNode,
		getMode: () => 'trigger',
		getTimezone: () => 'UTC',
		getExecutionCancelSignal: () => abort.signal,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'harness-workflow', name: 'harness', active: true }),
		getCredentials: async (typeName) => {
			store.reads = (store.reads ?? 0) + 1;
			return store.get(typeName);
		},
		getNodeParameter: (name, itemIndexOrFallback, fallback, options) => {
			// IExecuteFunctions takes (name, itemIndex, fallback, options); hook, webhook and
			// load-options functions take (name, fallback, options).
			// The node's typeVersion decides between properties shown per `@version`.
			const typeVersion = theNode.typeVersion;
			if (typeof itemIndexOrFallback === 'number') return nodeParameter(nodeType.description, parameters, name, fallback, { ...options, typeVersion });
			return nodeParameter(nodeType.description, parameters, name, itemIndexOrFallback, { ...fallback, typeVersion });
		},
		getCurrentNodeParameter: (name, options) => nodeParameter(nodeType.description, parameters, name, undefined, { ...options, typeVersion: theNode.typeVersion }),
		helpers: {
			httpRequest: n8nHttpRequest,
			async httpRequestWithAuthentication(typeName, requestOptions) {
				let credentialsData;
				let options = { ...requestOptions };
				try {
					credentialsData = store.get(typeName);
					const data = await store.preAuthenticate(typeName, credentialsData, false);
					if (data) Object.assign(credentialsData, data);
					options = await authenticate(typeName, credentialsData, options);
					return await n8nHttpRequest(options);
				} catch (error) {
					// n8n 2.40 repeats any request answered 401 once, after running preAuthentication
					// (a no-op for credential types without it).
					if (error?.response?.status === 401 && credentialsData) {
						try {
							const data = await store.preAuthenticate(typeName, credentialsData, true);
							if (data) Object.assign(credentialsData, data);
							options = await authenticate(typeName, credentialsData, { ...requestOptions });
							return await n8nHttpRequest(options);
						} catch (retryError) {
							throw new NodeApiError(theNode, retryError);
						}
					}
					if (error instanceof ExecutionBaseError) throw error;
					throw new NodeApiError(theNode, error);
				}
			},
			returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (items, { itemData }) =>
				items.map((item) => ({ ...item, pairedItem: item.pairedItem ?? itemData })),
		},
	};
	return context;
}

/** Runs a node's execute() like n8n does for one run, returning the output or the thrown error. */
export async function runExecute(nodeType, { parameters = {}, items = [{ json: {} }], credentials, continueOnFail = false, staticData, logger, nodeOverrides } = {}) {
	const node = makeNode(nodeType, parameters, nodeOverrides);
	const context = baseContext({ nodeType, parameters, credentials, staticData, logger, node });
	Object.assign(context, {
		getInputData: () => items,
		continueOnFail: () => continueOnFail,
		getMode: () => 'manual',
		sendMessageToUI() {},
	});
	Object.assign(context.helpers, {
		assertBinaryData(itemIndex, propertyName) {
			const binary = items[itemIndex]?.binary?.[propertyName];
			if (!binary) throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`, { itemIndex });
			return binary;
		},
		getBinaryDataBuffer: async (itemIndex, propertyName) => Buffer.from(items[itemIndex].binary[propertyName].data, 'base64'),
		prepareBinaryData: async (buffer, fileName, mimeType) => ({ data: Buffer.from(buffer).toString('base64'), fileName, mimeType }),
	});
	try {
		const output = await nodeType.execute.call(context);
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
 * Calls a trigger's webhook() with a request, as n8n's webhook service would after its body
 * parser ran: rawBody is the exact bytes, body the parsed JSON when it parsed.
 */
export async function runWebhook(nodeType, { parameters = {}, credentials, webhookName = 'default', method = 'POST', headers = {}, query = {}, rawBody, staticData = {}, logger, nodeOverrides, registrationFails = false, mode = 'webhook' } = {}) {
	const node = makeNode(nodeType, parameters, nodeOverrides);
	const context = baseContext({ nodeType, parameters, credentials, staticData, logger, node });
	const raw = rawBody === undefined ? undefined : Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody);
	let body = {};
	if (raw && (headers['content-type'] ?? '').includes('json')) {
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch {
			body = {};
		}
	}
	const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	const req = {
		method,
		headers: lowerHeaders,
		query,
		body,
		rawBody: raw,
		async readRawBody() {
			req.rawBody = raw ?? Buffer.alloc(0);
		},
	};
	const res = fakeResponse();
	Object.assign(context, {
		getWebhookName: () => webhookName,
		getRequestObject: () => req,
		getResponseObject: () => res,
		getBodyData: () => body,
		getHeaderData: () => lowerHeaders,
		getQueryData: () => query,
		// 'webhook' for the Production URL; n8n runs a Test-URL delivery in 'manual' mode.
		getMode: () => mode,
		getNodeWebhookUrl: (name) => `http://localhost:5678/webhook/${node.webhookId}/webhook${name ? '' : ''}`,
	});
	try {
		const result = await nodeType.webhook.call(context);
		// What n8n does next for responseMode "onReceived" when the node did not answer: it
		// registers the execution, then sends the description's responseData as the body
		// ("noData" = empty), else the node's webhookResponse, else {message}.
		const description = nodeType.description.webhooks?.find((w) => w.name === webhookName);
		if (!res.ended && !result?.noWebhookResponse && description?.responseMode === 'onReceived') {
			if (registrationFails) {
				// n8n could not register the execution (WorkflowRunner.run threw): its request handler
				// answers with the error's status, 500 for a database failure.
				res.status(500).json({ code: 0, message: 'SQLITE_BUSY: database is locked' });
			} else {
				const data = description.responseData;
				const body = data === 'noData' ? undefined : (data || result?.webhookResponse || { message: 'Workflow was started' });
				res.status(200).send(body);
			}
			res.answeredByN8n = true;
		}
		return { result, res, context, staticData };
	} catch (error) {
		return { error, res, context, staticData };
	}
}

/** A context for webhookMethods (checkExists/create/delete) of a trigger. */
export function hookContext(nodeType, { parameters = {}, credentials, staticData = {}, webhookUrl, logger, nodeOverrides } = {}) {
	const node = makeNode(nodeType, parameters, nodeOverrides);
	const context = baseContext({ nodeType, parameters, credentials, staticData, logger, node });
	Object.assign(context, {
		getNodeWebhookUrl: () => webhookUrl ?? `http://localhost:5678/webhook/${node.webhookId}/webhook`,
		getWebhookName: () => 'default',
		getWebhookDescription: (name) => nodeType.description.webhooks.find((w) => w.name === name),
		getActivationMode: () => 'activate',
		getMode: () => 'trigger',
	});
	return context;
}

/** A context for methods.loadOptions / listSearch functions. */
export function loadOptionsContext(nodeType, { parameters = {}, credentials, logger } = {}) {
	return baseContext({ nodeType, parameters, credentials, logger });
}
