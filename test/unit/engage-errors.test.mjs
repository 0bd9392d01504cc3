// Genesys Engage's error vocabulary (pure): what each statusCode means, how an answer that is not
// a success is described, which 403 is the CSRF filter's, and when the session GET is retried.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const errors = require('../../dist/nodes/GenesysEngage/errors.js');

const failure = (status, data, headers = {}) => ({
	status,
	data,
	headers,
	message: `HTTP ${status}`,
});

describe('engage: statusCode table', () => {
	it('has a meaning for every documented code 0..20', () => {
		for (let code = 0; code <= 20; code++) assert.ok(errors.STATUS_MEANINGS[code], `code ${code}`);
		assert.match(errors.statusMeaning(6), /could not be found/);
		assert.match(errors.statusMeaning(20), /not authenticated/);
		assert.match(errors.statusMeaning(99), /Unknown Web Services status code 99/);
	});
});

describe('engage: describing an answer that is not a success', () => {
	it('a result with a statusCode: its meaning, the statusMessage as the next step, the code as a fact', () => {
		assert.deepEqual(
			errors.describeAnswer(
				failure(404, { statusCode: 6, statusMessage: 'Facebook interaction X was not found' }),
			),
			{
				message: 'Genesys Engage: The requested resource could not be found (statusCode 6)',
				description: 'Facebook interaction X was not found',
				facts: { statusCode: 6 },
			},
		);
	});
	it('a 401 without a result is statusCode 20', () => {
		const described = errors.describeAnswer(failure(401, 'Unauthorized'));
		assert.match(described.message, /not authenticated.*\(statusCode 20\)/);
		assert.deepEqual(described.facts, { statusCode: 20 });
	});
	it('no result: the HTTP status and the start of the body, without tags', () => {
		assert.deepEqual(errors.describeAnswer(failure(502, '<html><b>Bad</b>  gateway</html>')), {
			message: 'Genesys Engage Web Services answered HTTP 502 without a result',
			description: 'Bad gateway',
		});
	});
	it('no answer at all names the call and the network code, never the request', () => {
		assert.deepEqual(
			errors.describeUnreachable(
				{ headers: {}, networkCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
				'GET',
				'/api/v2/me',
			),
			{
				message: 'Could not reach Genesys Engage Web Services (GET /api/v2/me)',
				description: 'Network error ECONNREFUSED',
			},
		);
	});
	it('an answer becomes the wire failure with lower-case headers', () => {
		assert.deepEqual(
			errors.answerFailure({ status: 503, body: 'busy', headers: { 'Retry-After': 2 } }),
			{ status: 503, data: 'busy', headers: { 'retry-after': '2' }, message: 'HTTP 503' },
		);
	});
});

describe("engage: the CSRF filter's 403", () => {
	it('is a 403 naming the token, or a 403 without a Web Services result', () => {
		const csrf = (body) => errors.isCsrfRejection({ status: 403, body, headers: {} });
		assert.equal(csrf('Missing or invalid Csrf token'), true);
		assert.equal(csrf('<html>Forbidden</html>'), true);
		assert.equal(csrf({ statusCode: 3, statusMessage: 'api-multimedia is not enabled' }), false);
		assert.equal(errors.isCsrfRejection({ status: 401, body: 'csrf', headers: {} }), false);
	});
});

describe('engage: retry of the session GET', () => {
	it('retries 429 and the gateway statuses, honouring Retry-After', () => {
		for (const status of [429, 502, 503, 504]) {
			assert.deepEqual(errors.sessionOpenRetry(failure(status, '', { 'retry-after': '2' })), {
				retry: true,
				delayMs: 2000,
			});
		}
		assert.equal(errors.sessionOpenRetry(failure(503, '')).delayMs, undefined);
	});
	it('retries the transient network failures only', () => {
		const network = (networkCode) =>
			errors.sessionOpenRetry({ headers: {}, networkCode, message: networkCode }).retry;
		for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'])
			assert.equal(network(code), true, code);
		for (const code of ['ECONNREFUSED', 'ENOTFOUND', undefined]) assert.equal(network(code), false);
	});
	it('does not retry a refusal Web Services gave (401, 403, 500)', () => {
		for (const status of [401, 403, 500])
			assert.equal(errors.sessionOpenRetry(failure(status, { statusCode: 4 })).retry, false);
	});
});
