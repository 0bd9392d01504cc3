// Genesys Engage Web Services (GWS) emulator: the Facebook API (/api/v2/me/facebook[/{id}]) and
// the Facebook Private Messaging API (/api/v2/me/facebooksessions/{id}), written from
// the Genesys Web Services API reference (Facebook and Facebook Private Messaging pages).
//
// What it enforces, like GWS:
// - HTTP Basic authentication (or an authenticated JSESSIONID session); refusal = 401 with
//   {"statusCode":20,"statusMessage":…}.
// - A JSESSIONID cookie per HTTP session (Set-Cookie when the client brings none or an unknown one).
// - CSRF protection (on by default, `state.csrf = false` turns it off): every GET answers
//   X-CSRF-HEADER (the header name to use) and X-CSRF-TOKEN (the session's token); every POST, PUT and
//   DELETE must carry that header with the token of the session its cookie names, else HTTP 403 with
//   the text "Missing or invalid Csrf token". Tokens rotate with rotateCsrf(), with expireSessions(),
//   after every `state.rotateCsrfEvery` accepted writes of a session, or once just before the next
//   write when `state.rotateCsrfOnNextWrite` is set.
// - Required feature api-multimedia and an agent contact-center session for media operations.
// - Every answer carries statusCode (0 = success) and, on error, statusMessage only.
// - CometD (Bayeux 1.0, long-polling) at /api/v2/notifications: handshake, subscribe to
//   /v2/me/facebook or /v2/me/facebooksession, connect (held up to `state.cometTimeoutMs` while
//   nothing is queued), disconnect. Every operation's result is published there shortly after its
//   HTTP answer, as data {messageType, notificationType, referenceId, facebook|facebooksession}
//   (GWS API pages FacebookMessageType and FacebookPMMessageType). An unknown clientId gets
//   "402::Unknown client" with advice reconnect=handshake, as CometD servers answer.
//   [inferred] The endpoint path and that it sits behind the same session/CSRF filters are not
//   spelled out in the pages; /api/v2/notifications is assumed.
//
// [inferred] The HTTP status that accompanies a non-zero statusCode is not documented per
// operation; the table below follows the HTTP meaning of each code.
import { randomBytes, randomUUID } from 'node:crypto';
import { basicAuth, json, startEmulator } from '../lib/server.mjs';
import { GENESYS_ENGAGE, PORTS } from '../fixtures.mjs';

export const HTTP_FOR_STATUS = {
	0: 200,
	1: 400,
	2: 400,
	3: 403,
	4: 500,
	5: 403,
	6: 404,
	7: 200,
	8: 403,
	9: 202,
	10: 400,
	11: 400,
	12: 500,
	13: 500,
	14: 500,
	15: 500,
	16: 500,
	17: 500,
	18: 409,
	19: 409,
	20: 401,
};

/** The ids the emulator starts with (tests and e2e suites use them). */
export const ENGAGE = {
	userId: '63630bbebf4840d7a0bffd6312bc29ff',
	/** Outbound interaction in state Composing: the Facebook Send page's example target. */
	outboundId: '01QQQG2MU214P06D',
	/** Inbound customer post with one comment: the Reply target. */
	inboundId: '01QQQG2MU214P05R',
	commentId: '830185537037269_830632010325955',
	queuePath: '/contacts/60ebbb94-3cef-4b14-95f8-5c49dbeb355d',
	queueName: 'Facebook Follow-up',
	/** Private-messaging session already accepted by the agent (state Chatting). */
	chattingSessionId: '0000Na9B26EF003M',
	/** Private-messaging session inviting the agent (state Invited). */
	invitedSessionId: '0000Na9B26EF004N',
	otherAgentPath: '/users/7a1b2c3d4e5f60718293a4b5c6d7e8f9',
};

const gws = (statusCode, statusMessage, extra = {}) =>
	json(
		HTTP_FOR_STATUS[statusCode] ?? 400,
		statusCode === 0 ? { statusCode, ...extra } : { statusCode, statusMessage },
	);

const newId = () => randomBytes(8).toString('hex').toUpperCase().slice(0, 16);

function seed(state) {
	state.csrf = true;
	state.csrfHeader = 'X-CSRF-TOKEN';
	state.rotateCsrfEvery = 0;
	state.rotateCsrfOnNextWrite = false;
	state.features = new Set(['api-voice', 'api-multimedia']);
	state.users = {
		[GENESYS_ENGAGE.username]: {
			password: GENESYS_ENGAGE.password,
			id: ENGAGE.userId,
			firstName: 'Kristi',
			lastName: 'Sippola',
		},
	};
	// Agents who ran StartContactCenterSession; the fixture agent is logged in already.
	state.agentSessions = new Set([GENESYS_ENGAGE.username]);
	state.httpSessions = new Map();
	state.referenceId = 56;
	state.notifications = [];
	// CometD: clientId → { username, subscriptions, queue, wake }.
	state.cometClients ??= new Map();
	for (const client of state.cometClients.values()) client.wake?.();
	state.cometClients.clear();
	state.cometTimeoutMs = 2000;
	/** When true, operations publish nothing (a notification lost between GWS and the client). */
	state.cometSilent = false;
	/** When set, the next operation's notification is an Error with this message. */
	state.failNextAsync = undefined;
	state.queues = new Map([
		[ENGAGE.queuePath, ENGAGE.queueName],
		['/queues/2f0c9a7e-55b1-4c1e-9d7a-3a1f0b6c8e21', 'Facebook Inbound'],
	]);
	state.knownUsers = new Set([`/users/${ENGAGE.userId}`, ENGAGE.otherAgentPath]);
	state.interactions = new Map([
		[
			ENGAGE.outboundId,
			{
				id: ENGAGE.outboundId,
				facebookType: 'Outbound',
				state: 'Composing',
				queuePath: ENGAGE.queuePath,
				userData: {},
				sent: [],
			},
		],
		[
			ENGAGE.inboundId,
			{
				id: ENGAGE.inboundId,
				facebookType: 'Inbound',
				state: 'Processing',
				userData: {},
				comments: { [ENGAGE.commentId]: { text: 'Can you help me?' } },
				sent: [],
			},
		],
	]);
	state.sessions = new Map([
		[
			ENGAGE.chattingSessionId,
			{
				id: ENGAGE.chattingSessionId,
				state: 'Chatting',
				participants: [
					{ type: 'Customer', nickname: 'FirstL' },
					{ type: 'Agent', nickname: 'Kristi' },
				],
				transcript: [],
				comment: '',
			},
		],
		[
			ENGAGE.invitedSessionId,
			{
				id: ENGAGE.invitedSessionId,
				state: 'Invited',
				participants: [{ type: 'Customer', nickname: 'Maria' }],
				transcript: [],
				comment: '',
			},
		],
	]);
}

function cookies(headers) {
	const jar = {};
	for (const part of (headers.cookie ?? '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0) jar[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	return jar;
}

/** The Spring-style filter chain in front of every route: session, CSRF, authentication. */
function guarded(handler) {
	return async (ctx) => {
		const { state } = ctx.emulator;
		const sessionId = cookies(ctx.headers).JSESSIONID;
		let session = sessionId ? state.httpSessions.get(sessionId) : undefined;
		const unsafe = ['POST', 'PUT', 'DELETE', 'PATCH'].includes(ctx.method);
		// A token change between a client's GET and its next write (what a refresh must survive).
		if (state.rotateCsrfOnNextWrite && unsafe && session) {
			session.csrfToken = randomUUID();
			state.rotateCsrfOnNextWrite = false;
		}
		// The CSRF filter runs first: it knows only the session the cookie names.
		if (state.csrf && unsafe) {
			const sent = ctx.headers[state.csrfHeader.toLowerCase()];
			if (!session || !sent || sent !== session.csrfToken) {
				return {
					status: 403,
					body: 'Missing or invalid Csrf token',
					headers: { 'content-type': 'text/plain;charset=UTF-8' },
				};
			}
		}
		const basic = basicAuth(ctx.headers);
		let username;
		if (basic) {
			const user = state.users[basic.username];
			if (!user || user.password !== basic.password) return unauthenticated();
			username = basic.username;
		} else if (session?.username) {
			username = session.username;
		} else {
			return unauthenticated();
		}
		const headers = {};
		if (!session || session.username !== username) {
			session = {
				id: randomBytes(12).toString('hex'),
				username,
				csrfToken: randomUUID(),
				writes: 0,
			};
			state.httpSessions.set(session.id, session);
			headers['set-cookie'] = `JSESSIONID=${session.id}; Path=/; HttpOnly`;
		}
		if (state.csrf && ctx.method === 'GET') {
			headers['x-csrf-header'] = state.csrfHeader;
			headers['x-csrf-token'] = session.csrfToken;
		}
		const answer = await handler({ ...ctx, username, session });
		if (unsafe && answer.status < 300) {
			session.writes += 1;
			if (state.rotateCsrfEvery && session.writes % state.rotateCsrfEvery === 0)
				session.csrfToken = randomUUID();
		}
		return { ...answer, headers: { ...headers, ...(answer.headers ?? {}) } };
	};
}

function unauthenticated() {
	return {
		status: 401,
		body: { statusCode: 20, statusMessage: 'Access denied: the user is not authenticated' },
		headers: { 'www-authenticate': 'Basic realm="Genesys Web Services"' },
	};
}

/** Checks every media operation shares: the feature, the agent's contact-center session. */
function mediaPrecondition(ctx) {
	const { state } = ctx.emulator;
	if (!state.features.has('api-multimedia'))
		return gws(3, 'The feature api-multimedia is not enabled for this contact center');
	if (!state.agentSessions.has(ctx.username))
		return gws(2, 'The agent has no active contact center session (StartContactCenterSession)');
	if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body))
		return gws(1, 'The request body is missing');
	if (!ctx.body.operationName) return gws(1, 'operationName is missing');
	return null;
}

const isText = (v) => typeof v === 'string' && v.trim() !== '';

/** Each kind of interaction's CometD message type and topic (GWS FacebookMessageType, FacebookPMMessageType). */
const KINDS = {
	facebook: { messageType: 'FacebookStateChangeMessage', topic: '/v2/me/facebook' },
	facebooksession: {
		messageType: 'FacebooksessionStateChangeMessage',
		topic: '/v2/me/facebooksession',
	},
};

/** Records a StatusChange notification of `entity` and publishes it; returns its referenceId. */
function notify(ctx, kind, entity) {
	const { state } = ctx.emulator;
	const { messageType, topic } = KINDS[kind];
	state.referenceId += 1;
	let notification = {
		messageType,
		notificationType: 'StatusChange',
		referenceId: state.referenceId,
		[kind]: structuredClone(entity),
	};
	if (state.failNextAsync) {
		// [inferred] Error notifications carry the resource and an error text; the field name is assumed.
		notification = {
			...notification,
			notificationType: 'Error',
			errorMessage: state.failNextAsync,
		};
		state.failNextAsync = undefined;
	}
	state.notifications.push(notification);
	if (!state.cometSilent) {
		// Published after the HTTP answer, as GWS does once the backend has reported.
		setTimeout(() => publish(state, topic, notification, ctx.username), 20);
	}
	return state.referenceId;
}

/**
 * The success answer of an operation that changed `entity`, whose new state is published over
 * CometD: a Facebook operation answers with the referenceId; a session operation's documented
 * answer is {"statusCode":0} (the reference comes over CometD only).
 */
function changed(ctx, kind, entity) {
	const referenceId = notify(ctx, kind, entity);
	return kind === 'facebook' ? gws(0, undefined, { referenceId }) : gws(0);
}

function publish(state, channel, data, username) {
	for (const client of state.cometClients.values()) {
		if (client.username !== username || !client.subscriptions.has(channel)) continue;
		client.queue.push({ channel, data: structuredClone(data) });
		client.wake?.();
	}
}

/** POST /api/v2/notifications[/<type>]: the Bayeux messages of one long-polling request. */
async function cometd(ctx) {
	const { state } = ctx.emulator;
	const messages = Array.isArray(ctx.body)
		? ctx.body
		: ctx.body && typeof ctx.body === 'object'
			? [ctx.body]
			: null;
	if (!messages) return json(400, [{ successful: false, error: '400::Bad message' }]);
	const replies = [];
	// What every successful handshake and connect advises: poll again at once, held this long.
	const advice = { reconnect: 'retry', interval: 0, timeout: state.cometTimeoutMs };
	for (const message of messages) {
		const base = {
			channel: message.channel,
			...(message.id !== undefined ? { id: message.id } : {}),
		};
		const client = message.clientId ? state.cometClients.get(message.clientId) : undefined;
		const unknownClient = {
			...base,
			successful: false,
			error: '402::Unknown client',
			advice: { reconnect: 'handshake', interval: 0 },
		};
		switch (message.channel) {
			case '/meta/handshake': {
				if (
					!Array.isArray(message.supportedConnectionTypes) ||
					!message.supportedConnectionTypes.includes('long-polling')
				) {
					replies.push({
						...base,
						successful: false,
						error: '400::Unsupported connection types',
						supportedConnectionTypes: ['long-polling'],
					});
					break;
				}
				const clientId = randomBytes(12).toString('base64url');
				state.cometClients.set(clientId, {
					username: ctx.username,
					subscriptions: new Set(),
					queue: [],
					wake: undefined,
				});
				replies.push({
					...base,
					successful: true,
					clientId,
					version: '1.0',
					supportedConnectionTypes: ['long-polling'],
					advice,
				});
				break;
			}
			case '/meta/subscribe': {
				if (!client) replies.push(unknownClient);
				else if (!Object.values(KINDS).some((k) => k.topic === message.subscription))
					replies.push({
						...base,
						successful: false,
						subscription: message.subscription,
						error: `403::Unknown channel ${message.subscription}`,
					});
				else {
					client.subscriptions.add(message.subscription);
					replies.push({ ...base, successful: true, subscription: message.subscription });
				}
				break;
			}
			case '/meta/connect': {
				if (!client) {
					replies.push(unknownClient);
					break;
				}
				if (!client.queue.length) {
					await new Promise((resolve) => {
						const timer = setTimeout(resolve, state.cometTimeoutMs);
						client.wake = () => {
							clearTimeout(timer);
							resolve();
						};
					});
					client.wake = undefined;
				}
				replies.push(...client.queue.splice(0));
				replies.push({
					...base,
					successful: true,
					advice,
				});
				break;
			}
			case '/meta/disconnect': {
				if (!client) replies.push(unknownClient);
				else {
					state.cometClients.delete(message.clientId);
					client.wake?.();
					replies.push({ ...base, successful: true });
				}
				break;
			}
			default:
				replies.push({
					...base,
					successful: false,
					error: `400::Unknown channel ${message.channel}`,
				});
		}
	}
	return json(200, replies);
}

function queueCheck(state, queuePath) {
	if (!isText(queuePath)) return gws(1, 'queuePath is missing');
	if (!/^\/(queues|contacts)\/[\w-]+$/.test(queuePath))
		return gws(10, `queuePath '${queuePath}' is not a valid queue path`);
	return null;
}

function userDataCheck(userData) {
	if (userData === undefined) return null;
	if (!userData || typeof userData !== 'object' || Array.isArray(userData))
		return gws(10, 'userData must be a key-value object');
	return null;
}

/** A new outbound interaction in state Composing, as Create and Reply make it. */
function newOutbound(state, body, extra = {}) {
	const interaction = {
		id: newId(),
		facebookType: 'Outbound',
		state: 'Composing',
		...extra,
		queuePath: body.queuePath,
		userData: body.userData ?? {},
		sent: [],
	};
	state.interactions.set(interaction.id, interaction);
	return interaction;
}

function facebookCreate(ctx) {
	const { state } = ctx.emulator;
	const fail = mediaPrecondition(ctx);
	if (fail) return fail;
	if (ctx.body.operationName !== 'Create')
		return gws(10, `operationName '${ctx.body.operationName}' is not valid here`);
	const bad = queueCheck(state, ctx.body.queuePath) ?? userDataCheck(ctx.body.userData);
	if (bad) return bad;
	return changed(ctx, 'facebook', newOutbound(state, ctx.body));
}

function facebookOperation(ctx) {
	const { state } = ctx.emulator;
	const fail = mediaPrecondition(ctx);
	if (fail) return fail;
	const interaction = state.interactions.get(ctx.params.id);
	if (!interaction) return gws(6, `Facebook interaction ${ctx.params.id} was not found`);
	const body = ctx.body;
	switch (body.operationName) {
		case 'Send': {
			const bad = queueCheck(state, body.queuePath);
			if (bad) return bad;
			if (!body.facebook || typeof body.facebook !== 'object') return gws(1, 'facebook is missing');
			if (!isText(body.facebook.message)) return gws(1, 'facebook.message is missing');
			if (!isText(body.facebook.from)) return gws(1, 'facebook.from is missing');
			if (body.saveLAR !== undefined && typeof body.saveLAR !== 'boolean')
				return gws(10, 'saveLAR must be true or false');
			if (interaction.facebookType !== 'Outbound' || interaction.state !== 'Composing') {
				return gws(
					2,
					`Send is not valid for an ${interaction.facebookType} interaction in state ${interaction.state}`,
				);
			}
			interaction.state = 'Sent';
			interaction.sent.push({
				from: body.facebook.from,
				message: body.facebook.message,
				saveLAR: body.saveLAR === true,
			});
			interaction.message = body.facebook.message;
			return changed(ctx, 'facebook', interaction);
		}
		case 'Reply': {
			const bad = queueCheck(state, body.queuePath) ?? userDataCheck(body.userData);
			if (bad) return bad;
			if (interaction.facebookType !== 'Inbound')
				return gws(2, 'Reply is only valid for an inbound interaction');
			if (body.commentId !== undefined && !interaction.comments?.[body.commentId])
				return gws(6, `Comment ${body.commentId} was not found`);
			const reply = newOutbound(state, body, {
				parentId: interaction.id,
				commentId: body.commentId,
			});
			return changed(ctx, 'facebook', reply);
		}
		case 'Cancel': {
			if (interaction.state !== 'Composing')
				return gws(2, `Cancel is not valid in state ${interaction.state}`);
			interaction.state = 'Canceled';
			return changed(ctx, 'facebook', interaction);
		}
		default:
			return gws(
				10,
				`operationName '${body.operationName}' is not valid for a Facebook interaction`,
			);
	}
}

/** A refusal (statusCode 2) unless the session is in state `expected`. */
const inState = (session, body, expected) =>
	session.state === expected
		? null
		: gws(2, `${body.operationName} is not valid in state ${session.state}`);

/** The user or queue path a Transfer names (a targetUri is reduced to its path below /api/v2). */
const transferTarget = (body) =>
	body.targetPath ?? new URL(body.targetUri, 'http://x').pathname.replace(/^.*\/api\/v2/, '');

/**
 * The Facebook Private Messaging operations: `refuse` answers the first check that fails (in
 * the order GWS checks them) or null; `apply` changes the session.
 */
const SESSION_OPERATIONS = {
	Accept: {
		refuse: (session, body) =>
			inState(session, body, 'Invited') ??
			(body.nickname !== undefined && !isText(body.nickname)
				? gws(10, 'nickname must be a non-empty string')
				: null),
		apply: (session, body, ctx) => {
			session.state = 'Chatting';
			session.participants.push({
				type: 'Agent',
				nickname: body.nickname ?? ctx.emulator.state.users[ctx.username].firstName,
			});
		},
	},
	Reject: {
		refuse: (session, body) => inState(session, body, 'Invited'),
		apply: (session) => {
			session.state = 'Rejected';
		},
	},
	SendMessage: {
		refuse: (session, body) =>
			isText(body.text) ? inState(session, body, 'Chatting') : gws(1, 'text is missing'),
		apply: (session, body) => session.transcript.push({ type: 'Message', text: body.text }),
	},
	SendUrl: {
		refuse: (session, body) => {
			if (!isText(body.url)) return gws(1, 'url is missing');
			if (!/^https?:\/\/\S+$/.test(body.url))
				return gws(10, `url '${body.url}' is not a valid URL`);
			return inState(session, body, 'Chatting');
		},
		apply: (session, body) => session.transcript.push({ type: 'PushUrl', url: body.url }),
	},
	AddComment: {
		refuse: (session, body) => {
			if (typeof body.comment !== 'string') return gws(1, 'comment is missing');
			return session.state === 'Completed'
				? gws(2, 'AddComment is not valid in state Completed')
				: null;
		},
		apply: (session, body) => {
			session.comment = body.comment;
		},
	},
	Transfer: {
		refuse: (session, body, ctx) => {
			const { state } = ctx.emulator;
			if (!isText(body.targetPath ?? body.targetUri))
				return gws(1, 'targetPath or targetUri is missing');
			const path = transferTarget(body);
			if (!state.knownUsers.has(path) && !state.queues.has(path))
				return gws(6, `Transfer target ${body.targetPath ?? body.targetUri} was not found`);
			return inState(session, body, 'Chatting');
		},
		apply: (session, body) => {
			session.state = 'Transferred';
			session.transferredTo = transferTarget(body);
		},
	},
	Complete: {
		refuse: (session, body, ctx) =>
			inState(session, body, 'Chatting') ??
			(body.queueName !== undefined &&
			![...ctx.emulator.state.queues.values()].includes(body.queueName)
				? gws(6, `Queue ${body.queueName} was not found`)
				: null),
		apply: (session, body) => {
			session.state = 'Completed';
			session.placedIn = body.queueName ?? null;
		},
	},
};

/** POST /api/v2/me/facebooksessions/{id}: one handler for every session operation. */
function facebookSessionOperation(ctx) {
	const fail = mediaPrecondition(ctx);
	if (fail) return fail;
	const session = ctx.emulator.state.sessions.get(ctx.params.id);
	if (!session) return gws(6, `Facebook session ${ctx.params.id} was not found`);
	const body = ctx.body;
	const operation = Object.hasOwn(SESSION_OPERATIONS, body.operationName)
		? SESSION_OPERATIONS[body.operationName]
		: undefined;
	if (!operation)
		return gws(10, `operationName '${body.operationName}' is not valid for a Facebook session`);
	const refusal = operation.refuse(session, body, ctx);
	if (refusal) return refusal;
	operation.apply(session, body, ctx);
	return changed(ctx, 'facebooksession', session);
}

function me(ctx) {
	const user = ctx.emulator.state.users[ctx.username];
	return gws(0, undefined, {
		user: {
			id: user.id,
			userName: ctx.username,
			firstName: user.firstName,
			lastName: user.lastName,
			roles: ['ROLE_AGENT'],
			enabled: true,
			changePasswordOnFirstLogin: false,
			path: `/users/${user.id}`,
		},
	});
}

/** POST /api/v2/me: the agent's contact-center session, which media operations need. */
function meOperation(ctx) {
	const { state } = ctx.emulator;
	switch (ctx.body?.operationName) {
		case 'StartContactCenterSession':
			state.agentSessions.add(ctx.username);
			return gws(0);
		case 'EndContactCenterSession':
			state.agentSessions.delete(ctx.username);
			return gws(0);
		default:
			return gws(
				ctx.body?.operationName ? 10 : 1,
				ctx.body?.operationName
					? `operationName '${ctx.body.operationName}' is not valid here`
					: 'operationName is missing',
			);
	}
}

export async function start({ ports = PORTS, host = '127.0.0.1' } = {}) {
	const emulator = await startEmulator({
		name: 'genesys-engage',
		port: ports.genesysEngage,
		host,
		routes: [
			['GET', '/api/v2/me', guarded(me)],
			['POST', '/api/v2/me', guarded(meOperation)],
			['POST', '/api/v2/me/facebook', guarded(facebookCreate)],
			['POST', '/api/v2/me/facebook/:id', guarded(facebookOperation)],
			['POST', '/api/v2/me/facebooksessions/:id', guarded(facebookSessionOperation)],
			['POST', '/api/v2/notifications', guarded(cometd)],
			['POST', '/api/v2/notifications/:type', guarded(cometd)],
		],
		// Unknown paths still pass the filter chain first, as behind Spring Security.
		notFound: guarded(() => gws(6, 'The requested resource could not be found')),
	});
	seed(emulator.state);
	Object.assign(emulator, {
		/** Back to the starting data and settings (CSRF on, fixture agent logged in). */
		reset() {
			seed(this.state);
			this.clearRequests();
			this.clearFaults();
		},
		/** Gives every HTTP session a new CSRF token, as a token change on the server would. */
		rotateCsrf() {
			for (const session of this.state.httpSessions.values()) session.csrfToken = randomUUID();
		},
		/** Forgets every HTTP session (server restart / session timeout): old cookies stop working. */
		expireSessions() {
			this.state.httpSessions.clear();
		},
		/** Forgets every CometD client (server restart): their next message gets 402::Unknown client. */
		dropCometClients() {
			for (const client of this.state.cometClients.values()) client.wake?.();
			this.state.cometClients.clear();
		},
		interaction(id) {
			return this.state.interactions.get(id);
		},
		facebookSession(id) {
			return this.state.sessions.get(id);
		},
	});
	return emulator;
}
