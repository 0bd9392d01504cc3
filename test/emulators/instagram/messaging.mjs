// PLACEHOLDER (igcore) — igsend replaces this file with the Instagram Send API.
//
// Shape the emulator's index.mjs expects (keep it):
//   export function messagingRoutes(state) → Array<[method, pattern, handler]>
//   - `state` is the emulator's state (state.mjs: account, tokens, profiles, sent, rateLimit…);
//   - `pattern` is relative to the version: index.mjs adds '/:version' and its check, turns a
//     thrown GraphFailure (from `fail(...)` in ./core.mjs) into its response and adds the
//     rate-limit headers of the call; these routes come before the account routes, so
//     '/:id/messages' wins over '/:id';
//   - `handler(ctx)` → {status, body, headers} (json() from ./core.mjs); use
//     `authorize(ctx, state)` (token, rate limit) and `accountOf(ctx, state, identity)`
//     ('me', the account ID or its app-scoped id) from ./core.mjs.
// This placeholder accepts a text message to a known IGSID so the route exists end to end.
import { randomBytes } from 'node:crypto';
import { accountOf, authorize, fail, json } from './core.mjs';

export function messagingRoutes(state) {
	return [
		[
			'POST',
			'/:id/messages',
			(ctx) => {
				const account = accountOf(ctx, state, authorize(ctx, state));
				const recipient = ctx.body?.recipient;
				if (!recipient?.id) fail(400, 100, '(#100) The parameter recipient is required');
				if (!state.profiles.has(String(recipient.id)))
					fail(400, 100, '(#100) No matching user found', { subcode: 2018001 });
				const messageId = `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${randomBytes(8).toString('hex')}`;
				state.sent.push({ account: account.user_id, body: ctx.body, messageId, at: Date.now() });
				return json(200, { recipient_id: String(recipient.id), message_id: messageId });
			},
		],
	];
}
