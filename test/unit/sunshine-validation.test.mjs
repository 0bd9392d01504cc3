// Pure functions of the Sunshine Conversations node: base URLs (US, EU, Zendesk), checks,
// request bodies, paging decisions, the error envelope and the retry decisions.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const v = require('../../dist/nodes/SunshineConversations/validation.js');
const b = require('../../dist/nodes/SunshineConversations/bodies.js');
const t = require('../../dist/nodes/SunshineConversations/transport.js');
const e = require('../../dist/nodes/SunshineConversations/errors.js');

describe('sunshineBaseUrl', () => {
	it('accepts the US and EU hosts, a Zendesk subdomain with /sc, and local URLs', () => {
		assert.equal(v.sunshineBaseUrl('https://api.smooch.io'), 'https://api.smooch.io');
		assert.equal(v.sunshineBaseUrl('https://api.eu-1.smooch.io/'), 'https://api.eu-1.smooch.io');
		assert.equal(v.sunshineBaseUrl('https://acme.zendesk.com/sc/'), 'https://acme.zendesk.com/sc');
		assert.equal(v.sunshineBaseUrl('http://127.0.0.1:5816'), 'http://127.0.0.1:5816');
		assert.equal(v.sunshineBaseUrl(''), 'https://api.smooch.io');
		assert.equal(v.sunshineBaseUrl(' / '), 'https://api.smooch.io');
	});
	it('says what to change for a Zendesk host without /sc and for non-URLs', () => {
		assert.match(
			v.sunshineBaseUrl('https://acme.zendesk.com').error,
			/ends in \/sc: https:\/\/acme\.zendesk\.com\/sc/,
		);
		assert.match(v.sunshineBaseUrl('api.smooch.io').error, /"api\.smooch\.io" is not a URL/);
		assert.match(
			v.sunshineBaseUrl('ftp://api.smooch.io/').error,
			/"ftp:\/\/api\.smooch\.io" must start with https/,
		);
		assert.match(v.sunshineBaseUrl('https://api.smooch.io/?x=1').error, /query/);
		assert.match(v.sunshineBaseUrl('https://key:secret@api.smooch.io').error, /user name/);
	});
});

describe('checks', () => {
	it('record ids, Facebook ids, secrets and display names', () => {
		assert.equal(v.checkRecordId('5e4af71a81966cfff3ef6550', 'Integration ID'), undefined);
		assert.match(v.checkRecordId('5e4af71a81966cfff3ef655', 'Integration ID'), /24 hexadecimal/);
		assert.match(v.checkRecordId('', 'Integration ID'), /empty/);
		assert.equal(v.checkFacebookId('1234567890123456', 'Facebook App ID'), undefined);
		assert.match(v.checkFacebookId('99999999999999999999', 'Page ID'), /too large/);
		assert.match(v.checkFacebookId('abc', 'Page ID'), /not a numeric/);
		assert.match(v.checkSecret('a b', 'Facebook App Secret'), /spaces/);
		assert.equal(v.checkDisplayName('x'.repeat(100)), undefined);
		assert.match(v.checkDisplayName('x'.repeat(101)), /101 characters/);
	});
	it('createProblems lists every problem in field order', () => {
		const problems = v.createProblems({
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
			b.createBody({
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
			b.createBody({ ...base, type: 'messenger', pageId: '104', storyRepliesEnabled: true }),
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
			b.updateBody({ displayName: 'x', storyRepliesEnabled: false, other: 1, pageAccessToken: '' }),
			{ displayName: 'x', storyRepliesEnabled: false },
		);
		assert.deepEqual(b.updateBody({}), {});
	});
});

describe('paging', () => {
	it('listQuery uses the largest page size, or what the limit still needs', () => {
		assert.deepEqual(t.listQuery(undefined, undefined, []), { 'page[size]': 100 });
		assert.deepEqual(t.listQuery('abc', 7, ['instagram', 'messenger']), {
			'page[size]': 7,
			'page[after]': 'abc',
			'filter[types]': 'instagram,messenger',
		});
		assert.equal(t.listQuery(undefined, 500, [])['page[size]'], 100);
		assert.equal(t.listQuery(undefined, 0, [])['page[size]'], 1);
	});
	it('nextCursor stops exactly at the last page', () => {
		assert.equal(t.nextCursor({ meta: { hasMore: true, afterCursor: 'c' } }), 'c');
		assert.equal(t.nextCursor({ meta: { hasMore: false, afterCursor: 'c' } }), undefined);
		assert.equal(t.nextCursor({ meta: { hasMore: true } }), undefined);
		assert.equal(t.nextCursor({}), undefined);
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
	it('messages carry status, title and code; the facts carry the envelope', () => {
		const d = e.sunshineError(
			f(400, {
				errors: [
					{ code: 'bad_request', title: 'A' },
					{ code: 'bad_request', title: 'B' },
				],
			}),
		);
		assert.equal(d.message, 'Sunshine Conversations error 400: A (bad_request); B (bad_request)');
		assert.deepEqual(d.facts, {
			errors: [
				{ code: 'bad_request', title: 'A' },
				{ code: 'bad_request', title: 'B' },
			],
		});
		assert.match(e.sunshineError(f(401, {})).description, /Key ID and Secret/);
		assert.match(e.sunshineError(f(502, '')).message, /502: no details/);
		assert.match(e.sunshineError(f(502, '')).description, /server error/);
		const network = e.sunshineError(f(undefined, undefined, 'ENOTFOUND'));
		assert.equal(network.message, 'Could not reach Sunshine Conversations');
		assert.match(network.description, /ENOTFOUND/);
	});
	it('retries 429 always, gateway failures and dropped connections only for calls other than POST', () => {
		assert.equal(e.isRetryableSunshineFailure(f(429), 'POST'), true);
		assert.equal(e.isRetryableSunshineFailure(f(503), 'POST'), false);
		for (const status of [502, 503, 504])
			assert.equal(e.isRetryableSunshineFailure(f(status), 'GET'), true, String(status));
		assert.equal(e.isRetryableSunshineFailure(f(500), 'GET'), false);
		assert.equal(e.isRetryableSunshineFailure(f(404), 'DELETE'), false);
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])
			assert.equal(e.isRetryableSunshineFailure(f(undefined, undefined, code), 'PATCH'), true);
		assert.equal(
			e.isRetryableSunshineFailure(f(undefined, undefined, 'ECONNRESET'), 'POST'),
			false,
		);
		assert.equal(
			e.isRetryableSunshineFailure(f(undefined, undefined, 'ECONNREFUSED'), 'GET'),
			false,
		);
	});
	it('the retry policy: three retries, after Retry-After when Sunshine sends one', () => {
		const policy = e.sunshineRetryPolicy('GET');
		assert.deepEqual([policy.retries, policy.baseDelayMs, policy.maxDelayMs], [3, 500, 10000]);
		assert.deepEqual(policy.decide({ ...f(429), headers: { 'retry-after': '2' } }, 0), {
			retry: true,
			delayMs: 2000,
		});
		assert.deepEqual(policy.decide(f(400), 0), { retry: false });
		assert.deepEqual(e.sunshineRetryPolicy('POST').decide(f(503), 0), { retry: false });
	});
});
