// Genesys Cloud Open Messaging, the inbound side: what a bridge posts on the customer's behalf to
// /api/v2/conversations/messages/{integrationId}/inbound/open/message | event | receipt |
// structured/response. Bodies are checked against the SDK models (OpenInboundNormalizedMessage,
// OpenInboundNormalizedEvent, OpenInboundNormalizedReceipt, OpenInboundStructuredResponseMessage)
// and refused with Genesys' ErrorBody (400, details[].fieldName); an unknown integration is a
// 404; the per-token rate limit of index.mjs answers 429 + Retry-After. Every accepted arrival is
// recorded per integration for tests. Genesys documents channel.messageId as "the unique provider
// ID of the message" but no de-duplication on it, so a repeat is recorded (and shown) again: the
// node's own once-per-ID sending is what keeps the agent's view clean.
// @see https://developer.genesys.cloud/commdigital/digital/openmessaging/inboundMessages
import { randomUUID } from 'node:crypto';
import { json } from '../lib/server.mjs';
import { fail, findIntegration } from './model.mjs';

const ID_TYPES = ['Email', 'Phone', 'Opaque'];
const MEDIA_TYPES = ['Image', 'Video', 'Audio', 'File', 'Link'];
const BUTTON_TYPES = ['Button', 'QuickReply', 'DatePicker'];
const EVENT_TYPES = ['Typing'];
const RECEIPT_STATUSES = ['Sent', 'Delivered', 'Read', 'Failed', 'Published', 'Removed'];
const REASON_CODES = [
	'MessageExpired',
	'RateLimited',
	'MessageNotAllowed',
	'GeneralError',
	'UnsupportedMessage',
	'UnknownMessage',
	'InvalidMessageStructure',
	'InvalidDestination',
	'ServerError',
	'MediaTypeNotAllowed',
	'InvalidMediaContentLength',
	'RecipientOptedOut',
];
/** The Open channel's text limit (Resource Center: "Open API: 4000"). */
const MAX_TEXT = 4000;

const missing = (field) =>
	fail(400, 'required.field.missing', `The field '${field}' is required.`, {
		details: [{ errorCode: 'required.field.missing', fieldName: field }],
	});
const invalid = (field, message) =>
	fail(400, 'invalid.value', message, {
		details: [{ errorCode: 'invalid.value', fieldName: field }],
	});
const isText = (v) => typeof v === 'string' && v.trim() !== '';

function checkTime(value, field) {
	if (!isText(value)) missing(field);
	if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value)))
		invalid(field, `Value [${value}] is not valid for field type [${field}]. ISO-8601 expected.`);
}

function checkRecipient(recipient, field) {
	if (!recipient || typeof recipient !== 'object') missing(field);
	if (!isText(recipient.id)) missing(`${field}.id`);
	if (field === 'channel.from' && !isText(recipient.idType)) missing(`${field}.idType`);
	if (recipient.idType !== undefined && !ID_TYPES.includes(recipient.idType))
		invalid(
			`${field}.idType`,
			`Value [${recipient.idType}] is not valid for field type [idType]. Allowable values are: ${ID_TYPES.join(', ')}`,
		);
}

function checkChannel(channel, { withMessageId }) {
	if (!channel || typeof channel !== 'object') missing('channel');
	checkRecipient(channel.from, 'channel.from');
	checkTime(channel.time, 'channel.time');
	if (withMessageId && channel.messageId !== undefined && typeof channel.messageId !== 'string')
		invalid('channel.messageId', 'channel.messageId must be a string.');
}

function checkMessage(body) {
	checkChannel(body.channel, { withMessageId: true });
	const content = body.content ?? [];
	if (!Array.isArray(content)) invalid('content', 'content must be a list.');
	if (!isText(body.text) && !content.length)
		fail(400, 'bad.request', 'The message must have text or content.', {
			details: [{ errorCode: 'required.field.missing', fieldName: 'text' }],
		});
	if (typeof body.text === 'string' && body.text.length > MAX_TEXT)
		invalid('text', `The text of the message exceeds the maximum length of ${MAX_TEXT}.`);
	content.forEach((element, i) => {
		const field = `content[${i}].attachment`;
		const unknown = Object.keys(element ?? {}).filter((k) => k !== 'attachment');
		if (unknown.length)
			invalid(`content[${i}].${unknown[0]}`, `Unrecognized field "${unknown[0]}".`);
		const a = element?.attachment;
		if (!a) missing(field);
		if (!MEDIA_TYPES.includes(a.mediaType))
			invalid(
				`${field}.mediaType`,
				`Value [${a.mediaType}] is not valid for field type [mediaType].`,
			);
		if (!isText(a.url)) missing(`${field}.url`);
		if (!/^https?:\/\//.test(a.url)) invalid(`${field}.url`, 'The attachment url must be http(s).');
		if (!isText(a.mime)) missing(`${field}.mime`);
	});
	if (body.metadata !== undefined) {
		for (const [k, v] of Object.entries(body.metadata))
			if (typeof v !== 'string') invalid(`metadata.${k}`, 'Metadata values must be strings.');
	}
}

function checkStructuredResponse(body) {
	checkChannel(body.channel, { withMessageId: true });
	const b = body.buttonResponse;
	if (!b) missing('buttonResponse');
	if (!BUTTON_TYPES.includes(b.type))
		invalid('buttonResponse.type', `Value [${b.type}] is not valid for field type [type].`);
	if (!isText(b.text)) missing('buttonResponse.text');
	if (!isText(b.payload)) missing('buttonResponse.payload');
	if (!isText(body.originatingMessageId)) missing('originatingMessageId');
}

function checkEvent(body) {
	checkChannel(body.channel, { withMessageId: false });
	if (!Array.isArray(body.events) || !body.events.length) missing('events');
	for (const [i, e] of body.events.entries())
		if (!EVENT_TYPES.includes(e?.eventType))
			invalid(
				`events[${i}].eventType`,
				`Value [${e?.eventType}] is not valid for field type [eventType].`,
			);
}

function checkReceipt(body) {
	if (!isText(body.id)) missing('id');
	if (!body.channel || typeof body.channel !== 'object') missing('channel');
	checkRecipient(body.channel.to, 'channel.to');
	checkTime(body.channel.time, 'channel.time');
	if (!RECEIPT_STATUSES.includes(body.status))
		invalid('status', `Value [${body.status}] is not valid for field type [status].`);
	for (const [i, r] of (body.reasons ?? []).entries()) {
		if (!isText(r?.message)) missing(`reasons[${i}].message`);
		if (r.code !== undefined && !REASON_CODES.includes(r.code))
			invalid(`reasons[${i}].code`, `Value [${r.code}] is not valid for field type [code].`);
	}
}

const genesysId = () => randomUUID().replaceAll('-', '');

/** State and test helpers, on the emulator's shared state as `openInbound`. */
function createInboundState() {
	const state = {
		/** integrationId → [{ kind, body, answer, at }] */
		arrivals: new Map(),
		/** Failures to answer before the next arrivals: [{ status, retryAfter, code, message }]. */
		failures: [],
		listeners: new Set(),
		arrivalsOf(integrationId, kind) {
			const list = state.arrivals.get(integrationId) ?? [];
			return kind ? list.filter((a) => a.kind === kind) : list;
		},
		failNext(failure, times = 1) {
			for (let i = 0; i < times; i++) state.failures.push(failure);
		},
		/** Resolves with the integration's arrivals once there are `count` of `kind`. */
		waitFor(integrationId, count, kind = 'message', timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const list = state.arrivalsOf(integrationId, kind);
					if (list.length < count) return false;
					state.listeners.delete(check);
					clearTimeout(timer);
					resolve(list);
					return true;
				};
				const timer = setTimeout(() => {
					state.listeners.delete(check);
					reject(
						new Error(`${count} ${kind} arrival(s) for ${integrationId} not in ${timeoutMs} ms`),
					);
				}, timeoutMs);
				if (!check()) state.listeners.add(check);
			});
		},
		reset() {
			state.arrivals.clear();
			state.failures.length = 0;
		},
	};
	return state;
}

function record(shared, integrationId, kind, body, answer) {
	const state = shared.openInbound;
	if (!state.arrivals.has(integrationId)) state.arrivals.set(integrationId, []);
	state.arrivals.get(integrationId).push({ kind, body, answer, at: Date.now() });
	for (const listener of [...state.listeners]) listener();
}

/** The routes of the inbound endpoints, through index.mjs's `handle` (token, rate limit, ErrorBody). */
export function openMessagingInboundRoutes({ shared, handle }) {
	shared.openInbound ??= createInboundState();
	const base = '/api/v2/conversations/messages/:integrationId/inbound/open';
	const endpoint = (suffix, kind, check, answerOf) => [
		'POST',
		`${base}/${suffix}`,
		handle(null, (ctx) => {
			const injected = shared.openInbound.failures.shift();
			if (injected) {
				const headers = injected.retryAfter ? { 'Retry-After': String(injected.retryAfter) } : {};
				return json(
					injected.status,
					{
						message: injected.message ?? 'Injected failure',
						code:
							injected.code ??
							(injected.status === 429 ? 'too.many.requests.retry.after' : 'internal.server.error'),
						status: injected.status,
						contextId: randomUUID(),
						details: [],
						errors: [],
					},
					headers,
				);
			}
			const integration = findIntegration(shared, 'open', ctx.params.integrationId);
			const body = ctx.body ?? {};
			if (typeof body !== 'object' || Array.isArray(body))
				fail(400, 'bad.request', 'The request body is not an object.');
			check(body);
			const answer = answerOf(body, integration);
			record(shared, integration.id, kind, body, answer);
			return json(200, answer);
		}),
	];
	const channelOf = (body, integration) => ({
		id: integration.id,
		platform: 'Open',
		type: 'Private',
		...(body.channel.messageId !== undefined ? { messageId: body.channel.messageId } : {}),
		to: { id: integration.id },
		from: body.channel.from,
		time: body.channel.time,
	});
	return [
		endpoint('message', 'message', checkMessage, (body, integration) => ({
			id: genesysId(),
			channel: channelOf(body, integration),
			type: 'Text',
			...(body.text !== undefined ? { text: body.text } : {}),
			...(body.content?.length
				? {
						content: body.content.map((c) => ({
							contentType: 'Attachment',
							attachment: { id: genesysId(), ...c.attachment },
						})),
					}
				: {}),
			...(body.metadata ? { metadata: body.metadata } : {}),
			direction: 'Inbound',
		})),
		endpoint(
			'structured/response',
			'structuredResponse',
			checkStructuredResponse,
			(body, integration) => ({
				id: genesysId(),
				channel: channelOf(body, integration),
				type: 'Structured',
				content: [{ contentType: 'ButtonResponse', buttonResponse: body.buttonResponse }],
				originatingMessageId: body.originatingMessageId,
				direction: 'Inbound',
			}),
		),
		endpoint('event', 'event', checkEvent, (body, integration) => ({
			id: genesysId(),
			channel: channelOf(body, integration),
			type: 'Event',
			events: body.events,
			direction: 'Inbound',
		})),
		endpoint('receipt', 'receipt', checkReceipt, (body, integration) => ({
			id: body.id,
			channel: {
				id: integration.id,
				platform: 'Open',
				type: 'Private',
				to: body.channel.to,
				time: body.channel.time,
			},
			status: body.status,
			...(body.reasons ? { reasons: body.reasons } : {}),
			...(body.isFinalReceipt !== undefined ? { isFinalReceipt: body.isFinalReceipt } : {}),
			direction: 'Outbound',
		})),
	];
}
