// Genesys Cloud's data: messaging integrations for every channel (one store per channel, seen
// through the current /api/v2/conversations/messaging/... models or the legacy
// /api/v2/messaging/... models), stickers, and the ErrorBody every failure carries.
// Facts: the Genesys Cloud Platform API documentation (Conversations → Messaging integrations) and its SDK models.
// - Apple Messages for Business (AppleIntegration, AppleIntegrationRequest/UpdateRequest):
//   POST creates asynchronously (createStatus Initiated → Completed), PATCH updates name,
//   businessName, logoUrl and the settings references; messaging:appleIntegration:add / :edit.
// - WhatsApp embedded signup: "The returned WhatsApp integration will initially have a createStatus
//   of Initiated until the list of available phone numbers can be obtained from the provider …
//   You can then specify one of the available phone numbers in the PATCH call on the integration
//   to activate it … run a GET on the integration to check if its status has been updated to
//   Active" (POST/PATCH …/whatsapp/embeddedsignup). The SDK's WhatsApp status values are Active,
//   Inactive, Error, Starting, Incomplete, Deleting, DeletionFailed, Failed (no "Pending"): a
//   completed signup waiting for its number is Incomplete here, an activation in progress Starting.
// - LINE: SDK 201 (June 2024) "Path /api/v2/conversations/messaging/integrations/line was removed";
//   a removed path answers like any unknown one, 404 not.found (index.mjs notFound). Genesys
//   documents no 410 for it.
import { randomUUID } from 'node:crypto';

/** Thrown in handlers to answer with a Genesys ErrorBody. */
export class GenesysFailure extends Error {
	constructor(status, code, message, extra = {}) {
		super(message);
		this.status = status;
		this.code = code;
		this.extra = extra;
	}
}

export const fail = (status, code, message, extra) => {
	throw new GenesysFailure(status, code, message, extra);
};

/** ErrorBody: message, code, status, contextId (= the ININ-Correlation-Id header), details, errors. */
export function errorBody(failure, contextId) {
	return {
		message: failure.message,
		code: failure.code,
		status: failure.status,
		...(failure.extra.messageWithParams
			? { messageWithParams: failure.extra.messageWithParams }
			: {}),
		...(failure.extra.messageParams ? { messageParams: failure.extra.messageParams } : {}),
		...(failure.extra.entityId ? { entityId: failure.extra.entityId } : {}),
		contextId,
		details: failure.extra.details ?? [],
		errors: failure.extra.errors ?? [],
	};
}

export function missingPermission(permission) {
	fail(
		403,
		'missing.permissions',
		`Unable to perform the requested action. You are missing the following permission(s): [${permission}]`,
		{
			messageWithParams:
				'Unable to perform the requested action. You are missing the following permission(s): {permissions}',
			messageParams: { permissions: `[${permission}]` },
		},
	);
}

const required = (body, field) => {
	if (body?.[field] === undefined || body[field] === null || body[field] === '') {
		fail(400, 'required.field.missing', `The field '${field}' is required.`, {
			details: [{ errorCode: 'required.field.missing', fieldName: field }],
		});
	}
};

/** Which channels each API serves, and with which item verbs. */
export const CHANNELS = {
	current: {
		apple: { update: 'PATCH', asyncCreate: true },
		facebook: { update: 'PATCH', asyncCreate: true },
		instagram: { update: 'PATCH', asyncCreate: true },
		open: { update: 'PATCH' },
		twitter: { update: 'PATCH' },
		whatsapp: { update: 'PATCH', asyncCreate: true },
	},
	legacy: {
		facebook: {},
		line: { update: 'PUT' },
		twitter: {},
	},
};

export const BASE = {
	current: '/api/v2/conversations/messaging/integrations',
	legacy: '/api/v2/messaging/integrations',
};

export const ADD_PERMISSION = {
	apple: 'messaging:appleIntegration:add',
	facebook: 'messaging:integration:add',
	instagram: 'messaging:conversationInstagramIntegration:add',
	open: 'messaging:integration:add',
	twitter: 'messaging:XIntegration:add',
	whatsapp: 'messaging:whatsappIntegration:add',
	line: 'messaging:integration:add',
};

/** A page token the emulated Facebook refuses: the asynchronous create ends in Error. */
export const REJECTED_PAGE_TOKEN = 'EAAemulatorRevokedPageToken';

/** The numbers an embedded signup finds on the WhatsApp Business Account. */
export const WHATSAPP_AVAILABLE_NUMBERS = [
	{ name: 'Bridge Support', phoneNumber: '+15550100001', status: 'VERIFIED' },
	{ name: 'Bridge Sales', phoneNumber: '+15550100002', status: 'VERIFIED' },
];
/** A two-step verification PIN WhatsApp refuses: the activation ends in ActivationFailed. */
export const REJECTED_WHATSAPP_PIN = '000000';

export const SUPPORTED_CONTENT = [
	{
		id: 'c0e5d4f2-1a3b-4c5d-8e9f-000000000001',
		name: 'Default supported content',
		mediaTypes: { allow: { inbound: [{ type: 'image/*' }], outbound: [{ type: 'image/*' }] } },
	},
	{
		id: 'c0e5d4f2-1a3b-4c5d-8e9f-000000000002',
		name: 'Text only',
		mediaTypes: { allow: { inbound: [], outbound: [] } },
	},
];
export const MESSAGING_SETTINGS = [
	{ id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Default messaging setting' },
	{ id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Typing indicators off' },
];

const ref = (list, id, expand, kind) => {
	if (!id) return undefined;
	const found = list.find((x) => x.id === id);
	const selfUri = `/api/v2/conversations/messaging/${kind}/${id}`;
	return expand && found ? { ...found, selfUri } : { id, selfUri };
};

export function createState() {
	return {
		/** channel → Map(id → stored integration, the union of every model's fields). */
		integrations: new Map(),
		/** GETs an integration answers with createStatus Initiated before it settles. */
		pollsToSettle: 1,
		stickers: makeStickers(130),
		seq: 0,
	};
}

function store(state, channel) {
	if (!state.integrations.has(channel)) state.integrations.set(channel, new Map());
	return state.integrations.get(channel);
}

function makeStickers(count) {
	return Array.from({ length: count }, (_, i) => ({
		id: `line-sticker-${i + 1}`,
		name: `Sticker ${i + 1}`,
		providerStickerId: 52002734 + i,
		providerPackageId: 11537 + Math.floor(i / 40),
		packageName: `Package ${Math.floor(i / 40) + 1}`,
		messengerType: 'line',
		stickerType: i % 3 === 0 ? 'free' : 'standard',
		providerVersion: 1,
		uriLocation: `https://stickershop.line-scdn.net/stickershop/v1/sticker/${52002734 + i}/android/sticker.png`,
		selfUri: `/api/v2/messaging/stickers/line/line-sticker-${i + 1}`,
	}));
}

export function stickersFor(state, messengerType) {
	const allowed = [
		'sms',
		'facebook',
		'twitter',
		'line',
		'whatsapp',
		'webmessaging',
		'instagram',
		'open',
	];
	if (!allowed.includes(messengerType)) {
		fail(
			400,
			'invalid.value',
			`Value [${messengerType}] is not valid for field messengerType. Allowable values are: ${allowed.join(', ')}`,
		);
	}
	return state.stickers.filter((s) => s.messengerType === messengerType);
}

const pageIdFromToken = (token) => /^EAAemulatorPageToken(\d+)$/.exec(token ?? '')?.[1];

const who = {
	id: 'b7e3c2a1-5d4f-4e3a-9c8b-7a6f5e4d3c2b',
	name: 'Emulator OAuth client',
	selfUri: '/api/v2/users/b7e3c2a1-5d4f-4e3a-9c8b-7a6f5e4d3c2b',
};

/** Validates a create body as the API does and stores the integration. */
export function createIntegration(state, api, channel, body, { embeddedSignup = false } = {}) {
	required(body, 'name');
	const now = new Date().toISOString();
	const id = randomUUID();
	const entity = {
		id,
		name: body.name,
		dateCreated: now,
		dateModified: now,
		createdBy: who,
		modifiedBy: who,
		version: 1,
		status: 'Active',
		pollsLeft: 0,
	};
	if (api === 'current') {
		if (body.supportedContent?.id) entity.supportedContentId = body.supportedContent.id;
		if (body.messagingSetting?.id) entity.messagingSettingId = body.messagingSetting.id;
		entity.createStatus = 'Completed';
	}
	if (channel === 'facebook' || channel === 'instagram') {
		if (api === 'legacy') required(body, 'appId');
		if (!body.pageAccessToken && !body.userAccessToken) {
			fail(
				400,
				'required.field.missing',
				'Either pageAccessToken or userAccessToken is required.',
				{ details: [{ errorCode: 'required.field.missing', fieldName: 'pageAccessToken' }] },
			);
		}
		if (body.userAccessToken && !body.pageId) {
			fail(400, 'required.field.missing', 'pageId is required when userAccessToken is given.', {
				details: [{ errorCode: 'required.field.missing', fieldName: 'pageId' }],
			});
		}
		if (body.appId) required(body, 'appSecret');
		const pageId =
			body.pageId ?? pageIdFromToken(body.pageAccessToken) ?? String(104000000000000 + ++state.seq);
		for (const other of store(state, channel).values()) {
			if (other.pageId === pageId && other.createStatus !== 'Error') {
				fail(409, 'conflict', `An integration already exists for page ${pageId}.`, {
					entityId: other.id,
				});
			}
		}
		Object.assign(entity, {
			appId: body.appId ?? 'genesys-cloud-facebook-app',
			pageId,
			pageName: `Page ${pageId}`,
		});
		if (channel === 'instagram')
			Object.assign(entity, {
				instagramId: `1784${pageId.slice(-11)}`,
				instagramUsername: `ig_${pageId.slice(-6)}`,
			});
		if (api === 'current') {
			entity.createStatus = 'Initiated';
			entity.pollsLeft = state.pollsToSettle;
			entity.status = 'Starting';
			entity.settlesTo = body.pageAccessToken === REJECTED_PAGE_TOKEN ? 'Error' : 'Completed';
		}
	} else if (channel === 'open') {
		required(body, 'outboundNotificationWebhookUrl');
		required(body, 'outboundNotificationWebhookSignatureSecretToken');
		if (!/^https:\/\//.test(body.outboundNotificationWebhookUrl)) {
			fail(400, 'invalid.value', 'outboundNotificationWebhookUrl must be an https URL.', {
				details: [{ errorCode: 'invalid.value', fieldName: 'outboundNotificationWebhookUrl' }],
			});
		}
		Object.assign(entity, {
			outboundNotificationWebhookUrl: body.outboundNotificationWebhookUrl,
			outboundNotificationWebhookSignatureSecretToken:
				body.outboundNotificationWebhookSignatureSecretToken,
			webhookHeaders: body.webhookHeaders ?? {},
		});
	} else if (channel === 'twitter' && api === 'current') {
		for (const field of ['signupCode', 'appId', 'codeChallenge', 'redirectUri'])
			required(body, field);
		Object.assign(entity, {
			twitterAppId: body.appId,
			username: 'emulator_x_account',
			userId: '1470000000000000001',
		});
	} else if (channel === 'twitter') {
		for (const field of [
			'accessTokenKey',
			'accessTokenSecret',
			'consumerKey',
			'consumerSecret',
			'tier',
		])
			required(body, field);
		if (!['premium', 'enterprise'].includes(body.tier))
			fail(
				400,
				'invalid.value',
				`Value [${body.tier}] is not valid for field tier. Allowable values are: premium, enterprise`,
			);
		if (body.tier === 'premium') required(body, 'envName');
		Object.assign(entity, {
			accessTokenKey: body.accessTokenKey,
			consumerKey: body.consumerKey,
			tier: body.tier,
			envName: body.envName,
			username: 'emulator_twitter',
			userId: '1470000000000000002',
		});
	} else if (channel === 'whatsapp') {
		if (!embeddedSignup)
			fail(
				400,
				'bad.request',
				'Creating WhatsApp integrations with a WABA certificate is deprecated; use the embedded signup.',
			);
		required(body, 'embeddedSignupAccessToken');
		Object.assign(entity, {
			whatsAppBusinessAccountId: '102290129340398',
			createStatus: 'Initiated',
			pollsLeft: state.pollsToSettle,
			settlesTo: 'Completed',
			// Once Completed: the numbers found, and no number of its own until activated.
			settledStatus: 'Incomplete',
			status: 'Starting',
		});
	} else if (channel === 'apple') {
		required(body, 'messagesForBusinessId');
		for (const other of store(state, channel).values()) {
			if (other.messagesForBusinessId === body.messagesForBusinessId) {
				fail(
					409,
					'conflict',
					`An integration already exists for Messages for Business ID ${body.messagesForBusinessId}.`,
					{ entityId: other.id },
				);
			}
		}
		Object.assign(entity, {
			messagesForBusinessId: body.messagesForBusinessId,
			businessName: body.businessName,
			logoUrl: body.logoUrl,
			createStatus: 'Initiated',
			pollsLeft: state.pollsToSettle,
			settlesTo: 'Completed',
			status: 'Starting',
		});
	} else if (channel === 'line') {
		for (const field of ['channelId', 'channelSecret']) required(body, field);
		Object.assign(entity, {
			channelId: body.channelId,
			switcherSecret: body.switcherSecret,
			serviceCode: body.serviceCode,
			webhookUri: `https://messaging.mypurecloud.com/line/${id}`,
		});
	}
	store(state, channel).set(id, entity);
	return entity;
}

/** Makes N settled integrations at once (fixtures for listings and benchmarks). */
export function seedIntegrations(state, channel, count, prefix = 'Seeded') {
	const now = new Date().toISOString();
	const map = store(state, channel);
	const start = map.size;
	for (let i = 0; i < count; i++) {
		const id = randomUUID();
		const n = start + i + 1;
		map.set(id, {
			id,
			name: `${prefix} ${channel} ${String(n).padStart(5, '0')}`,
			dateCreated: now,
			dateModified: now,
			createdBy: who,
			modifiedBy: who,
			version: 1,
			status: 'Active',
			createStatus: 'Completed',
			pollsLeft: 0,
			...(channel === 'facebook' || channel === 'instagram'
				? {
						appId: 'genesys-cloud-facebook-app',
						pageId: String(900000000000000 + n),
						pageName: `Seeded page ${n}`,
					}
				: {}),
			...(channel === 'line'
				? {
						channelId: `${1650000000 + n}`,
						webhookUri: `https://messaging.mypurecloud.com/line/${id}`,
					}
				: {}),
			...(channel === 'open'
				? {
						outboundNotificationWebhookUrl: 'https://example.com/genesys',
						outboundNotificationWebhookSignatureSecretToken: 'seeded-secret',
						webhookHeaders: {},
					}
				: {}),
			...(channel === 'whatsapp' ? { phoneNumber: `+1555010${String(n).padStart(4, '0')}` } : {}),
			supportedContentId: SUPPORTED_CONTENT[n % 2].id,
			messagingSettingId: MESSAGING_SETTINGS[n % 2].id,
		});
	}
}

export function findIntegration(state, channel, id) {
	const entity = store(state, channel).get(id);
	if (!entity) fail(404, 'not.found', `Integration ${id} not found.`, { entityId: id });
	return entity;
}

/** Each GET of an Initiated integration counts down; at zero it settles (so does an activation). */
export function observe(entity) {
	if (entity.activation) {
		observeActivation(entity);
		return;
	}
	if (entity.createStatus !== 'Initiated') return;
	if (entity.pollsLeft > 0) {
		entity.pollsLeft -= 1;
		return;
	}
	entity.createStatus = entity.settlesTo;
	entity.status = entity.settlesTo === 'Error' ? 'Error' : (entity.settledStatus ?? 'Active');
	if (entity.settledStatus === 'Incomplete')
		entity.availablePhoneNumbers = { entities: WHATSAPP_AVAILABLE_NUMBERS };
	if (entity.settlesTo === 'Error') {
		entity.createError = {
			message:
				'Facebook rejected the page access token: Error validating access token: The session has been invalidated.',
			code: 'facebook.token.invalid',
			status: 400,
			details: [],
			errors: [],
		};
	}
}

export function listIntegrations(state, api, channel, query) {
	let list = [...store(state, channel).values()];
	if (query['supportedContent.id'])
		list = list.filter((e) => e.supportedContentId === query['supportedContent.id']);
	if (query['messagingSetting.id'])
		list = list.filter((e) => e.messagingSettingId === query['messagingSetting.id']);
	return list;
}

/** The stored entity seen through the API's model (the legacy one has no async create, no settings). */
export function view(entity, api, channel, expand = []) {
	const selfUri = `${BASE[api]}/${channel}/${entity.id}`;
	const common = { id: entity.id, name: entity.name };
	const recipient = {
		id: `rcp-${entity.id.slice(0, 8)}`,
		name: entity.name,
		selfUri: `/api/v2/routing/message/recipients/rcp-${entity.id.slice(0, 8)}`,
	};
	const tail = {
		status: entity.status,
		recipient,
		dateCreated: entity.dateCreated,
		dateModified: entity.dateModified,
		createdBy: entity.createdBy,
		modifiedBy: entity.modifiedBy,
	};
	const currentExtra =
		api === 'current'
			? {
					supportedContent: ref(
						SUPPORTED_CONTENT,
						entity.supportedContentId,
						expand.includes('supportedContent'),
						'supportedcontent',
					),
					messagingSetting: ref(
						MESSAGING_SETTINGS,
						entity.messagingSettingId,
						expand.includes('messagingSetting'),
						'settings',
					),
				}
			: {};
	const created =
		api === 'current'
			? {
					createStatus: entity.createStatus,
					...(entity.createError ? { createError: entity.createError } : {}),
				}
			: {};
	let fields = {};
	if (channel === 'facebook')
		fields = {
			appId: entity.appId,
			pageId: entity.pageId,
			...(api === 'current'
				? {
						pageName: entity.pageName,
						pageProfileImageUrl: `https://graph.facebook.com/${entity.pageId}/picture`,
					}
				: {}),
		};
	if (channel === 'instagram')
		fields = {
			appId: entity.appId,
			pageId: entity.pageId,
			instagramId: entity.instagramId,
			instagramUsername: entity.instagramUsername,
			instagramName: entity.pageName,
		};
	if (channel === 'open')
		fields = {
			outboundNotificationWebhookUrl: entity.outboundNotificationWebhookUrl,
			outboundNotificationWebhookSignatureSecretToken:
				entity.outboundNotificationWebhookSignatureSecretToken,
			webhookHeaders: entity.webhookHeaders,
		};
	if (channel === 'twitter' && api === 'legacy')
		fields = {
			accessTokenKey: entity.accessTokenKey,
			consumerKey: entity.consumerKey,
			username: entity.username,
			userId: entity.userId,
			tier: entity.tier,
			envName: entity.envName,
		};
	if (channel === 'whatsapp')
		fields = {
			...(entity.phoneNumber ? { phoneNumber: entity.phoneNumber } : {}),
			...(entity.availablePhoneNumbers
				? { availablePhoneNumbers: entity.availablePhoneNumbers }
				: {}),
			whatsAppBusinessAccountId: entity.whatsAppBusinessAccountId,
			...(entity.activationStatusCode ? { activationStatusCode: entity.activationStatusCode } : {}),
			...(entity.activationErrorInfo ? { activationErrorInfo: entity.activationErrorInfo } : {}),
		};
	if (channel === 'apple')
		fields = {
			messagesForBusinessId: entity.messagesForBusinessId,
			...(entity.businessName ? { businessName: entity.businessName } : {}),
			...(entity.logoUrl ? { logoUrl: entity.logoUrl } : {}),
		};
	if (channel === 'line') fields = { channelId: entity.channelId, webhookUri: entity.webhookUri };
	const version = channel === 'open' ? {} : { version: entity.version };
	return { ...common, ...currentExtra, ...fields, ...tail, ...version, ...created, selfUri };
}

const UPDATABLE = {
	apple: ['name', 'businessName', 'logoUrl'],
	facebook: ['name', 'pageAccessToken', 'userAccessToken'],
	instagram: ['name', 'pageAccessToken', 'userAccessToken'],
	open: [
		'name',
		'outboundNotificationWebhookUrl',
		'outboundNotificationWebhookSignatureSecretToken',
		'webhookHeaders',
	],
	twitter: ['name', 'signupCode', 'codeChallenge', 'redirectUri'],
	whatsapp: ['name'],
	line: ['name', 'channelId', 'channelSecret', 'switcherSecret', 'serviceCode'],
};

export function updateIntegration(entity, channel, method, body) {
	if (method === 'PUT') required(body, 'name');
	if (channel === 'open') required(body, 'name');
	if (body?.version !== undefined && body.version !== entity.version) {
		fail(
			409,
			'version.mismatch',
			`The version ${body.version} does not match the current version ${entity.version}.`,
			{ entityId: entity.id },
		);
	}
	for (const field of UPDATABLE[channel])
		if (body?.[field] !== undefined) entity[field] = body[field];
	if (body?.supportedContent?.id) entity.supportedContentId = body.supportedContent.id;
	if (body?.messagingSetting?.id) entity.messagingSettingId = body.messagingSetting.id;
	entity.version += 1;
	entity.dateModified = new Date().toISOString();
	return entity;
}

/**
 * PATCH …/whatsapp/embeddedsignup/{id}: phoneNumber (one of availablePhoneNumbers) and pin, both
 * required, once createStatus is Completed. The number registers over the next GETs (Starting →
 * Active); REJECTED_WHATSAPP_PIN ends it in ActivationFailed.
 */
export function activateWhatsApp(state, entity, body, pollsToSettle = state.pollsToSettle) {
	required(body, 'phoneNumber');
	required(body, 'pin');
	if (entity.createStatus !== 'Completed') {
		fail(
			400,
			'bad.request',
			`The integration ${entity.id} cannot be activated while its createStatus is ${entity.createStatus}.`,
			{ entityId: entity.id },
		);
	}
	if (entity.status === 'Active' || entity.status === 'Starting') {
		fail(409, 'conflict', `The integration ${entity.id} is already activated.`, {
			entityId: entity.id,
		});
	}
	const numbers = (entity.availablePhoneNumbers?.entities ?? []).map((n) => n.phoneNumber);
	if (!numbers.includes(body.phoneNumber)) {
		fail(
			400,
			'invalid.value',
			`Value [${body.phoneNumber}] is not valid for field phoneNumber. Allowable values are: ${numbers.join(', ')}`,
			{ details: [{ errorCode: 'invalid.value', fieldName: 'phoneNumber' }] },
		);
	}
	if (!/^\d{6}$/.test(String(body.pin))) {
		fail(400, 'invalid.value', 'The pin must be the 6-digit two-step verification PIN.', {
			details: [{ errorCode: 'invalid.value', fieldName: 'pin' }],
		});
	}
	if (body.name) entity.name = body.name;
	Object.assign(entity, {
		phoneNumber: body.phoneNumber,
		status: 'Starting',
		activationStatusCode: 'CodeConfirmed',
		activation: {
			pollsLeft: pollsToSettle,
			fails: body.pin === REJECTED_WHATSAPP_PIN,
		},
		version: entity.version + 1,
		dateModified: new Date().toISOString(),
	});
	delete entity.activationErrorInfo;
	return entity;
}

function observeActivation(entity) {
	if (entity.activation.pollsLeft > 0) {
		entity.activation.pollsLeft -= 1;
		return;
	}
	if (entity.activation.fails) {
		Object.assign(entity, {
			status: 'Error',
			activationStatusCode: 'ActivationFailed',
			activationErrorInfo: {
				message: 'WhatsApp refused the two-step verification PIN of the phone number.',
				code: 'whatsapp.activation.failed',
				status: 400,
				details: [],
				errors: [],
			},
		});
	} else {
		entity.status = 'Active';
	}
	delete entity.activation;
}

export function deleteIntegration(state, channel, id) {
	findIntegration(state, channel, id);
	store(state, channel).delete(id);
}
