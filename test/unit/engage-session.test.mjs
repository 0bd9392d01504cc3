// Pure parts of the Genesys Engage node: cookie jar, CSRF headers, result bodies, request
// bodies, user data, paths. (The base URL goes through the shared httpBaseUrl: the node test
// checks a pasted /api/v2; the error vocabulary is in engage-errors.test.mjs.)
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dist = new URL('../../dist/nodes/GenesysEngage/', import.meta.url).pathname;
const session = require(`${dist}session.js`);
const results = require(`${dist}results.js`);
const bodies = require(`${dist}bodies.js`);
const validation = require(`${dist}validation.js`);
const facebook = require(`${dist}actions/facebook/common.js`);
const facebookSession = require(`${dist}actions/facebookSession/common.js`);

describe('engage: cookie jar', () => {
	it('keeps JSESSIONID and a load-balancer cookie, drops attributes, sends them back', () => {
		const jar = new Map();
		session.storeCookies(jar, {
			'set-cookie': ['JSESSIONID=abc123; Path=/; HttpOnly', 'AWSELB=854B09; Path=/'],
		});
		assert.equal(session.cookieHeader(jar), 'JSESSIONID=abc123; AWSELB=854B09');
	});
	it('replaces a cookie with its new value and removes one set to expire', () => {
		const jar = new Map([
			['JSESSIONID', 'old'],
			['AWSELB', 'x'],
		]);
		session.storeCookies(jar, { 'Set-Cookie': 'JSESSIONID=new; Path=/' });
		session.storeCookies(jar, { 'set-cookie': ['AWSELB=; Max-Age=0'] });
		assert.equal(session.cookieHeader(jar), 'JSESSIONID=new');
		session.storeCookies(jar, {
			'set-cookie': ['JSESSIONID=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
		});
		assert.equal(session.cookieHeader(jar), undefined);
	});
	it('ignores responses without cookies and malformed lines', () => {
		const jar = new Map();
		session.storeCookies(jar, undefined);
		session.storeCookies(jar, { 'set-cookie': ['novalue', '=x'] });
		assert.equal(jar.size, 0);
	});
});

describe('engage: CSRF headers', () => {
	it('reads the header name and token a GET announces', () => {
		assert.deepEqual(
			session.readCsrf({
				'x-csrf-header': 'X-CSRF-TOKEN',
				'x-csrf-token': '4a92be65-ec55-4aa2-b9df-9518fd870f2f',
			}),
			{
				header: 'X-CSRF-TOKEN',
				token: '4a92be65-ec55-4aa2-b9df-9518fd870f2f',
			},
		);
	});
	it('uses the header name the server names, in any case of the response header', () => {
		assert.deepEqual(session.readCsrf({ 'X-CSRF-HEADER': 'X-XSRF-TOKEN', 'X-Csrf-Token': 't1' }), {
			header: 'X-XSRF-TOKEN',
			token: 't1',
		});
	});
	it('defaults the header name to X-CSRF-TOKEN and announces nothing without a token', () => {
		assert.deepEqual(session.readCsrf({ 'x-csrf-token': 't2' }), {
			header: 'X-CSRF-TOKEN',
			token: 't2',
		});
		assert.equal(session.readCsrf({ 'x-csrf-header': 'X-CSRF-TOKEN' }), undefined);
		assert.equal(session.readCsrf({}), undefined);
	});
});

describe('engage: result bodies', () => {
	it('recognizes result bodies, also as text or with a numeric string code', () => {
		assert.deepEqual(results.asGwsResult({ statusCode: 0, referenceId: 57 }), {
			statusCode: 0,
			referenceId: 57,
		});
		assert.equal(results.asGwsResult('{"statusCode":6,"statusMessage":"x"}').statusCode, 6);
		assert.equal(results.asGwsResult({ statusCode: '2' }).statusCode, 2);
		for (const notResult of [
			'Missing or invalid Csrf token',
			'<html/>',
			null,
			[],
			{ message: 'x' },
			{ statusCode: 'x' },
		]) {
			assert.equal(results.asGwsResult(notResult), undefined, JSON.stringify(notResult));
		}
	});
});

describe('engage: request bodies', () => {
	it("send is the Facebook Send page's body; saveLAR only when asked for", () => {
		assert.deepEqual(
			bodies.sendBody({
				queuePath: '/contacts/60eb',
				from: 'vitaliy_onv',
				message: 'Hello Facebook!',
				saveLar: false,
			}),
			{
				operationName: 'Send',
				queuePath: '/contacts/60eb',
				facebook: { from: 'vitaliy_onv', message: 'Hello Facebook!' },
			},
		);
		assert.equal(
			bodies.sendBody({ queuePath: '/q', from: 'a', message: 'b', saveLar: true }).saveLAR,
			true,
		);
	});
	it('create, reply and cancel', () => {
		assert.deepEqual(bodies.createBody({ queuePath: '/queues/1' }), {
			operationName: 'Create',
			queuePath: '/queues/1',
		});
		assert.deepEqual(bodies.createBody({ queuePath: '/queues/1', userData: { a: 1 } }), {
			operationName: 'Create',
			queuePath: '/queues/1',
			userData: { a: 1 },
		});
		assert.deepEqual(bodies.replyBody({ queuePath: '/queues/1' }), {
			operationName: 'Reply',
			queuePath: '/queues/1',
		});
		assert.deepEqual(
			bodies.replyBody({ queuePath: '/queues/1', commentId: 'c', userData: { k: 'v' } }),
			{
				operationName: 'Reply',
				queuePath: '/queues/1',
				commentId: 'c',
				userData: { k: 'v' },
			},
		);
		assert.deepEqual(bodies.cancelBody(), { operationName: 'Cancel' });
	});
	it('session operations', () => {
		assert.deepEqual(bodies.acceptBody({}), { operationName: 'Accept' });
		assert.deepEqual(bodies.acceptBody({ nickname: 'Kim' }), {
			operationName: 'Accept',
			nickname: 'Kim',
		});
		assert.deepEqual(bodies.rejectBody(), { operationName: 'Reject' });
		assert.deepEqual(bodies.sendMessageBody({ text: 'hi' }), {
			operationName: 'SendMessage',
			text: 'hi',
		});
		assert.deepEqual(bodies.sendUrlBody({ url: 'https://x.test' }), {
			operationName: 'SendUrl',
			url: 'https://x.test',
		});
		assert.deepEqual(bodies.addCommentBody({ comment: 'c' }), {
			operationName: 'AddComment',
			comment: 'c',
		});
		assert.deepEqual(bodies.transferBody({ targetPath: '/users/1' }), {
			operationName: 'Transfer',
			targetPath: '/users/1',
		});
		assert.deepEqual(bodies.transferBody({ targetUri: 'https://g/api/v2/users/1' }), {
			operationName: 'Transfer',
			targetUri: 'https://g/api/v2/users/1',
		});
		assert.deepEqual(bodies.completeBody({}), { operationName: 'Complete' });
		assert.deepEqual(bodies.completeBody({ queueName: 'Q' }), {
			operationName: 'Complete',
			queueName: 'Q',
		});
	});
});

describe('engage: user data and helpers', () => {
	it('parses a JSON object, treats empty as none, names the problem otherwise', () => {
		assert.deepEqual(validation.parseUserData('{"Subject":"Refund"}'), {
			data: { Subject: 'Refund' },
		});
		assert.deepEqual(validation.parseUserData({ a: 1 }), { data: { a: 1 } });
		assert.deepEqual(validation.parseUserData('{}'), {});
		assert.deepEqual(validation.parseUserData('  '), {});
		assert.deepEqual(validation.parseUserData(undefined), {});
		assert.match(validation.parseUserData('{oops').problem, /not valid JSON/);
		assert.match(validation.parseUserData('[1]').problem, /JSON object/);
		assert.match(validation.parseUserData('"text"').problem, /JSON object/);
	});
	it('paths encode ids; URLs must be http(s)', () => {
		assert.equal(facebook.facebookPath('01QQ/../x'), '/api/v2/me/facebook/01QQ%2F..%2Fx');
		assert.equal(facebook.facebookPath(), '/api/v2/me/facebook');
		assert.equal(
			facebookSession.facebookSessionPath('0000Na9B26EF003M'),
			'/api/v2/me/facebooksessions/0000Na9B26EF003M',
		);
		assert.equal(validation.isWebUrl('https://example.com/help'), true);
		assert.equal(validation.isWebUrl('javascript:alert(1)'), false);
		assert.equal(validation.isWebUrl('example.com'), false);
	});
});
