// Which Graph API version answers a call, as Meta schedules them, and the legacy request features
// Meta stopped serving to new apps on 4 November 2026.
//
// Facts (Meta, public):
// - Version table: https://developers.facebook.com/docs/graph-api/changelog (v27.0 introduced
//   4 November 2026; v20.0 available until 24 September 2026, v21.0 until 21 January 2027, …).
// - "For APIs, once a version is no longer usable, any calls made to it will be defaulted to the
//   next oldest, usable version": https://developers.facebook.com/docs/graph-api/guides/versioning
//   So an expired version is NOT refused; it is answered as the oldest version still served. The
//   version that answered is in the `facebook-api-version` response header.
// - v27.0 blog (https://developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/):
//   "new apps cannot use multi-ID requests, date/time formatting, HTTP method override, field
//   aliases, JSONP callbacks, or asynchronous batch requests … across all Graph API versions".
//   Meta publishes no error body for these; the emulator answers (#100) with its own wording.
// - v26.0 (29 July 2026) and v27.0 change nothing else on the endpoints this package calls (Send
//   API, subscribed_apps, app subscriptions, debug_token, oauth/access_token, accounts, user
//   profile, attachment upload); v26.0 blocked the Commerce Order Management API, not used here.

/** [version, introduced, available until (null: not yet announced)], newest first. */
export const GRAPH_VERSIONS = [
	['v27.0', '2026-11-04', null],
	['v26.0', '2026-07-29', null],
	['v25.0', '2026-02-18', '2028-07-29'],
	['v24.0', '2025-10-08', '2028-02-18'],
	['v23.0', '2025-05-29', '2027-10-08'],
	['v22.0', '2025-01-21', '2027-05-20'],
	['v21.0', '2024-10-02', '2027-01-21'],
	['v20.0', '2024-05-21', '2026-09-24'],
	['v19.0', '2024-01-23', '2026-05-21'],
	['v18.0', '2023-09-12', '2026-01-26'],
	['v17.0', '2023-05-23', '2025-09-12'],
	['v16.0', '2023-02-02', '2025-05-14'],
	['v15.0', '2022-09-15', '2024-11-20'],
	['v14.0', '2022-05-25', '2024-09-17'],
	['v13.0', '2022-02-08', '2024-05-28'],
];

/** The day the emulated Graph lives on (the session's late-2026 platform state). */
export const GRAPH_TODAY = '2026-12-01';

/** Apps created on or after this day cannot use the legacy request features (v27.0 blog). */
export const LEGACY_FEATURES_CUTOFF = '2026-11-04';

/** When the emulated app was created: before the cut-off, so it keeps the legacy features. */
export const DEFAULT_APP_CREATED = '2025-06-01';

/** Whether an app created on `appCreated` may still use the legacy request features. */
export const mayUseLegacyFeatures = (appCreated = DEFAULT_APP_CREATED) =>
	appCreated < LEGACY_FEATURES_CUTOFF;

const number = (version) => Number(version.slice(1));

/** The versions served on `today`, newest first. */
export function servedVersions(today = GRAPH_TODAY) {
	return GRAPH_VERSIONS.filter(
		([, introduced, until]) => introduced <= today && (until === null || today < until),
	).map(([version]) => version);
}

/**
 * Which version answers a call to `requested` on `today`: itself while served, the oldest served
 * version once it expired (or for any older number), `undefined` for a number Meta has not
 * released (the caller answers that as an unknown path).
 */
export function answeringVersion(requested, today = GRAPH_TODAY) {
	const served = servedVersions(today);
	if (served.includes(requested)) return requested;
	const oldest = served[served.length - 1];
	if (number(requested) < number(oldest)) return oldest;
	return undefined;
}

/**
 * The legacy request feature a call uses, or undefined: multi-ID (`ids`), date/time formatting
 * (`date_format`), HTTP method override (`method`), field aliases (`.as(` in `fields`), JSONP
 * (`callback`), asynchronous batch (`asyncbatch` edge).
 */
export function legacyFeatureOf(ctx) {
	const query = ctx.query ?? {};
	const body = ctx.body && typeof ctx.body === 'object' ? ctx.body : {};
	const param = (name) => query[name] ?? body[name];
	if (param('ids') !== undefined) return 'multi-ID requests';
	if (param('date_format') !== undefined) return 'date/time formatting';
	if (param('method') !== undefined) return 'HTTP method override';
	if (String(param('fields') ?? '').includes('.as(')) return 'field aliases';
	if (param('callback') !== undefined) return 'JSONP callbacks';
	if (/\/asyncbatch$/.test(ctx.path)) return 'asynchronous batch requests';
	return undefined;
}
