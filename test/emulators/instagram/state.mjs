// The world the Instagram Login emulator (graph.instagram.com) serves: one Instagram app, one
// professional account with its tokens, the customers (IGSIDs) who wrote to it, the account's
// webhook subscription, and an optional rate limit that tests switch on.
import { INSTAGRAM } from '../fixtures.mjs';

const DAY = 86400;
/** A long-lived token lives 60 days. */
export const LONG_LIVED_SECONDS = 60 * DAY;

/** IGSIDs with special behaviour. */
export const SPECIAL_IGSIDS = {
	/** Never consented to share a profile (did not message the account): profile reads fail with 230. */
	noConsent: '1180000000000002',
};

/** Webhook fields an Instagram account subscription accepts. */
export const INSTAGRAM_FIELDS = [
	'comments',
	'live_comments',
	'mentions',
	'message_edit',
	'message_reactions',
	'messages',
	'messaging_handover',
	'messaging_optins',
	'messaging_postbacks',
	'messaging_referral',
	'messaging_seen',
	'standby',
	'story_insights',
];

export function createInstagramState() {
	const now = Math.floor(Date.now() / 1000);
	const scopes = ['instagram_business_basic', 'instagram_business_manage_messages'];
	const account = {
		id: INSTAGRAM.appScopedId,
		user_id: INSTAGRAM.accountId,
		username: INSTAGRAM.username,
		name: INSTAGRAM.name,
		account_type: 'Business',
		profile_picture_url: `https://scontent.example/ig/${INSTAGRAM.accountId}.jpg`,
		followers_count: 1520,
		follows_count: 87,
		media_count: 42,
	};
	/** token → {accountId, longLived, issuedAt, expiresAt (s), scopes, expired?} */
	const tokens = new Map([
		[
			INSTAGRAM.accessToken,
			{
				accountId: account.user_id,
				longLived: true,
				issuedAt: now - 2 * DAY,
				expiresAt: now - 2 * DAY + LONG_LIVED_SECONDS,
				scopes,
			},
		],
		[
			INSTAGRAM.shortLivedToken,
			{
				accountId: account.user_id,
				longLived: false,
				issuedAt: now,
				expiresAt: now + 3600,
				scopes,
			},
		],
	]);
	return {
		app: { id: INSTAGRAM.appId, secret: INSTAGRAM.appSecret, name: 'Bridge Instagram App' },
		account,
		tokens,
		/** IGSID → Instagram user profile (the fields the User Profile API returns). */
		profiles: new Map([
			[
				INSTAGRAM.igsid,
				{
					id: INSTAGRAM.igsid,
					name: 'Ada Lovelace',
					username: 'ada.codes',
					profile_pic: 'https://scontent.example/ig/ada.jpg',
					follower_count: 312,
					is_user_follow_business: true,
					is_business_follow_user: false,
					is_verified_user: false,
				},
			],
			[
				SPECIAL_IGSIDS.noConsent,
				{
					id: SPECIAL_IGSIDS.noConsent,
					name: 'Grace Hopper',
					username: 'grace.h',
					noConsent: true,
				},
			],
		]),
		/** Webhook fields the account is subscribed to for this app (empty = not subscribed). */
		subscribedFields: [],
		/** Token grants answered (exchanges and refreshes), for tests. */
		exchanges: 0,
		refreshes: 0,
		/**
		 * Rate limit for tests: {limit, windowMs, code?} → calls beyond `limit` per window fail with
		 * `code` (default 80002, Instagram's business use case limit; 4 and 613 also modelled).
		 */
		rateLimit: null,
		/** Messages accepted by the Send API, in order (messaging.mjs). */
		sent: [],
	};
}
