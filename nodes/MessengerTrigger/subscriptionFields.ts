import type { EventType, WebhookObject } from './webhook/events';

/**
 * The webhook subscription fields Auto Subscribe asks Meta for, per event type and object.
 * App-level fields use the object's own
 * names (Instagram: messaging_seen, messaging_referral, messaging_handover); the Page-level
 * `subscribed_apps` edge always takes Page field names. Event types without a field for an
 * object are simply not subscribed.
 * @see https://developers.facebook.com/docs/messenger-platform/webhooks#event-notifications
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
const APP_FIELDS: Record<WebhookObject, Partial<Record<EventType, string>>> = {
	page: {
		message: 'messages',
		postback: 'messaging_postbacks',
		delivery: 'message_deliveries',
		read: 'message_reads',
		reaction: 'message_reactions',
		referral: 'messaging_referrals',
		optin: 'messaging_optins',
		handover: 'messaging_handovers',
		messageEdit: 'message_edits',
		policyEnforcement: 'messaging_policy_enforcement',
		accountLinking: 'messaging_account_linking',
		call: 'calls',
		callPermission: 'call_permission_reply',
		customerFeedback: 'messaging_feedback',
		gamePlay: 'messaging_game_plays',
		order: 'send_cart',
		responseFeedback: 'response_feedback',
		coupon: 'messages',
		customerInformation: 'messaging_customer_information',
		leadFormSubmit: 'messaging_in_thread_lead_form_submit',
	},
	instagram: {
		message: 'messages',
		postback: 'messaging_postbacks',
		read: 'messaging_seen',
		reaction: 'message_reactions',
		referral: 'messaging_referral',
		handover: 'messaging_handover',
		optin: 'messaging_optins',
	},
};

/**
 * What is subscribed when no event type is selected. Other event types have no field of their
 * own and are never subscribed; Calling, games, carts and feedback fields only when selected:
 * Messenger shows people a thumbs up/down under every message once `response_feedback` is
 * subscribed, and Calling needs the Page set up for it.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/response_feedback
 */
const ALL_SUBSCRIBABLE: EventType[] = [
	'message',
	'postback',
	'delivery',
	'read',
	'reaction',
	'referral',
	'optin',
	'handover',
	'messageEdit',
	'policyEnforcement',
	'accountLinking',
];

export interface FieldOptions {
	events: EventType[];
	includeEchoes: boolean;
	includeStandby: boolean;
}

function collect(
	object: WebhookObject,
	{ events, includeEchoes, includeStandby }: FieldOptions,
	level: 'app' | 'page',
): string[] {
	const table = level === 'page' ? APP_FIELDS.page : APP_FIELDS[object];
	const selected = events.length ? events : ALL_SUBSCRIBABLE;
	const fields = new Set<string>();
	for (const type of selected) {
		const field = table[type];
		if (field) fields.add(field);
	}
	// Instagram echoes come with `messages`; Messenger has a field of its own for them.
	if (includeEchoes)
		fields.add(object === 'page' || level === 'page' ? 'message_echoes' : 'messages');
	if (includeStandby) fields.add('standby');
	return [...fields].sort();
}

/** Fields for `POST /{app-id}/subscriptions`. */
export const appFields = (object: WebhookObject, options: FieldOptions) =>
	collect(object, options, 'app');

/** Fields for `POST /{page-id}/subscribed_apps`. */
export const pageFields = (object: WebhookObject, options: FieldOptions) =>
	collect(object, options, 'page');

/**
 * The Instagram account's fields on the Instagram Login route (`POST /me/subscribed_apps` on
 * graph.instagram.com), per event type: the messaging fields Meta lists for that route.
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
const INSTAGRAM_LOGIN_FIELDS: Partial<Record<EventType, string>> = {
	message: 'messages',
	postback: 'messaging_postbacks',
	read: 'messaging_seen',
	reaction: 'message_reactions',
	referral: 'messaging_referral',
};

/**
 * Fields for the Instagram account's `POST /me/subscribed_apps` (Instagram Login route). Meta does
 * not filter per account ("an account receives every field selected for the app", once it is
 * subscribed to at least one field): this subscription switches deliveries on, the app
 * subscription chooses them. So an event without a field here (handover, opt-ins, standby) still
 * arrives, and when no selected event has one, `messages` switches deliveries on.
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
export function instagramAccountFields(options: FieldOptions): string[] {
	const selected = options.events.length ? options.events : ALL_SUBSCRIBABLE;
	const fields = new Set<string>();
	for (const type of selected) {
		const field = INSTAGRAM_LOGIN_FIELDS[type];
		if (field) fields.add(field);
	}
	// Echoes of the account's own messages come with `messages` on Instagram.
	if (options.includeEchoes || !fields.size) fields.add('messages');
	return [...fields].sort();
}
