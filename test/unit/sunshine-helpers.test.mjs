// Pure functions of the Sunshine Conversations node: base URLs (US, EU, Zendesk), checks,
// request bodies, paging decisions and the error envelope.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const h = require('../../dist/nodes/SunshineConversations/helpers.js');
const e = require('../../dist/nodes/SunshineConversations/errors.js');

describe('sunshineBaseUrl', () => {
	it('accepts the US and EU hosts, a Zendesk subdomain with /sc, and local URLs', () => {
		assert.deepEqual(h.sunshineBaseUrl('https://api.smooch.io'), { url: 'https://api.smooch.io' });
		assert.deepEqual(h.sunshineBaseUrl('https://api.eu-1.smooch.io/'), {
			url: 'https://api.eu-1.smooch.io',
		});
		assert.deepEqual(h.sunshineBaseUrl('https://acme.zendesk.com/sc/'), {
			url: 'https://acme.zendesk.com/sc',
		});
		assert.deepEqual(h.sunshineBaseUrl('http://127.0.0.1:5816'), { url: 'http://127.0.0.1:5816' });
		assert.deepEqual(h.sunshineBaseUrl(''), { url: 'https://api.smooch.io' });
	});
	it('says what to change for a Zendesk host without /sc and for non-URLs', () => {
		assert.match(
			h.sunshineBaseUrl('https://acme.zendesk.com').error,
			/ends in \/sc: https:\/\/acme\.zendesk\.com\/sc/,
		);
		assert.match(h.sunshineBaseUrl('api.smooch.io').error, /not a URL/);
		assert.match(h.sunshineBaseUrl('ftp://api.smooch.io').error, /https/);
		assert.match(h.sunshineBaseUrl('https://api.smooch.io/?x=1').error, /query/);
	});
});

describe('checks', () => {
	it('record ids, Facebook ids, secrets and display names', () => {
		assert.equal(h.checkRecordId('5e4af71a81966cfff3ef6550', 'Integration ID'), undefined);
		assert.match(h.checkRecordId('5e4af71a81966cfff3ef655', 'Integration ID'), /24 hexadecimal/);
		assert.match(h.checkRecordId('', 'Integration ID'), /empty/);
		assert.equal(h.checkFacebookId('1234567890123456', 'Facebook App ID'), undefined);
		assert.match(h.checkFacebookId('99999999999999999999', 'Page ID'), /too large/);
		assert.match(h.checkFacebookId('abc', 'Page ID'), /not a numeric/);
		assert.match(h.checkSecret('a b', 'Facebook App Secret'), /spaces/);
		assert.equal(h.checkDisplayName('x'.repeat(100)), undefined);
		assert.match(h.checkDisplayName('x'.repeat(101)), /101 characters/);
	});
	it('createProblems lists every problem in field order', () => {
		const problems = h.createProblems({
			type: 'messenger',
			pageAccessToken: '',
			appId: 'x',
			appSecret: 's',
			pageId: 'p',
		});
		assert.equal(problems.length, 3);
		assert.match(problems[0], /Page Access Token/);
		assert.match(problems[1], /Facebook App ID/);
		assert.match(problems[2], /Page ID/);
	});
});

describe('bodies', () => {
	const base = { pageAccessToken: 't', appId: '1', appSecret: 's' };
	it('Instagram carries the switches, Messenger a numeric pageId', () => {
		assert.deepEqual(
			h.createBody({
				...base,
				type: 'instagram',
				displayName: 'IG',
				storyRepliesEnabled: false,
				storyMentionsEnabled: true,
			}),
			{
				type: 'instagram',
				pageAccessToken: 't',
				appId: '1',
				appSecret: 's',
				displayName: 'IG',
				storyRepliesEnabled: false,
				storyMentionsEnabled: true,
			},
		);
		assert.deepEqual(
			h.createBody({ ...base, type: 'messenger', pageId: '104', storyRepliesEnabled: true }),
			{
				type: 'messenger',
				pageAccessToken: 't',
				appId: '1',
				appSecret: 's',
				pageId: 104,
			},
		);
	});
	it('updateBody keeps only known, set fields', () => {
		assert.deepEqual(
			h.updateBody({ displayName: 'x', storyRepliesEnabled: false, other: 1, pageAccessToken: '' }),
			{ displayName: 'x', storyRepliesEnabled: false },
		);
		assert.deepEqual(h.updateBody({}), {});
	});
});

describe('paging', () => {
	it('listQuery uses the largest page size, or what the limit still needs', () => {
		assert.deepEqual(h.listQuery(undefined, undefined, []), { 'page[size]': 100 });
		assert.deepEqual(h.listQuery('abc', 7, ['instagram', 'messenger']), {
			'page[size]': 7,
			'page[after]': 'abc',
			'filter[types]': 'instagram,messenger',
		});
		assert.equal(h.listQuery(undefined, 500, [])['page[size]'], 100);
		assert.equal(h.listQuery(undefined, 0, [])['page[size]'], 1);
	});
	it('nextCursor stops exactly at the last page', () => {
		assert.equal(h.nextCursor({ meta: { hasMore: true, afterCursor: 'c' } }), 'c');
		assert.equal(h.nextCursor({ meta: { hasMore: false, afterCursor: 'c' } }), undefined);
		assert.equal(h.nextCursor({ meta: { hasMore: true } }), undefined);
		assert.equal(h.nextCursor({}), undefined);
	});
});

describe('errors', () => {
	const f = (status, data, networkCode) => ({
		status,
		data,
		headers: {},
		networkCode,
		message: '',
	});
	it('reads v2 {errors:[…]} and v1 {error:{…}}', () => {
		assert.deepEqual(
			e.sunshineErrors({
				errors: [
					{ code: 'bad_request', title: 'A' },
					{ code: 'bad_request', title: 'B' },
				],
			}),
			[
				{ code: 'bad_request', title: 'A' },
				{ code: 'bad_request', title: 'B' },
			],
		);
		assert.deepEqual(e.sunshineErrors({ error: { code: 'unauthorized', description: 'No' } }), [
			{ code: 'unauthorized', title: 'No' },
		]);
		assert.deepEqual(e.sunshineErrors('oops'), []);
	});
	it('messages carry status, title and code', () => {
		const d = e.sunshineErrorDetails(
			f(400, {
				errors: [
					{ code: 'bad_request', title: 'A' },
					{ code: 'bad_request', title: 'B' },
				],
			}),
		);
		assert.equal(d.message, 'Sunshine Conversations error 400: A (bad_request); B (bad_request)');
		assert.equal(d.httpCode, '400');
		assert.match(e.sunshineErrorDetails(f(401, {})).description, /Key ID and Secret/);
		assert.match(e.sunshineErrorDetails(f(502, '')).message, /502: no details/);
		assert.equal(
			e.sunshineErrorDetails(f(undefined, undefined, 'ENOTFOUND')).message,
			'Could not reach Sunshine Conversations',
		);
	});
	it('retries 429 always, 5xx only for calls other than POST', () => {
		assert.equal(e.isRetryableSunshineFailure(f(429), 'POST'), true);
		assert.equal(e.isRetryableSunshineFailure(f(503), 'POST'), false);
		assert.equal(e.isRetryableSunshineFailure(f(503), 'GET'), true);
		assert.equal(e.isRetryableSunshineFailure(f(500), 'GET'), false);
		assert.equal(e.isRetryableSunshineFailure(f(404), 'DELETE'), false);
	});
});
