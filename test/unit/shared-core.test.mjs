// The shared transport core and operation contract every node is bound on: the one API error
// (its wire failure kept off the error n8n stores), the one Continue On Fail item, the request
// encodings, the base-URL normaliser and the parameter readers.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
	apiError,
	failureOf,
	factsOf,
	requestOptions,
} = require('../../dist/nodes/shared/transport.js');
const { errorItem, paired, asNodeError } = require('../../dist/nodes/shared/router.js');
const { httpBaseUrl } = require('../../dist/nodes/shared/baseUrl.js');
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

const node = {
	id: '1',
	name: 'Node',
	type: 'n8n-nodes-messenger-bridge.airy',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const failure = {
	status: 503,
	data: { message: 'down' },
	headers: { 'set-cookie': 'JSESSIONID=secret-session-cookie', 'retry-after': '2' },
	message: 'Request failed with status code 503',
};

describe('apiError', () => {
	it('is a NodeApiError with the vendor message, description, HTTP code and item', () => {
		const error = apiError(
			node,
			failure,
			{ message: 'Airy is down', description: 'Retry later' },
			3,
		);
		assert.ok(error instanceof NodeApiError);
		assert.equal(error.message, 'Airy is down');
		assert.equal(error.description, 'Retry later');
		assert.equal(error.httpCode, '503');
		assert.equal(error.context.itemIndex, 3);
	});

	it('remembers its wire failure and facts beside it, never on it (n8n stores errors with executions)', () => {
		const error = apiError(node, failure, { message: 'm', facts: { code: 190 } });
		assert.equal(failureOf(error), failure);
		assert.deepEqual(factsOf(error), { code: 190 });
		assert.ok(!JSON.stringify(error).includes('secret-session-cookie'));
		assert.ok(!Object.values(error).includes(failure));
		assert.equal(failureOf(new Error('x')), undefined);
		assert.deepEqual(factsOf(new Error('x')), {});
	});
});

describe('errorItem: the one Continue On Fail item', () => {
	it('message, description, HTTP code and the vendor facts of an API error', () => {
		const error = apiError(
			node,
			failure,
			{ message: 'Token expired', description: 'Reconnect', facts: { code: 190, fbtraceId: 'T' } },
			0,
		);
		assert.deepEqual(errorItem(error), {
			error: 'Token expired',
			description: 'Reconnect',
			httpCode: '503',
			code: 190,
			fbtraceId: 'T',
		});
	});

	it('message and description of an operation error; the message of anything else', () => {
		const error = new NodeOperationError(node, 'Page ID is empty', { description: 'Pick a Page' });
		assert.deepEqual(errorItem(error), { error: 'Page ID is empty', description: 'Pick a Page' });
		assert.deepEqual(errorItem(new TypeError('boom')), { error: 'boom' });
		assert.deepEqual(errorItem('text'), { error: 'text' });
	});

	it('asNodeError keeps the package errors and wraps anything else with the item', () => {
		const context = { getNode: () => node };
		const own = new NodeOperationError(node, 'x');
		assert.equal(asNodeError(context, own, 1), own);
		const wrapped = asNodeError(context, new TypeError('boom'), 2);
		assert.ok(wrapped instanceof NodeOperationError);
		assert.equal(wrapped.message, 'boom');
		assert.equal(wrapped.context.itemIndex, 2);
	});

	it('paired: one object or a list, every output paired with its input item', () => {
		assert.deepEqual(paired({ a: 1 }, 4), [{ json: { a: 1 }, pairedItem: { item: 4 } }]);
		assert.deepEqual(paired([{ a: 1 }, { b: 2 }], 0), [
			{ json: { a: 1 }, pairedItem: { item: 0 } },
			{ json: { b: 2 }, pairedItem: { item: 0 } },
		]);
		assert.deepEqual(paired([], 0), []);
	});
});

describe('requestOptions', () => {
	it('JSON by default, form fields, or a ready multipart body', () => {
		const base = { method: 'POST', path: '/x', body: { a: '1' } };
		assert.deepEqual(requestOptions('https://h/x', base), {
			method: 'POST',
			url: 'https://h/x',
			qs: undefined,
			headers: {},
			json: true,
			body: { a: '1' },
		});
		const form = requestOptions('https://h/x', { ...base, bodyType: 'form' }, { 'x-kind': 'app' });
		assert.equal(form.json, false);
		assert.deepEqual(form.headers, {
			'x-kind': 'app',
			'content-type': 'application/x-www-form-urlencoded',
		});
		const multipart = requestOptions('https://h/x', {
			...base,
			body: Buffer.from('--b'),
			bodyType: { multipart: 'multipart/form-data; boundary=b' },
		});
		assert.equal(multipart.headers['content-type'], 'multipart/form-data; boundary=b');
		assert.equal(multipart.json, false);
		assert.equal(requestOptions('https://h', { method: 'GET', path: '' }).body, undefined);
	});
});

describe('httpBaseUrl', () => {
	it('trims and drops trailing slashes (and a pasted suffix)', () => {
		assert.equal(httpBaseUrl(' https://airy.example.com/ '), 'https://airy.example.com');
		assert.equal(httpBaseUrl('http://127.0.0.1:5811//'), 'http://127.0.0.1:5811');
		assert.equal(
			httpBaseUrl('https://gws.example.com/api/v2/', /\/api\/v2$/i),
			'https://gws.example.com',
		);
		assert.equal(httpBaseUrl('https://h.example.com/base/path'), 'https://h.example.com/base/path');
	});

	it('refuses what is not a plain http(s) URL: other schemes, userinfo, query, fragment, junk', () => {
		for (const value of [
			'ftp://h.example.com',
			'https://user:pass@h.example.com',
			'https://h.example.com/?token=x',
			'https://h.example.com/#x',
			'airy.example.com',
			'',
			undefined,
			42,
		])
			assert.equal(httpBaseUrl(value), undefined, String(value));
	});
});
