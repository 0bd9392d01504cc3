// The editor layer: a real n8n with the packed package and the emulators, driven in headless
// Chromium the way a user drives it. Picker → panel → credential picker → Execute step → output;
// Import from file; Test on credentials; Publish and a signed delivery. Failures keep a
// screenshot in test-results/browser/. Runs after the end-to-end suite in `npm test`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createEnv, OWNER } from '../e2e/env.mjs';
import {
	emulatorCredentials,
	GENESYS_OPEN_MESSAGING,
	GRAPH,
	INSTAGRAM,
} from '../emulators/fixtures.mjs';
import { genesysSignature } from '../emulators/genesys-cloud/openMessagingOutbound.mjs';
import { ENGAGE } from '../emulators/genesys-engage/index.mjs';
import {
	bigBatch,
	entry,
	envelope,
	IG_ID,
	igEvents,
	metaJson,
	signatureHeaders,
} from '../unit/trigger-payloads.mjs';
import { BROWSER_PORTS } from './ports.mjs';
import {
	defaultOperation,
	Editor,
	fieldsOf,
	launch,
	operationsOf,
	packageNodes,
	repoRoot,
	resourcesOf,
} from './editor.mjs';

const PACKAGE = 'n8n-nodes-messenger-bridge';
/** n8n's node picker lists a trigger without its " Trigger" suffix. */
const pickerName = (description) => description.displayName.replace(/ Trigger$/, '');
const env = createEnv({ port: BROWSER_PORTS.n8n, emulatorPorts: BROWSER_PORTS.emulators });
const nodes = packageNodes();
const actionNodes = nodes.filter((d) => !d.group.includes('trigger'));
const messengerTrigger = nodes.find((d) => d.name === 'messengerTrigger');
const CREDENTIALS = emulatorCredentials({ ports: BROWSER_PORTS.emulators });

let browser;
let editor;

before(
	async () => {
		await env.start();
		browser = await launch();
		editor = await Editor.signIn(browser, env.url, OWNER);
	},
	{ timeout: 10 * 60_000 },
);

after(async () => {
	await browser?.close();
	await env.stop();
});

/** The node as the editor saved it (over n8n's REST API, as stored in the database). */
async function savedNode(workflowId, type) {
	const workflow = await savedWorkflow(workflowId);
	return workflow.nodes.find((n) => n.type === `${PACKAGE}.${type}`);
}

/** A new workflow with `node` added by the picker's `action`; its panel is open. */
async function newWorkflowWith(node, action) {
	await editor.newWorkflow();
	await editor.addNodeByAction(node, action);
}

/** Closes the panel, saves the workflow and returns the stored node of `type`. */
async function closeAndSave(type) {
	await editor.closePanel();
	return savedNode(await editor.save(), type);
}

/**
 * The stored workflow. The editor shows the new workflow's address before its save request has
 * been stored, so a 404 right after saving is asked again for a few seconds.
 */
async function savedWorkflow(workflowId) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await env.rest(`/rest/workflows/${workflowId}`);
		} catch (error) {
			if (attempt >= 20 || !/→ 404/.test(error.message)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

describe('node picker: each node added through two of its actions shows that action', () => {
	for (const description of actionNodes) {
		// Two actions of different resources where the node has them.
		const picks = resourcesOf(description)
			.map((r) => ({ resource: r, operation: operationsOf(description, r.value)[0] }))
			.slice(-2);
		for (const { resource, operation } of picks) {
			it(`${description.displayName}: "${operation.action}"`, { timeout: 120_000 }, async () => {
				await editor.step(`picker ${description.displayName} ${operation.action}`, async () => {
					await editor.newWorkflow();
					await editor.addNodeByAction(description.displayName, operation.action);
					assert.equal(await editor.optionValue('resource'), resource.name);
					assert.equal(await editor.optionValue('operation'), operation.name);
					for (const field of fieldsOf(description, resource.value, operation.value).slice(0, 3)) {
						await editor.page.getByTestId(`parameter-input-${field.name}`).first().waitFor();
					}
					await editor.closePanel();
					const id = await editor.save();
					const stored = await savedNode(id, description.name);
					assert.equal(
						stored.parameters.resource ?? resourcesOf(description)[0].value,
						resource.value,
					);
					const storedOperation =
						stored.parameters.operation ?? defaultOperation(description, resource.value);
					assert.equal(
						storedOperation,
						operation.value,
						'the saved workflow keeps the picked operation',
					);
				});
			});
		}
	}

	for (const [action, event] of [
		['On message', 'message'],
		['On postback', 'postback'],
	]) {
		it(
			`Messenger Trigger: "${action}" shows the trigger with labelled credential fields`,
			{ timeout: 120_000 },
			async () => {
				const trigger = messengerTrigger;
				await editor.step(`picker trigger ${action}`, async () => {
					await editor.newWorkflow();
					const { page } = editor;
					await editor.addNodeByAction(pickerName(trigger), action, {
						search: 'Messenger',
						beforeOpen: (names) =>
							assert.ok(
								!names.includes('Messenger'),
								`a bare "Messenger" beside "Facebook Messenger" is ambiguous: ${names.join(', ')}`,
							),
					});
					await page.getByTestId('parameter-input-verifyToken').waitFor();
					// Only the App credential (the Page one appears with Auto Subscribe), labelled, and
					// preselected: a new trigger is ready to verify signatures.
					assert.deepEqual(await editor.credentialLabels(), ['Facebook App (verifies signatures)']);
					const chosen = await page
						.getByTestId('node-credentials-select')
						.locator('input')
						.evaluateAll((inputs) => inputs.map((i) => i.value));
					assert.deepEqual(chosen, ['Facebook App (emulator)']);
					if (event === 'postback') {
						// Options → Auto Subscribe on: the Page credential's field appears.
						await page.getByTestId('collection-parameter-add').click();
						await page
							.locator('[data-test-id="collection-parameter-option"]:visible')
							.filter({ hasText: 'Auto Subscribe' })
							.first()
							.click();
						await page
							.getByTestId('parameter-input-autoSubscribe')
							.locator('.el-switch, [role="switch"]')
							.first()
							.click();
						await page.getByTestId('credentials-label').nth(1).waitFor();
						assert.deepEqual(await editor.credentialLabels(), [
							'Facebook App (verifies signatures)',
							'Facebook Page (for Auto Subscribe)',
						]);
					}
					await editor.closePanel();
					const stored = await savedNode(await editor.save(), trigger.name);
					assert.deepEqual(
						stored.parameters.events,
						[event],
						'the picked event is the one filtered on',
					);
				});
			},
		);
	}

	it(
		'Messenger Trigger: Deduplication Store = Shared (Redis REST) shows the Redis REST credential field, the option stays',
		{ timeout: 120_000 },
		async () => {
			const trigger = messengerTrigger;
			await editor.step('trigger shared de-duplication', async () => {
				await editor.newWorkflow();
				const { page } = editor;
				await editor.addNodeByAction(pickerName(trigger), 'On message', { search: 'Messenger' });
				await page.getByTestId('parameter-input-verifyToken').waitFor();
				await editor.addCollectionOption('Deduplication Store');
				assert.equal(await editor.optionValue('deduplicationStore'), 'In-Process Memory');
				assert.deepEqual(await editor.credentialLabels(), ['Facebook App (verifies signatures)']);
				await editor.selectOption('deduplicationStore', 'Shared (Redis REST)');
				await page.getByTestId('credentials-label').nth(1).waitFor();
				const labels = await editor.credentialLabels();
				assert.deepEqual(
					labels.map((label) => label.split('\n')[0]),
					['Facebook App (verifies signatures)', 'Redis REST (for shared de-duplication)'],
				);
				// Not taken for the node's "main auth field": the option is still there to change.
				assert.equal(await editor.optionValue('deduplicationStore'), 'Shared (Redis REST)');
				await editor.closePanel();
				const stored = await savedNode(await editor.save(), trigger.name);
				assert.equal(stored.parameters.options.deduplicationStore, 'redis');
			});
		},
	);
});

describe('panel: every operation of every node keeps the operation when credentials are chosen', () => {
	for (const description of actionNodes) {
		it(description.displayName, { timeout: 300_000 }, async () => {
			await editor.step(`panel ${description.displayName}`, async () => {
				await editor.newWorkflow();
				const [firstResource] = resourcesOf(description);
				await editor.addNodeByAction(
					description.displayName,
					operationsOf(description, firstResource.value)[0].action,
				);
				let last;
				for (const resource of resourcesOf(description)) {
					await editor.selectOption('resource', resource.name);
					for (const operation of operationsOf(description, resource.value)) {
						await editor.selectOption('operation', operation.name);
						const labels = await editor.selectCredentials(() => '(emulator)');
						assert.ok(
							labels.length > 0,
							`${resource.name} → ${operation.name} shows a credential field`,
						);
						assert.equal(
							await editor.optionValue('resource'),
							resource.name,
							`${operation.name}: resource kept`,
						);
						assert.equal(
							await editor.optionValue('operation'),
							operation.name,
							`${resource.name}: operation kept after choosing credentials`,
						);
						last = { resource: resource.value, operation: operation.value };
					}
				}
				await editor.closePanel();
				const id = await editor.save();
				const stored = await savedNode(id, description.name);
				assert.equal(
					stored.parameters.operation ?? defaultOperation(description, last.resource),
					last.operation,
				);
				assert.ok(
					Object.keys(stored.credentials ?? {}).length > 0,
					'the chosen credentials are saved',
				);
			});
		});
	}

	it(
		'Facebook Messenger offers the App credential for Page tools and the Page credential for messages',
		{ timeout: 120_000 },
		async () => {
			await editor.step('panel facebook credentials', async () => {
				await newWorkflowWith('Facebook Messenger', 'Explore pages');
				assert.deepEqual(await editor.credentialLabels(), ['Facebook App']);
				await editor.selectOption('resource', 'Message');
				await editor.selectOption('operation', 'Send Text');
				assert.deepEqual(await editor.credentialLabels(), ['Facebook Page']);
			});
		},
	);

	it(
		"Facebook Messenger's Send Template and Send Sticker show the Send API kinds of 2026 and keep their fields",
		{ timeout: 180_000 },
		async () => {
			await editor.step('panel facebook send kinds', async () => {
				await newWorkflowWith('Facebook Messenger', 'Send a template');
				assert.deepEqual(await editor.credentialLabels(), ['Facebook Page']);
				await editor.selectOption('templateType', 'Image Grid');
				await editor.fill('gridTitle', 'New arrivals');
				await editor.selectOption('templateType', 'Media');
				assert.equal(await editor.optionValue('mediaSource'), 'Attachment ID');
				await editor.selectOption('templateType', 'Receipt');
				await editor.fill('receiptOrderNumber', 'A-42');
				await editor.selectOption('recipientType', 'Post ID (Private Reply)');
				assert.equal(await editor.optionValue('operation'), 'Send Template');
				const stored = await closeAndSave('facebookMessenger');
				assert.equal(stored.parameters.operation, 'sendTemplate');
				assert.equal(stored.parameters.templateType, 'receipt');
				assert.equal(stored.parameters.receiptOrderNumber, 'A-42');
				assert.equal(stored.parameters.recipientType, 'post_id');
			});
			await editor.step('panel facebook coupon', async () => {
				await editor.newWorkflow();
				await editor.addNodeByAction('Facebook Messenger', 'Send a template');
				await editor.selectOption('templateType', 'Coupon');
				await editor.fill('couponTitle', '10% off everything');
				await editor.fill('couponCode', '10PERCENT');
				await editor.fill('couponUrl', 'https://shop.example.com/');
				await editor.fill('couponExpireTime', '2026-12-31 23:59:59');
				await editor.closePanel();
				const stored = await savedNode(await editor.save(), 'facebookMessenger');
				assert.equal(stored.parameters.templateType, 'coupon');
				assert.equal(stored.parameters.couponTitle, '10% off everything');
				assert.equal(stored.parameters.couponCode, '10PERCENT');
				assert.equal(stored.parameters.couponUrl, 'https://shop.example.com/');
				assert.equal(stored.parameters.couponExpireTime, '2026-12-31 23:59:59');
			});
			await editor.step('panel facebook customer information', async () => {
				await editor.newWorkflow();
				await editor.addNodeByAction('Facebook Messenger', 'Send a template');
				await editor.selectOption('templateType', 'Customer Information');
				await editor.fill('customerInfoPrivacyUrl', 'https://shop.example.com/privacy');
				await editor.fill('customerInfoCountries', 'US, CA');
				await editor.fill('customerInfoExpiresInDays', '3');
				await editor.closePanel();
				const stored = await savedNode(await editor.save(), 'facebookMessenger');
				assert.equal(stored.parameters.templateType, 'customer_information');
				assert.equal(stored.parameters.customerInfoPrivacyUrl, 'https://shop.example.com/privacy');
				assert.equal(stored.parameters.customerInfoCountries, 'US, CA');
				assert.equal(stored.parameters.customerInfoExpiresInDays, 3);
			});
			await editor.step('panel facebook instant form', async () => {
				await editor.newWorkflow();
				await editor.addNodeByAction('Facebook Messenger', 'Send a template');
				await editor.selectOption('templateType', 'Instant Form');
				await editor.fill('instantFormId', '3300000000000001');
				await editor.closePanel();
				const stored = await savedNode(await editor.save(), 'facebookMessenger');
				assert.equal(stored.parameters.templateType, 'instant_form');
				assert.equal(stored.parameters.instantFormId, '3300000000000001');
			});
			await editor.step('panel facebook sticker id', async () => {
				await newWorkflowWith('Facebook Messenger', 'Send a sticker');
				await editor.selectOption('sticker', 'Sticker ID (Messenger Sticker API)');
				await editor.fill('stickerId', '767226160478561');
				const stored = await closeAndSave('facebookMessenger');
				assert.equal(stored.parameters.operation, 'sendSticker');
				assert.equal(stored.parameters.sticker, 'sticker_id');
				assert.equal(stored.parameters.stickerId, '767226160478561');
			});
		},
	);

	it(
		'Genesys Cloud Send Inbound Message: Message From = Messenger Trigger Event hides the mapped fields and is saved',
		{ timeout: 120_000 },
		async () => {
			await editor.step('panel genesys open messaging message from', async () => {
				await editor.newWorkflow();
				await editor.addNodeByAction('Genesys Cloud', 'Send an inbound message');
				const { page } = editor;
				const shown = (parameter) => page.getByTestId(`parameter-input-${parameter}`).count();
				assert.equal(await editor.optionValue('messageFrom'), 'Fields Below');
				assert.equal(await shown('customerId'), 1, 'Fields Below: Customer ID to map');
				await editor.selectOption('messageFrom', 'Messenger Trigger Event');
				for (const parameter of ['customerId', 'messageId', 'text', 'messageType'])
					assert.equal(await shown(parameter), 0, `Messenger Trigger Event hides ${parameter}`);
				assert.equal(await editor.optionValue('buttonType'), 'Quick Reply');
				await editor.closePanel();
				const stored = await savedNode(await editor.save(), 'genesysCloud');
				// Send Inbound Message is the resource's default operation: n8n stores no default.
				assert.equal(stored.parameters.resource, 'openMessaging');
				assert.equal(stored.parameters.operation ?? 'sendInboundMessage', 'sendInboundMessage');
				assert.equal(stored.parameters.messageFrom, 'messengerTrigger');
			});
		},
	);

	it(
		'Facebook Messenger on Instagram Login: every operation keeps its operation and the Instagram Login credential',
		{ timeout: 300_000 },
		async () => {
			await editor.step('panel facebook messenger instagram login', async () => {
				const description = actionNodes.find((d) => d.name === 'facebookMessenger');
				await newWorkflowWith('Facebook Messenger', 'Get a user profile');
				// A new node starts on the Facebook route, whatever credentials exist.
				assert.equal(
					await editor.optionValue('authentication'),
					'Facebook Login (Page or App credential)',
				);
				assert.deepEqual(await editor.credentialLabels(), ['Facebook Page']);
				await editor.selectOption('authentication', 'Instagram Login');
				let last;
				for (const resource of resourcesOf(description)) {
					await editor.selectOption('resource', resource.name);
					for (const operation of operationsOf(description, resource.value)) {
						await editor.selectOption('operation', operation.name);
						const labels = await editor.selectCredentials((label) =>
							label.startsWith('Instagram Login') ? 'Instagram Login (emulator)' : undefined,
						);
						const where = `${resource.name} → ${operation.name}`;
						assert.deepEqual(
							labels,
							['Instagram Login'],
							`${where}: only the Instagram credential`,
						);
						assert.equal(await editor.optionValue('authentication'), 'Instagram Login', where);
						assert.equal(await editor.optionValue('resource'), resource.name, where);
						assert.equal(await editor.optionValue('operation'), operation.name, where);
						last = { resource: resource.value, operation: operation.value };
					}
				}
				const stored = await closeAndSave(description.name);
				assert.equal(stored.parameters.authentication, 'instagramLogin');
				assert.equal(
					stored.parameters.operation ?? defaultOperation(description, last.resource),
					last.operation,
				);
				assert.equal(stored.credentials?.instagramLoginApi?.name, 'Instagram Login (emulator)');
			});
		},
	);

	it(
		"Facebook Messenger's Page picker finds a Page past the first 100 by search",
		{ timeout: 120_000 },
		async () => {
			await editor.step('panel page picker search', async () => {
				const { page } = editor;
				await newWorkflowWith('Facebook Messenger', 'Get a page');
				await page.getByTestId('rlc-input').first().click();
				await page.getByTestId('rlc-search').fill('Page 119');
				await page.getByTestId('rlc-item').filter({ hasText: 'Bridge Page 119' }).first().click();
				assert.equal(await page.getByTestId('rlc-input').first().inputValue(), 'Bridge Page 119');
			});
		},
	);
});

// One operation per resource, configured in the panel and run with "Execute step".
const RUNS = [
	{ node: 'Facebook Messenger', action: 'Explore pages', expect: /120 items/ },
	{
		node: 'Facebook Messenger',
		action: 'Send a sender action',
		fill: { recipientId: GRAPH.psid },
		expect: /recipient_id|recipientId/,
	},
	{
		node: 'Facebook Messenger',
		action: 'Upload an attachment',
		options: { source: 'URL' },
		fill: { url: 'https://example.com/cat.png' },
		expect: /attachment_id|attachmentId/,
	},
	{
		node: 'Facebook Messenger',
		action: 'Get a user profile',
		fill: { userId: GRAPH.psid },
		expect: /first_name|firstName/,
	},
	{
		node: 'Facebook Messenger',
		action: 'Debug a token',
		options: { tokenSource: 'User Access Token of the App Credential' },
		expect: /is_valid|isValid/,
	},
	{
		node: 'Facebook Messenger',
		action: 'Get a user profile',
		first: { authentication: 'Instagram Login' },
		fill: { userId: INSTAGRAM.igsid },
		expect: /username/,
	},
	{
		node: 'Facebook Messenger',
		action: 'Refresh a token',
		first: { authentication: 'Instagram Login' },
		expect: /expiresAt/,
	},
	{
		node: 'Genesys Cloud',
		action: 'Get many integrations',
		seed: () => env.emulators.genesysCloud.api.seed('facebook', 3, 'Browser'),
		expect: /Browser/,
	},
	{ node: 'Genesys Cloud', action: 'Get many stickers', expect: /\d+ items?/ },
	{ node: 'Sunshine Conversations', action: 'Get many integrations', expect: /\d+ items?/ },
	{ node: 'Airy Core', action: 'Explore facebook pages', expect: /\d+ items?/ },
	{
		node: 'Airy Core',
		action: 'Connect an instagram account',
		fill: { pageId: GRAPH.pageId, accountId: '17841400000000001', name: 'Browser IG' },
		expect: /Browser IG/,
	},
	{
		node: 'Genesys Engage',
		action: 'Create a facebook interaction',
		fill: { queuePath: ENGAGE.queuePath },
		expect: /referenceId/,
	},
	{
		node: 'Genesys Engage',
		action: 'Send a message in a facebook session',
		fill: { sessionId: ENGAGE.chattingSessionId, text: 'Hello from the editor' },
		expect: /\d+ items?/,
	},
];

describe('Execute step: one operation per resource runs from the panel and shows its output', () => {
	for (const run of RUNS) {
		const on = run.first ? ` (${Object.values(run.first).join(', ')})` : '';
		it(`${run.node}: ${run.action}${on}`, { timeout: 120_000 }, async () => {
			await editor.step(`execute ${run.node} ${run.action}`, async () => {
				run.seed?.();
				await editor.newWorkflow();
				await editor.addNodeByAction(run.node, run.action);
				for (const [parameter, option] of Object.entries(run.first ?? {}))
					await editor.selectOption(parameter, option);
				await editor.selectCredentials(() => '(emulator)');
				for (const [parameter, option] of Object.entries(run.options ?? {}))
					await editor.selectOption(parameter, option);
				for (const [parameter, value] of Object.entries(run.fill ?? {}))
					await editor.fill(parameter, value);
				await editor.executeStep();
				const output = await editor.outputText({ until: run.expect });
				assert.doesNotMatch(output, /error|problem/i, output.slice(0, 400));
				assert.match(output, run.expect);
			});
		});
	}
});

describe('credentials: Test succeeds on every sandbox credential', () => {
	for (const credential of CREDENTIALS) {
		it(credential.name, { timeout: 60_000 }, async () => {
			await editor.step(`credential ${credential.name}`, async () => {
				const { page } = editor;
				await page.goto(`${env.url}/home/credentials/${credential.id}`);
				const modal = page.getByTestId('editCredential-modal');
				await modal.waitFor();
				// n8n tests on opening; Retry is the Test button a user presses again.
				await modal
					.getByRole('button', { name: /retry|test/i })
					.first()
					.click({ timeout: 30_000 });
				await modal
					.getByTestId('credentials-config-container-test-success')
					.waitFor({ timeout: 30_000 });
				await page.keyboard.press('Escape');
			});
		});
	}
});

// What the caller of a Webhook-started example sends (ids the emulators know).
const WEBHOOK_BODIES = {
	'genesys-engage-session-answer.json': { sessionId: ENGAGE.invitedSessionId },
};

describe('examples: each imports through the menu, has its credentials and runs', () => {
	const dir = join(repoRoot, 'examples');
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		// Started by an outside delivery (the package's triggers): imported and checked, not run here.
		const isTriggered = workflow.nodes.some(
			(n) => n.type.startsWith(`${PACKAGE}.`) && n.type.endsWith('Trigger'),
		);
		it(file, { timeout: 240_000 }, async () => {
			await editor.step(`example ${file}`, async () => {
				await editor.newWorkflow();
				await editor.importFromFile(join(dir, file));
				const { page } = editor;
				// No node may be left with a credential or parameter issue after import.
				await page.waitForTimeout(500);
				assert.equal(
					await page.getByTestId('node-issues').count(),
					0,
					'no node shows an issue after import',
				);
				const id = await editor.save();
				const stored = await savedWorkflow(id);
				for (const shipped of workflow.nodes.filter((n) => n.credentials)) {
					const node = stored.nodes.find((n) => n.name === shipped.name);
					assert.deepEqual(
						Object.keys(node.credentials ?? {}).sort(),
						Object.keys(shipped.credentials).sort(),
						`${node.name} keeps every credential of the file after Import from file`,
					);
				}
				if (isTriggered) return;
				await page.getByTestId('execute-workflow-button').click();
				const hook = stored.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
				if (hook) {
					// "Execute workflow" listens on the test URL; the call a real caller would make:
					const call = () =>
						fetch(`${env.url}/webhook-test/${hook.parameters.path}`, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: JSON.stringify(WEBHOOK_BODIES[file] ?? {}),
						});
					await env.waitFor(async () => (await call()).status !== 404, {
						what: `the test webhook of ${file}`,
						timeoutMs: 20_000,
					});
				}
				const execution = await env.waitFor(
					async () => {
						const [latest] = await env.executions(id, { limit: 1 });
						return latest && latest.status !== 'running' && latest.status !== 'new' ? latest : null;
					},
					{ what: `an execution of ${file}`, timeoutMs: 150_000 },
				);
				assert.equal(
					execution.status,
					'success',
					JSON.stringify(execution.data?.resultData?.error ?? {}).slice(0, 500),
				);
			});
		});
	}
});

describe('trigger: published from the editor, a signed delivery starts one execution with one item per event', () => {
	/**
	 * Adds the Messenger Trigger from the picker, sets it up (`configure` adds options), publishes
	 * it and sends a signed delivery of 3 events, `deliveries` times; returns what happened.
	 */
	async function publishAndDeliver({ configure, credentialFor, deliveries = 1 }) {
		const { page } = editor;
		await editor.newWorkflow();
		const trigger = messengerTrigger;
		await editor.addNodeByAction(pickerName(trigger), 'On message', { search: 'Messenger' });
		await editor.fill('verifyToken', GRAPH.verifyToken);
		await configure?.();
		await editor.selectCredentials(credentialFor);
		await editor.closePanel();
		const id = await editor.save();
		await page.getByTestId('workflow-open-publish-modal-button').click();
		await page.getByTestId('workflow-publish-button').click();
		await env.waitFor(async () => (await savedWorkflow(id)).activeVersionId, {
			what: 'the published version',
			timeoutMs: 30_000,
		});
		await env.publication(id);
		const stored = await savedWorkflow(id);
		const node = stored.nodes.find((n) => n.type === `${PACKAGE}.messengerTrigger`);
		const body = metaJson(bigBatch(1, 3, `browser${Date.now()}`));
		const statuses = [];
		for (let i = 0; i < deliveries; i++) {
			const response = await env.webhook(`${node.webhookId}/webhook`, {
				rawBody: body,
				headers: signatureHeaders(body, GRAPH.appSecret),
			});
			statuses.push(response.status);
		}
		const execution = await env.waitFor(
			async () => {
				const [latest] = await env.executions(id, { limit: 1 });
				return latest?.status === 'success' ? latest : null;
			},
			{ what: 'the trigger execution', timeoutMs: 60_000 },
		);
		await new Promise((r) => setTimeout(r, 2000)); // a second execution would show by now
		const runs = await env.executions(id, { limit: 10 });
		return { id, node, statuses, runs, items: env.nodeOutput(execution, node.name)[0] };
	}

	it('Messenger Trigger', { timeout: 180_000 }, async () => {
		await editor.step('trigger publish', async () => {
			const { id, statuses, items } = await publishAndDeliver({
				credentialFor: (label) => (/App/.test(label) ? 'Facebook App (emulator)' : undefined),
			});
			assert.deepEqual(statuses, [200]);
			assert.equal(items.length, 3);
			await editor.openWorkflow(id);
			await editor.page.getByTestId('radio-button-executions').click();
			await editor.page
				.getByText(/succeeded|success/i)
				.first()
				.waitFor();
		});
	});

	// Queue mode's option (#15), set the way a user sets it: Options → Deduplication Store →
	// Shared (Redis REST), then the Redis REST credential the panel shows for it.
	it(
		'Messenger Trigger with the shared de-duplication store: a redelivery runs nothing',
		{ timeout: 180_000 },
		async () => {
			await editor.step('trigger publish shared store', async () => {
				const redis = env.emulators.redisRest;
				assert.ok(redis, 'the Redis REST emulator runs (redis-server installed)');
				const before = redis.commands.length;
				const { statuses, runs, items } = await publishAndDeliver({
					configure: async () => {
						await editor.addCollectionOption('Deduplication Store');
						await editor.selectOption('deduplicationStore', 'Shared (Redis REST)');
					},
					credentialFor: (label) =>
						/App/.test(label)
							? 'Facebook App (emulator)'
							: /Redis/.test(label)
								? 'Redis REST (emulator)'
								: undefined,
					deliveries: 2,
				});
				assert.deepEqual(statuses, [200, 200]);
				assert.equal(items.length, 3);
				assert.equal(runs.length, 1, 'the redelivery started no second execution');
				const claims = redis.commands
					.slice(before)
					.filter((c) => c[0] === 'SET' && c.includes('NX'));
				assert.ok(claims.length >= 3, `the events were claimed in Redis (${claims.length} claims)`);
			});
		},
	);
});

describe('trigger: while the editor listens for a test event, a refused delivery shows one item saying why', () => {
	it('Messenger Trigger: a badly signed delivery', { timeout: 180_000 }, async () => {
		await editor.step('trigger listen refused', async () => {
			await editor.newWorkflow();
			const trigger = messengerTrigger;
			await editor.addNodeByAction(pickerName(trigger), 'On message', { search: 'Messenger' });
			await editor.selectCredentials((label) =>
				/App/.test(label) ? 'Facebook App (emulator)' : undefined,
			);
			await editor.fill('verifyToken', GRAPH.verifyToken);
			await editor.closePanel();
			const id = await editor.save();
			const stored = await savedWorkflow(id);
			const node = stored.nodes.find((n) => n.type === `${PACKAGE}.messengerTrigger`);
			await editor.openNode(node.name);
			await editor.listenForTestEvent();
			const body = metaJson(bigBatch(1, 1, `refused${Date.now()}`));
			const headers = signatureHeaders(body, 'the-secret-of-another-app');
			// The Test URL exists once n8n registered the listening (404 until then, nothing consumed).
			const response = await env.waitFor(
				async () => {
					const r = await env.fetch(`${env.url}/webhook-test/${node.webhookId}/webhook`, {
						method: 'POST',
						headers,
						body,
					});
					return r.status === 404 ? null : { status: r.status, text: await r.text() };
				},
				{ what: 'the Test URL', timeoutMs: 30_000 },
			);
			assert.equal(response.status, 401, response.text);
			const output = await editor.outputText({ until: /signatureMismatch/ });
			assert.match(output, /signatureMismatch/);
			assert.match(output, /X-Hub-Signature-256/);
			assert.doesNotMatch(output, /refused\d+/, 'no payload in the item');
		});
	});

	it('Messenger Trigger on the Instagram Login route', { timeout: 180_000 }, async () => {
		await editor.step('trigger instagram login publish', async () => {
			const { page } = editor;
			await editor.newWorkflow();
			const trigger = messengerTrigger;
			await editor.addNodeByAction(pickerName(trigger), 'On message', { search: 'Messenger' });
			await page.getByTestId('parameter-input-verifyToken').waitFor();
			assert.deepEqual(await editor.credentialLabels(), ['Facebook App (verifies signatures)']);
			// Object = Instagram: the Instagram Login credential's field appears beside the App's.
			await editor.selectOption('object', 'Instagram');
			await page.getByTestId('credentials-label').nth(1).waitFor();
			assert.deepEqual(
				(await editor.credentialLabels()).map((label) => label.split('\n')[0]),
				[
					'Facebook App (verifies signatures)',
					'Instagram Login (Instagram app secret, auto subscribe)',
				],
			);
			await editor.selectCredentials((label) =>
				/^Instagram Login/.test(label)
					? 'Instagram Login (emulator)'
					: /Facebook App/.test(label)
						? 'Facebook App (emulator)'
						: undefined,
			);
			// Not taken for the node's "main auth field": Object is still there and still Instagram.
			assert.equal(await editor.optionValue('object'), 'Instagram');
			await editor.fill('verifyToken', GRAPH.verifyToken);
			await editor.closePanel();
			const id = await editor.save();
			await page.getByTestId('workflow-open-publish-modal-button').click();
			await page.getByTestId('workflow-publish-button').click();
			await env.waitFor(async () => (await env.rest(`/rest/workflows/${id}`)).activeVersionId, {
				what: 'the published version',
				timeoutMs: 30_000,
			});
			await env.publication(id);
			const stored = await env.rest(`/rest/workflows/${id}`);
			const node = stored.nodes.find((n) => n.type === `${PACKAGE}.messengerTrigger`);
			assert.equal(node.parameters.object, 'instagram');
			assert.deepEqual(
				Object.fromEntries(Object.entries(node.credentials).map(([type, c]) => [type, c.name])),
				{
					facebookAppApi: 'Facebook App (emulator)',
					instagramLoginApi: 'Instagram Login (emulator)',
				},
			);
			// Signed with the Instagram app secret: accepted, one execution with the event.
			const mid = `ig_browser_${Date.now()}`;
			const body = metaJson(
				envelope('instagram', [
					entry(IG_ID, [{ ...igEvents.message, message: { ...igEvents.message.message, mid } }]),
				]),
			);
			const response = await env.webhook(`${node.webhookId}/webhook`, {
				rawBody: body,
				headers: signatureHeaders(body, INSTAGRAM.appSecret),
			});
			assert.equal(response.status, 200, response.text);
			const execution = await env.waitFor(
				async () => {
					const [latest] = await env.executions(id, { limit: 1 });
					return latest?.status === 'success' ? latest : null;
				},
				{ what: 'the trigger execution', timeoutMs: 60_000 },
			);
			const items = env.nodeOutput(execution, node.name)[0];
			assert.deepEqual(
				items.map((i) => [i.json.object, i.json.mid]),
				[['instagram', mid]],
			);
			const refused = await env.webhook(`${node.webhookId}/webhook`, {
				rawBody: body,
				headers: signatureHeaders(body, 'a-third-apps-secret'),
			});
			assert.equal(refused.status, 401);
		});
	});
});

describe('Genesys Cloud Open Messaging Trigger: picker, panel, publish', () => {
	const TYPE = 'genesysCloudOpenMessagingTrigger';
	const trigger = nodes.find((d) => d.name === TYPE);

	it(
		'"On text" shows the trigger with its labelled credential; Automatic Setup adds the Genesys Cloud credential and the integration picker',
		{ timeout: 180_000 },
		async () => {
			const [seeded] = (() => {
				env.emulators.genesysCloud.api.seed('open', 3, 'Browser');
				return [...env.emulators.genesysCloud.api.state.integrations.get('open').values()].filter(
					(e) => e.name.startsWith('Browser open'),
				);
			})();
			await editor.step('open messaging trigger panel', async () => {
				const { page } = editor;
				await editor.newWorkflow();
				await editor.addNodeByAction(pickerName(trigger), 'On text', { search: 'Open Messaging' });
				await page.getByTestId('parameter-input-types').waitFor();
				assert.deepEqual(await editor.credentialLabels(), [
					'Open Messaging Webhook (verifies signatures)',
				]);
				const chosen = await page
					.getByTestId('node-credentials-select')
					.locator('input')
					.evaluateAll((inputs) => inputs.map((i) => i.value));
				assert.deepEqual(chosen, ['Genesys Cloud Open Messaging (emulator)']);
				await page
					.getByTestId('parameter-input-autoConfigure')
					.locator('.el-switch, [role="switch"]')
					.first()
					.click();
				await page.getByTestId('credentials-label').nth(1).waitFor();
				assert.deepEqual(await editor.credentialLabels(), [
					'Open Messaging Webhook (verifies signatures)',
					'Genesys Cloud (for Automatic Setup)',
				]);
				await editor.selectCredentials((label) =>
					/Automatic Setup/.test(label) ? 'Genesys Cloud (emulator)' : undefined,
				);
				await page.getByTestId('rlc-input').first().click();
				await page.getByTestId('rlc-item').filter({ hasText: seeded.name }).first().click();
				assert.equal(await page.getByTestId('rlc-input').first().inputValue(), seeded.name);
				await editor.closePanel();
				const stored = await savedNode(await editor.save(), TYPE);
				assert.deepEqual(stored.parameters.types, ['Text']);
				assert.equal(stored.parameters.autoConfigure, true);
				assert.equal(stored.parameters.integrationId.value, seeded.id);
				assert.deepEqual(Object.keys(stored.credentials).sort(), [
					'genesysCloudOAuth2Api',
					'genesysCloudOpenMessagingApi',
				]);
			});
		},
	);

	it(
		'published from the editor, a signed notification starts one execution',
		{ timeout: 180_000 },
		async () => {
			await editor.step('open messaging trigger publish', async () => {
				const { page } = editor;
				await editor.newWorkflow();
				await editor.addNodeByAction(pickerName(trigger), 'On text', { search: 'Open Messaging' });
				await editor.closePanel();
				const id = await editor.save();
				await page.getByTestId('workflow-open-publish-modal-button').click();
				await page.getByTestId('workflow-publish-button').click();
				await env.waitFor(async () => (await env.rest(`/rest/workflows/${id}`)).activeVersionId, {
					what: 'the published version',
					timeoutMs: 30_000,
				});
				await env.publication(id);
				const stored = await env.rest(`/rest/workflows/${id}`);
				const node = stored.nodes.find((n) => n.type === `${PACKAGE}.${TYPE}`);
				const raw = JSON.stringify({
					id: `browser-${Date.now()}`,
					channel: {
						id: 'i',
						platform: 'Open',
						to: { id: 'customer' },
						time: new Date().toISOString(),
					},
					direction: 'Outbound',
					type: 'Text',
					text: 'From the agent',
				});
				const forged = await env.webhook(`${node.webhookId}/webhook`, {
					rawBody: raw,
					headers: {
						'content-type': 'application/json',
						'x-hub-signature-256': genesysSignature(raw, 'not-the-secret-token'),
					},
				});
				assert.equal(forged.status, 401);
				const response = await env.webhook(`${node.webhookId}/webhook`, {
					rawBody: raw,
					headers: {
						'content-type': 'application/json',
						'x-hub-signature-256': genesysSignature(raw, GENESYS_OPEN_MESSAGING.secretToken),
					},
				});
				assert.equal(response.status, 200, response.text);
				const execution = await env.waitFor(
					async () => {
						const [latest] = await env.executions(id, { limit: 1 });
						return latest?.status === 'success' ? latest : null;
					},
					{ what: 'the trigger execution', timeoutMs: 60_000 },
				);
				const items = env.nodeOutput(execution, node.name)[0];
				assert.deepEqual(
					items.map((i) => [i.json.type, i.json.text, i.json.recipientId]),
					[['Text', 'From the agent', 'customer']],
				);
				assert.equal((await env.executions(id, { includeData: false })).length, 1);
			});
		},
	);
});

// Queue mode's option on the Open Messaging Trigger (#18): the same Deduplication Store option and
// Redis REST credential as the Messenger Trigger's, set and published from the editor.
describe('Genesys Cloud Open Messaging Trigger: shared de-duplication store from the editor', () => {
	const TYPE = 'genesysCloudOpenMessagingTrigger';
	const trigger = nodes.find((d) => d.name === TYPE);

	it(
		'Deduplication Store = Shared (Redis REST) shows the Redis REST credential; published, a retried notification runs once',
		{ timeout: 180_000 },
		async () => {
			await editor.step('open messaging trigger shared store', async () => {
				const { page } = editor;
				const redis = env.emulators.redisRest;
				assert.ok(redis, 'the Redis REST emulator runs (redis-server installed)');
				await editor.newWorkflow();
				await editor.addNodeByAction(pickerName(trigger), 'On text', { search: 'Open Messaging' });
				await page.getByTestId('parameter-input-types').waitFor();
				await editor.addCollectionOption('Deduplication Store');
				assert.equal(await editor.optionValue('deduplicationStore'), 'In-Process Memory');
				assert.deepEqual(await editor.credentialLabels(), [
					'Open Messaging Webhook (verifies signatures)',
				]);
				await editor.selectOption('deduplicationStore', 'Shared (Redis REST)');
				await page.getByTestId('credentials-label').nth(1).waitFor();
				assert.deepEqual(
					(await editor.credentialLabels()).map((label) => label.split('\n')[0]),
					[
						'Open Messaging Webhook (verifies signatures)',
						'Redis REST (for shared de-duplication)',
					],
				);
				await editor.selectCredentials((label) =>
					/Redis/.test(label) ? 'Redis REST (emulator)' : undefined,
				);
				assert.equal(await editor.optionValue('deduplicationStore'), 'Shared (Redis REST)');
				await editor.closePanel();
				const id = await editor.save();
				const saved = await savedNode(id, TYPE);
				assert.equal(saved.parameters.options.deduplicationStore, 'redis');
				assert.deepEqual(Object.keys(saved.credentials).sort(), [
					'genesysCloudOpenMessagingApi',
					'redisRestApi',
				]);
				await page.getByTestId('workflow-open-publish-modal-button').click();
				await page.getByTestId('workflow-publish-button').click();
				await env.waitFor(async () => (await env.rest(`/rest/workflows/${id}`)).activeVersionId, {
					what: 'the published version',
					timeoutMs: 30_000,
				});
				await env.publication(id);
				const stored = await env.rest(`/rest/workflows/${id}`);
				const node = stored.nodes.find((n) => n.type === `${PACKAGE}.${TYPE}`);
				const raw = JSON.stringify({
					id: `browser-shared-${Date.now()}`,
					channel: {
						id: 'i',
						platform: 'Open',
						to: { id: 'customer' },
						time: new Date().toISOString(),
					},
					direction: 'Outbound',
					type: 'Text',
					text: 'Retried by Genesys',
				});
				const before = redis.commands.length;
				const statuses = [];
				for (let i = 0; i < 2; i++) {
					const response = await env.webhook(`${node.webhookId}/webhook`, {
						rawBody: raw,
						headers: {
							'content-type': 'application/json',
							'x-hub-signature-256': genesysSignature(raw, GENESYS_OPEN_MESSAGING.secretToken),
						},
					});
					statuses.push(response.status);
				}
				// (429 if the retry came before the first delivery's claim was marked done)
				assert.equal(statuses[0], 200);
				assert.ok([200, 429].includes(statuses[1]), String(statuses[1]));
				await env.waitFor(
					async () => {
						const [latest] = await env.executions(id, { limit: 1 });
						return latest?.status === 'success' ? latest : null;
					},
					{ what: 'the trigger execution', timeoutMs: 60_000 },
				);
				await new Promise((r) => setTimeout(r, 2000)); // a second execution would show by now
				assert.equal((await env.executions(id, { includeData: false })).length, 1);
				const claims = redis.commands
					.slice(before)
					.filter((c) => c[0] === 'SET' && c.includes('NX'));
				assert.ok(claims.length >= 1, 'the notification was claimed in Redis');
			});
		},
	);
});
