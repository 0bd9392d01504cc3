// The account's webhook subscription for the app (step 3 of Meta's webhook setup):
//   GET|POST|DELETE /me/subscribed_apps (also /{ig-user-id}/subscribed_apps)
// POST takes subscribed_fields (a comma list) and replaces the fields; DELETE ends it.
// Facts: https://developers.facebook.com/docs/instagram-platform/webhooks
import { listParam } from '../graph/subscriptions.mjs';
import { accountOf, authorize, fail, json } from './core.mjs';
import { INSTAGRAM_FIELDS } from './state.mjs';

const param = (ctx, name) => ctx.body?.[name] ?? ctx.query[name];

export function subscriptionRoutes(state) {
	return [
		[
			'GET',
			'/:id/subscribed_apps',
			(ctx) => {
				accountOf(ctx, state, authorize(ctx, state));
				const data = state.subscribedFields.length
					? [
							{
								id: state.app.id,
								name: state.app.name,
								subscribed_fields: [...state.subscribedFields],
							},
						]
					: [];
				return json(200, { data });
			},
		],
		[
			'POST',
			'/:id/subscribed_apps',
			(ctx) => {
				accountOf(ctx, state, authorize(ctx, state));
				const fields = listParam(param(ctx, 'subscribed_fields'));
				if (!fields?.length) fail(400, 100, '(#100) The parameter subscribed_fields is required');
				const unknown = fields.find((f) => !INSTAGRAM_FIELDS.includes(f));
				if (unknown)
					fail(
						400,
						100,
						`(#100) Param subscribed_fields[${fields.indexOf(unknown)}] must be one of {${INSTAGRAM_FIELDS.join(', ')}}`,
					);
				state.subscribedFields = [...new Set(fields)];
				return json(200, { success: true });
			},
		],
		[
			'DELETE',
			'/:id/subscribed_apps',
			(ctx) => {
				accountOf(ctx, state, authorize(ctx, state));
				state.subscribedFields = [];
				return json(200, { success: true });
			},
		],
	];
}
