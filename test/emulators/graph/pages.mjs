// The Pages a user manages (/me/accounts, cursor paging) and node reads: GET /{id} for a Page,
// the app, a PSID's profile, or /me (the user, or the Page of a page token).
import { authorize, fail, paginate } from './core.mjs';
import { json } from '../lib/server.mjs';
import { profileResponse } from './messaging.mjs';

const PAGE_FIELDS = [
	'id',
	'name',
	'category',
	'tasks',
	'picture',
	'access_token',
	'link',
	'about',
	'fan_count',
	'username',
	'is_published',
];

/** Graph `fields` syntax, one level of nesting: "id,name,picture{url}" → [['picture', ['url']], …]. */
export function parseFields(value, fallback) {
	const text = String(value ?? fallback);
	const out = [];
	let depth = 0;
	let current = '';
	for (const char of text + ',') {
		if (char === '{') depth += 1;
		if (char === '}') depth -= 1;
		if (char === ',' && depth === 0) {
			const trimmed = current.trim();
			if (trimmed) {
				const nested = /^(\w+)\{(.*)\}$/.exec(trimmed);
				out.push(nested ? [nested[1], nested[2].split(',').map((s) => s.trim())] : [trimmed, null]);
			}
			current = '';
		} else {
			current += char;
		}
	}
	return out;
}

function pageView(page, fields, { withToken }) {
	const out = {};
	for (const [name, sub] of fields) {
		if (!PAGE_FIELDS.includes(name))
			fail(400, 100, `(#100) Tried accessing nonexisting field (${name}) on node type (Page)`, {
				type: 'GraphMethodException',
			});
		if (name === 'access_token') {
			if (withToken) out.access_token = page.accessToken;
		} else if (name === 'picture') {
			const data = page.picture.data;
			out.picture = {
				data: sub
					? Object.fromEntries(sub.filter((k) => k in data).map((k) => [k, data[k]]))
					: data,
			};
		} else if (name === 'link') {
			out.link = `https://www.facebook.com/${page.id}`;
		} else if (name === 'fan_count') {
			out.fan_count = 1000 + Number(BigInt(page.id) % 1000n);
		} else if (name === 'is_published') {
			out.is_published = true;
		} else if (page[name] !== undefined) {
			out[name] = page[name];
		}
	}
	return out;
}

function accounts(state, ctx) {
	const identity = authorize(ctx, state, ['user']);
	if (!identity.scopes?.includes('pages_show_list'))
		fail(403, 200, '(#200) Requires pages_show_list permission to manage the object');
	const fields = parseFields(ctx.query.fields, 'id,name,access_token,category,category_list,tasks');
	const result = paginate(ctx, state.pages, { defaultLimit: 25, maxLimit: 100 });
	const body = {
		data: result.data.map((page) =>
			pageView(
				page,
				fields.filter(([n]) => n !== 'category_list'),
				{ withToken: true },
			),
		),
	};
	if (result.paging) body.paging = result.paging;
	if (ctx.query.summary === 'total_count') body.summary = { total_count: state.pages.length };
	return json(200, body);
}

function node(state, ctx) {
	const id = ctx.params.id;
	if (id === 'me') {
		const identity = authorize(ctx, state, ['user', 'page']);
		if (identity.kind === 'page') {
			const page = state.pages.find((p) => p.id === identity.id);
			return json(
				200,
				pageView(page, parseFields(ctx.query.fields, 'id,name'), { withToken: false }),
			);
		}
		return json(200, { id: identity.id, name: 'Emulated Page Admin' });
	}
	if (id === state.app.id) {
		authorize(ctx, state, ['app', 'user', 'page']);
		return json(200, { id: state.app.id, name: state.app.name });
	}
	const page = state.pages.find((p) => p.id === id);
	if (page) {
		const identity = authorize(ctx, state, ['user', 'page']);
		if (identity.kind === 'page' && identity.id !== page.id) {
			fail(400, 190, '(#190) This Page access token belongs to a different Page');
		}
		// A user token reads the page's token only through /me/accounts or when it manages the page.
		return json(
			200,
			pageView(page, parseFields(ctx.query.fields, 'id,name'), {
				withToken: identity.kind === 'user',
			}),
		);
	}
	const profile = state.profiles.get(id);
	if (profile) return profileResponse(state, ctx, profile);
	authorize(ctx, state);
	return fail(
		400,
		100,
		`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
		{ subcode: 33, type: 'GraphMethodException' },
	);
}

export function pageRoutes(state) {
	return [
		['GET', '/me/accounts', (ctx) => accounts(state, ctx)],
		['GET', '/:id', (ctx) => node(state, ctx)],
	];
}
