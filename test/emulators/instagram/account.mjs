// The account and the people it talks to:
//   GET /me, GET /{ig-user-id}       the professional account (fields: user_id, username, name, …)
//   GET /{igsid}                     an Instagram user's profile, for people who messaged the account
// Facts: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/get-started
//        https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api/user-profile
import { accountOf, authorize, fail, json } from './core.mjs';

const ACCOUNT_FIELDS = [
	'id',
	'user_id',
	'username',
	'name',
	'account_type',
	'profile_picture_url',
	'followers_count',
	'follows_count',
	'media_count',
];
const PROFILE_FIELDS = [
	'id',
	'name',
	'username',
	'profile_pic',
	'follower_count',
	'is_user_follow_business',
	'is_business_follow_user',
	'is_verified_user',
];

const fieldsOf = (ctx) =>
	String(ctx.query.fields ?? 'id')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);

function pick(object, fields, allowed, nodeType) {
	const out = { id: object.id };
	for (const field of fields) {
		if (!allowed.includes(field))
			fail(
				400,
				100,
				`(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
				{
					type: 'OAuthException',
				},
			);
		if (object[field] !== undefined) out[field] = object[field];
	}
	return out;
}

export function accountRoutes(state) {
	return [
		[
			'GET',
			'/:id',
			(ctx) => {
				const identity = authorize(ctx, state);
				const profile = state.profiles.get(ctx.params.id);
				if (profile) {
					if (profile.noConsent)
						fail(400, 230, '(#230) User consent is required to access user profile', {
							type: 'OAuthException',
						});
					return json(200, pick(profile, fieldsOf(ctx), PROFILE_FIELDS, 'InstagramUser'));
				}
				const account = accountOf(ctx, state, identity);
				return json(200, pick(account, fieldsOf(ctx), ACCOUNT_FIELDS, 'User'));
			},
		],
	];
}
