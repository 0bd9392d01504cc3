// The Facebook Messenger node's Page picker (resource locator listSearch) against the Graph
// emulator, whose user manages more Pages than one Graph page holds: a search finds a Page
// wherever it is, in as few /me/accounts requests as possible, and never puts a token in a URL.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { loadNode, loadOptionsContext, graphCredentials } from '../helpers/harness.mjs';
import { start } from '../emulators/graph/index.mjs';
import { GRAPH } from '../emulators/fixtures.mjs';

const node = loadNode('FacebookMessenger');
let graph;

const context = () =>
	loadOptionsContext(node, {
		// Page › Get shows the picker with the App credential: n8n hands a node a credential only
		// when its current operation shows that credential.
		parameters: { resource: 'page', operation: 'get' },
		credentials: graphCredentials(graph.url, { page: false }),
	});
const search = (filter, token) =>
	node.methods.listSearch.searchPages.call(context(), filter, token);
const accountRequests = () => graph.requests.filter((r) => r.path === '/v27.0/me/accounts');

beforeAll(async () => {
	graph = await start({ ports: { graph: 0 } });
});
afterAll(async () => {
	await graph.close();
});
beforeEach(() => {
	graph.requests.length = 0;
});

describe('Page picker search', () => {
	it('the emulator user manages more Pages than one Graph page holds', () => {
		assert.ok(GRAPH.managedPages > 100);
		assert.ok(graph.state.pages.some((page) => page.name === 'Bridge Page 119'));
	});

	it('finds "Page 119", which sits past the first 100 Pages, in one call with no leftover token', async () => {
		const result = await search('Page 119');
		assert.deepEqual(
			result.results.map((r) => r.name),
			['Bridge Page 119'],
		);
		assert.equal(result.results[0].value, String(BigInt(GRAPH.pageId) + 119n));
		assert.equal(result.paginationToken, undefined);
		// Two Graph pages of the largest size, the second from the first one's `after` cursor.
		const requests = accountRequests();
		assert.equal(requests.length, 2);
		assert.deepEqual(
			requests.map((r) => r.query.limit),
			['100', '100'],
		);
		assert.equal(requests[0].query.after, undefined);
		assert.ok(requests[1].query.after);
	});

	it('is case-insensitive and matches a Page ID exactly', async () => {
		assert.deepEqual(
			(await search('bridge page 119')).results.map((r) => r.name),
			['Bridge Page 119'],
		);
		const id = String(BigInt(GRAPH.pageId) + 105n);
		assert.deepEqual(
			(await search(id)).results.map((r) => r.value),
			[id],
		);
	});

	it('a filter matching nothing scans to the end and returns no token', async () => {
		const result = await search('no such page');
		assert.deepEqual(result.results, []);
		assert.equal(result.paginationToken, undefined);
		assert.equal(accountRequests().length, 2);
	});

	it('a filter with many matches stops after the first full Graph page and resumes from its token', async () => {
		const first = await search('bridge');
		assert.equal(first.results.length, 100);
		assert.ok(first.paginationToken);
		assert.equal(accountRequests().length, 1);
		const second = await search('bridge', first.paginationToken);
		assert.equal(second.results.length, 20);
		assert.equal(second.paginationToken, undefined);
		assert.ok(second.results.some((r) => r.name === 'Bridge Page 119'));
	});

	it('without a filter pages normally: one Graph page per call', async () => {
		const first = await search();
		assert.equal(first.results.length, 100);
		assert.ok(first.paginationToken);
		const second = await search('', first.paginationToken);
		assert.equal(second.results.length, 20);
		assert.equal(second.paginationToken, undefined);
		assert.equal(accountRequests().length, 2);
	});

	it("on a Page-token operation n8n withholds the App credential: the picker offers the Page credential's Page", async () => {
		const onPageOperation = loadOptionsContext(node, {
			parameters: { resource: 'page', operation: 'getSubscribedApps' },
			credentials: graphCredentials(graph.url),
		});
		const result = await node.methods.listSearch.searchPages.call(onPageOperation);
		assert.deepEqual(
			result.results.map((r) => r.value),
			[GRAPH.pageId],
		);
		assert.equal(accountRequests().length, 0);
		assert.deepEqual(
			graph.requests.map((r) => r.path),
			['/v27.0/me'],
		);
	});

	it('no token in any URL', async () => {
		await search('Page 119');
		for (const request of graph.requests) {
			assert.ok(!request.url.includes('EAAemulator'), `token in URL ${request.url}`);
			assert.ok(!('access_token' in request.query));
		}
	});
});
