// Messenger/Instagram webhook payloads as Meta sends them, for the trigger's tests and bench:
// JSON with non-ASCII characters escaped as lower-case \uXXXX and "/" escaped as "\/" (the bytes
// Meta signs), and the X-Hub-Signature(-256) headers computed over exactly those bytes.
// Shapes from Meta's Messenger Platform documentation (Webhook events: messages, postbacks, echoes, standby).
import { createHmac } from 'node:crypto';

export const PAGE_ID = '104000000000001';
export const IG_ID = '17841400000000001';
export const PSID = '24000000000000001';
export const IGSID = '6100000000000001';
export const T = 1763719200123; // ms

/** JSON.stringify, then escaped the way Meta escapes what it signs. */
export function metaJson(value) {
	return JSON.stringify(value)
		.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
		.replace(/\//g, '\\/');
}

export function signatureHeaders(raw, secret, { sha256 = true, sha1 = true } = {}) {
	const headers = { 'content-type': 'application/json' };
	if (sha256)
		headers['x-hub-signature-256'] =
			`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
	if (sha1)
		headers['x-hub-signature'] = `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;
	return headers;
}

const base = (over = {}) => ({
	sender: { id: PSID },
	recipient: { id: PAGE_ID },
	timestamp: T,
	...over,
});

/** One messaging event of every type Messenger documents (object page). */
export const pageEvents = {
	message: base({
		message: {
			mid: 'm_text1',
			text: 'Grüße äöå 😀 https://example.com/a/b 03/03/2000 ada@example.com <b>',
		},
	}),
	quickReply: base({
		message: { mid: 'm_qr1', text: 'Red', quick_reply: { payload: 'COLOR_RED' } },
	}),
	attachment: base({
		message: {
			mid: 'm_img1',
			attachments: [{ type: 'image', payload: { url: 'https://cdn.example/x/y.png' } }],
		},
	}),
	echo: {
		sender: { id: PAGE_ID },
		recipient: { id: PSID },
		timestamp: T + 1,
		message: {
			mid: 'm_echo1',
			is_echo: true,
			app_id: 1234567890123456,
			metadata: 'from-n8n',
			text: 'Hi 👋',
		},
	},
	postback: base({
		postback: {
			mid: 'm_pb1',
			title: 'Get Started',
			payload: 'GET_STARTED',
			referral: { ref: 'ad1', source: 'ADS', type: 'OPEN_THREAD' },
		},
	}),
	delivery: base({ delivery: { mids: ['m_text1'], watermark: T + 5 } }),
	read: base({ read: { watermark: T + 6 } }),
	reaction: base({ reaction: { mid: 'm_text1', action: 'react', reaction: 'love', emoji: '❤️' } }),
	unreact: base({ timestamp: T + 7, reaction: { mid: 'm_text1', action: 'unreact' } }),
	referral: base({ referral: { ref: 'spring-sale', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
	optin: base({
		optin: {
			type: 'notification_messages',
			payload: 'NEWS',
			notification_messages_token: 'tok',
			token_expiry_timestamp: T + 86400000,
		},
	}),
	passThread: base({
		pass_thread_control: {
			new_owner_app_id: '263902037430900',
			previous_owner_app_id: null,
			metadata: 'agent',
		},
	}),
	takeThread: base({
		timestamp: T + 8,
		take_thread_control: {
			previous_owner_app_id: '263902037430900',
			new_owner_app_id: '1234567890123456',
			metadata: '',
		},
	}),
	requestThread: base({
		timestamp: T + 9,
		request_thread_control: { requested_owner_app_id: '263902037430900', metadata: 'please' },
	}),
	appRoles: {
		recipient: { id: PAGE_ID },
		timestamp: T + 10,
		app_roles: { 1234567890123456: ['primary_receiver'] },
	},
	messageEdit: base({ message_edit: { mid: 'm_text1', text: 'Grüße (edited) \/ ✓', num_edit: 1 } }),
	policy: {
		recipient: { id: PAGE_ID },
		timestamp: T + 11,
		policy_enforcement: { action: 'block', reason: 'The bot violated our Platform Policies.' },
	},
	accountLinking: base({
		account_linking: { status: 'linked', authorization_code: 'PASS_THROUGH' },
	}),
	userRefOptin: {
		sender: { user_ref: 'ur-1' },
		recipient: { id: PAGE_ID },
		timestamp: T + 12,
		optin: { ref: 'checkbox', user_ref: 'ur-1' },
	},
	stringTimestamp: {
		sender: { id: PSID },
		recipient: { id: PAGE_ID },
		timestamp: '1527459824',
		postback: { mid: 'm_pb2', title: 'Yes', payload: 'YES' },
	},
	unknownType: base({ messaging_game_plays: { game_id: 'g1', score: 3 } }),
	// Shapes of Meta's webhook-events reference pages (messaging_game_plays, send_cart,
	// response_feedback, messaging_feedback, messaging_optins), values of our own.
	gamePlay: base({
		timestamp: T + 13,
		game_play: {
			game_id: '1790000000000001',
			player_id: '8100000000000001',
			locale: 'de_DE',
			context_type: 'THREAD',
			context_id: '8200000000000001',
			score: 4200,
			payload: '{"level":3}',
		},
	}),
	order: base({
		timestamp: T + 14,
		order: {
			products: [
				{
					id: '5100000000000001',
					retailer_id: 'mug-1',
					name: 'Tasse ☕',
					unit_price: 11.5,
					currency: 'EUR',
					quantity: 2,
				},
			],
			note: 'gift wrap',
		},
	}),
	responseFeedback: base({
		timestamp: T + 15,
		response_feedback: { feedback: 'Good response', mid: 'm_echo1' },
	}),
	customerFeedback: base({
		timestamp: T + 16,
		messaging_feedback: {
			feedback_screens: [
				{
					screen_id: 0,
					questions: {
						q1: {
							type: 'csat',
							payload: '5',
							follow_up: { type: 'free_form', payload: 'Schnell!' },
						},
					},
				},
			],
		},
	}),
	// Checkbox plugin: no sender at all, the person is named by optin.user_ref.
	checkboxOptin: {
		recipient: { id: PAGE_ID },
		timestamp: T + 17,
		optin: { ref: 'checkout-page', user_ref: 'ur-checkbox-7' },
	},
	// A message that arrived from an ad or m.me link carries its referral.
	messageWithReferral: base({
		timestamp: T + 18,
		message: {
			mid: 'm_ref1',
			text: 'Hi from the ad',
			referral: { ref: 'winter-ad', source: 'ADS', type: 'OPEN_THREAD' },
		},
	}),
	// A coupon template's code revealed (field messages, key `template`), as on Meta's coupon
	// template page; the structured information template's answers as screens[].responses[] of
	// key/value pairs; an instant form submitted in the thread (Meta publishes no body for it:
	// its key is the field's name, as for messaging_feedback). Values of our own.
	coupon: base({
		timestamp: T + 19,
		template: { type: 'coupon', payload: 'summer-2026', coupon_code: '10PERCENT' },
	}),
	customerInformation: base({
		timestamp: T + 20,
		messaging_customer_information: {
			screens: [
				{
					screen_id: 'address',
					responses: [
						{ key: 'name', value: 'Zoë Müller' },
						{ key: 'address_line_1', value: 'Hauptstraße 1' },
						{ key: 'zipcode', value: '10115' },
						{ key: 'country', value: 'DE' },
					],
				},
			],
		},
	}),
	leadFormSubmit: base({
		timestamp: T + 21,
		messaging_in_thread_lead_form_submit: {
			form_id: '9100000000000001',
			leadgen_id: '9200000000000001',
		},
	}),
};

/**
 * Entries whose events are not in `messaging[]`: Messenger Calling (`calls[]`, and the permission
 * reply that is the entry itself), real `changes[]` (an Instagram comment) and the App
 * Dashboard's "Test" samples (entry id 0, a messaging field in `changes[]`).
 * Shapes of Meta's Calling webhooks page and Instagram comments reference; values of our own.
 */
export const entryEvents = {
	callConnect: {
		id: PAGE_ID,
		time: 1763719300,
		calls: [
			{
				id: 'c_AbCdEf0123456789',
				to: PAGE_ID,
				from: PSID,
				event: 'connect',
				timestamp: 1763719300,
				call_direction: 'user_initiated',
			},
		],
	},
	callTerminate: {
		id: PAGE_ID,
		time: 1763719400,
		calls: [
			{
				id: 'c_AbCdEf0123456789',
				to: PAGE_ID,
				from: PSID,
				event: 'terminate',
				timestamp: 1763719300,
				call_direction: 'user_initiated',
			},
		],
	},
	callPermissionReply: {
		sender: { id: PSID },
		recipient: { id: PAGE_ID },
		timestamp: 1763719500,
		call_permission_reply: { response: 'approve', expiration_timestamp: '1766311500' },
	},
	igComment: {
		id: IG_ID,
		time: 1763719600,
		changes: [
			{
				field: 'comments',
				value: {
					from: { id: '9100000000000001', username: 'ada' },
					media: { id: '9200000000000001', media_product_type: 'FEED' },
					id: '9300000000000001',
					text: 'Wie schön! 😍',
				},
			},
		],
	},
	dashboardMessagesSample: {
		id: '0',
		time: 1763719700,
		changes: [
			{
				field: 'messages',
				value: {
					sender: { id: '12334' },
					recipient: { id: '23245' },
					timestamp: '1527459824',
					message: { mid: 'test_message_id', text: 'test_message' },
				},
			},
		],
	},
	dashboardCommentsSample: {
		id: '0',
		time: 1763719800,
		changes: [
			{
				field: 'comments',
				value: {
					from: { id: '232323232', username: 'test' },
					media: { id: '123123123', media_product_type: 'FEED' },
					id: '17865799348089039',
					text: 'This is an example.',
				},
			},
		],
	},
};

/** Instagram events (object instagram). */
export const igEvents = {
	message: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T,
		message: { mid: 'aWdfZAG1_1', text: 'Olá 🌍 \/ ok' },
	},
	deleted: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T + 1,
		message: { mid: 'aWdfZAG1_1', is_deleted: true },
	},
	storyMention: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T + 2,
		message: {
			mid: 'aWdfZAG1_2',
			attachments: [
				{ type: 'story_mention', payload: { url: 'https://lookaside.example/story/1' } },
			],
		},
	},
	storyReply: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T + 3,
		message: {
			mid: 'aWdfZAG1_3',
			text: 'Nice!',
			reply_to: { story: { id: '1790000', url: 'https://lookaside.example/story/2' } },
		},
	},
	seen: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T + 4,
		read: { mid: 'aWdfZAG1_1' },
	},
	reaction: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T + 5,
		reaction: { mid: 'aWdfZAG1_1', action: 'react', reaction: 'love', emoji: '❤' },
	},
	echo: {
		sender: { id: IG_ID },
		recipient: { id: IGSID },
		timestamp: T + 6,
		message: { mid: 'aWdfZAG1_4', is_echo: true, text: 'Thanks' },
	},
	postback: {
		sender: { id: IGSID },
		recipient: { id: IG_ID },
		timestamp: T + 7,
		postback: { mid: 'aWdfZAG1_5', title: 'FAQ', payload: 'ICEBREAKER_FAQ' },
	},
};

export const envelope = (object, entries) => ({ object, entry: entries });
export const entry = (id, messaging, { standby, time = T } = {}) => ({
	id,
	time,
	...(messaging ? { messaging } : {}),
	...(standby ? { standby } : {}),
});

/** A batch of `entries` entries × `perEntry` text messages with unique mids. */
export function bigBatch(entries, perEntry, tag = 'b') {
	return envelope(
		'page',
		Array.from({ length: entries }, (_, e) =>
			entry(
				PAGE_ID,
				Array.from({ length: perEntry }, (_, i) =>
					base({
						timestamp: T + e * perEntry + i,
						message: {
							mid: `m_${tag}_${e}_${i}`,
							text: `Nachricht ${e}/${i} — ünïcödé 🚀 https://example.com/p/${i}`,
						},
					}),
				),
			),
		),
	);
}
