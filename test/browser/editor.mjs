// What a user does in n8n's editor, as small steps over Playwright (playwright-core) driving
// Debian's Chromium. Selectors are n8n's own `data-test-id`s (n8n 2.40.7), read off the running
// editor, so a step fails where a user would get stuck.
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { chromium, selectors } = require('playwright-core');

export const repoRoot = new URL('../..', import.meta.url).pathname;
export const CHROMIUM = process.env.MB_CHROMIUM ?? '/usr/bin/chromium';
/** Where a failing step leaves its screenshot (git-ignored). */
export const SHOT_DIR = join(repoRoot, 'test-results', 'browser');

// Flags that let Chromium start as root in a container with no network beyond loopback.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

selectors.setTestIdAttribute('data-test-id');

export async function launch() {
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The node types of the built package, with their descriptions (what the panel offers). */
export function packageNodes() {
	const dir = join(repoRoot, 'dist', 'nodes');
	return readdirSync(dir)
		.filter((name) => name !== 'shared')
		.map((name) => {
			const module = require(join(dir, name, `${name}.node.js`));
			const NodeClass = module[name];
			return new NodeClass().description;
		});
}

/** Options of a node's `operation` parameter for one resource, as the panel lists them. */
export function operationsOf(description, resource) {
	return description.properties
		.filter(
			(p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(resource),
		)
		.flatMap((p) => p.options ?? []);
}

/** The operation a node stores nothing for (n8n saves only values that differ from the default). */
export function defaultOperation(description, resource) {
	return description.properties.find(
		(p) => p.name === 'operation' && (p.displayOptions?.show?.resource ?? []).includes(resource),
	)?.default;
}

export function resourcesOf(description) {
	return description.properties.find((p) => p.name === 'resource')?.options ?? [];
}

const SIMPLE_TYPES = new Set(['string', 'number', 'boolean', 'options', 'multiOptions']);

/** Parameters the panel shows for exactly this resource and operation (no further conditions). */
export function fieldsOf(description, resource, operation) {
	return description.properties.filter((p) => {
		const show = p.displayOptions?.show;
		if (!show || !SIMPLE_TYPES.has(p.type)) return false;
		const keys = Object.keys(show).filter((k) => !k.startsWith('@'));
		return (
			keys.length === 2 &&
			(show.resource ?? []).includes(resource) &&
			(show.operation ?? []).includes(operation)
		);
	});
}

/** One signed-in browser tab on n8n, with the steps a user takes. */
export class Editor {
	constructor(page, baseUrl) {
		this.page = page;
		this.url = baseUrl;
		// The workflow writes (save, autosave) the page has in flight and has finished: n8n 2.40
		// autosaves and shows no save button, so save() waits on these instead.
		this.writes = { pending: 0, done: 0 };
		const isWrite = (request) =>
			request.method() !== 'GET' &&
			/\/rest\/workflows(\/[^/]+)?$/.test(new URL(request.url()).pathname);
		page.on('request', (request) => {
			if (isWrite(request)) this.writes.pending++;
		});
		const finished = (request) => {
			if (!isWrite(request)) return;
			this.writes.pending--;
			this.writes.done++;
		};
		page.on('requestfinished', finished);
		page.on('requestfailed', finished);
	}

	static async signIn(browser, baseUrl, { email, password }) {
		const context = await browser.newContext({
			viewport: { width: 1600, height: 1000 },
			acceptDownloads: false,
		});
		const page = await context.newPage();
		page.setDefaultTimeout(20_000);
		await page.goto(`${baseUrl}/signin`);
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: /sign in/i }).click();
		await page.waitForURL(/\/(home|workflows)/);
		return new Editor(page, baseUrl);
	}

	/** Runs `step`; on failure keeps a screenshot named after the step and rethrows. */
	async step(name, step) {
		try {
			return await step();
		} catch (error) {
			mkdirSync(SHOT_DIR, { recursive: true });
			const file = join(SHOT_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 100)}.png`);
			await this.page.screenshot({ path: file, fullPage: true }).catch(() => {});
			error.message = `${error.message}\n(screenshot: ${file})`;
			throw error;
		}
	}

	async newWorkflow() {
		await this.page.goto(`${this.url}/workflow/new`);
		await this.page.getByTestId('canvas-add-button').waitFor();
	}

	async openWorkflow(id) {
		await this.page.goto(`${this.url}/workflow/${id}`);
		await this.page.getByTestId('canvas-wrapper').waitFor();
	}

	/** Node picker: search the node, open it, click one of its actions (opens the panel). */
	/**
	 * Node picker: search (`search`, by default the node's name), open the node, click one of its
	 * actions (opens the panel). `beforeOpen` sees the search results first.
	 */
	async addNodeByAction(itemName, actionName, { search = itemName, beforeOpen } = {}) {
		const { page } = this;
		const plus = page.getByTestId('canvas-add-button');
		if (await plus.isVisible()) await plus.click();
		else await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill(search);
		const items = page.getByTestId('node-creator-item-name');
		await items.first().waitFor();
		await beforeOpen?.(await items.allInnerTexts());
		await items.getByText(itemName, { exact: true }).click();
		await page
			.getByTestId('item-iterator-item')
			.filter({ has: page.getByText(actionName, { exact: true }) })
			.first()
			.click();
		await page.getByTestId('ndv').waitFor();
	}

	async closePanel() {
		await this.page.getByTestId('ndv-close-button').click();
		await this.page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	async openNode(name) {
		await this.page.getByTestId('canvas-node').filter({ hasText: name }).first().dblclick();
		await this.page.getByTestId('ndv').waitFor();
	}

	/** The text an options parameter shows (its selected option's name). */
	async optionValue(parameter) {
		return this.page
			.getByTestId(`parameter-input-${parameter}`)
			.locator('input')
			.first()
			.inputValue();
	}

	async selectOption(parameter, optionName) {
		const { page } = this;
		await page.getByTestId(`parameter-input-${parameter}`).click();
		await page
			.locator('[data-test-id="parameter-input-item"]:visible')
			.filter({
				has: page.locator('.option-headline', { hasText: new RegExp(`^${escape(optionName)}$`) }),
			})
			.first()
			.click();
		await page.waitForFunction(
			([testId, name]) =>
				document.querySelector(`[data-test-id="${testId}"] input`)?.value === name,
			[`parameter-input-${parameter}`, optionName],
		);
	}

	/**
	 * A collection's "Add option": n8n shows a select (`collection-parameter-add`) or, in its
	 * newer panel, a dropdown (`collection-parameter-add-dropdown`); picks `optionName` in either.
	 */
	async addCollectionOption(optionName) {
		const { page } = this;
		const select = page.getByTestId('collection-parameter-add').first();
		if (await select.isVisible()) {
			await select.click();
			await page
				.locator('[data-test-id="collection-parameter-option"]:visible')
				.filter({ hasText: new RegExp(`^${escape(optionName)}$`) })
				.first()
				.click();
		} else {
			await page.getByTestId('collection-parameter-add-dropdown').first().click();
			await page.getByText(optionName, { exact: true }).last().click();
		}
		await page
			.getByTestId(`parameter-input-${camel(optionName)}`)
			.first()
			.waitFor();
	}

	async fill(parameter, value) {
		const input = this.page
			.getByTestId(`parameter-input-${parameter}`)
			.locator('input, textarea')
			.first();
		await input.fill(value);
		await input.blur();
	}

	/** Labels of the credential fields the panel shows now. */
	async credentialLabels() {
		return this.page.getByTestId('credentials-label').allInnerTexts();
	}

	/**
	 * In every credential field the panel shows, opens the picker and chooses the credential
	 * whose name contains `nameFor(label)` (a field whose label maps to nothing is left alone).
	 */
	async selectCredentials(nameFor) {
		const { page } = this;
		const slots = page.getByTestId('node-credentials-select');
		const labels = await this.credentialLabels();
		for (let i = 0; i < (await slots.count()); i++) {
			const wanted = nameFor(labels[i]);
			if (!wanted) continue;
			const input = slots.nth(i).locator('input').first();
			const { list, option } = await openUntilVisible(input, (opened) =>
				opened
					.locator('[data-test-id^="node-credentials-select-item-"]')
					.filter({ hasText: wanted })
					.first(),
			);
			const name = (await option.innerText()).trim().split('\n')[0];
			await option.click();
			await list.waitFor({ state: 'hidden' });
			await page.waitForFunction(
				([index, value]) =>
					document
						.querySelectorAll('[data-test-id="node-credentials-select"]')
						[index]?.querySelector('input')?.value === value,
				[i, name],
				{ timeout: 5_000 },
			);
		}
		return labels;
	}

	async executeStep() {
		await this.page.getByTestId('node-execute-button').click();
	}

	/**
	 * A webhook trigger's test listening from its open panel: n8n 2.40 labels the button "Execute
	 * step" (older editors "Listen for test event"). Resolves once the panel shows that it listens;
	 * the Test URL may still take a moment to be registered.
	 */
	async listenForTestEvent() {
		const ndv = this.page.getByTestId('ndv');
		await ndv.getByTestId('node-execute-button').first().click();
		await ndv
			.getByText(/Listening for test event|Stop listening|Waiting for/i)
			.first()
			.waitFor({ timeout: 30_000 });
	}

	/**
	 * Waits for the output panel to show an item count or an error, then (in its JSON view) for
	 * `until` to appear; returns the panel's text.
	 */
	async outputText({ until, timeoutMs = 60_000 } = {}) {
		const panel = this.page.getByTestId('output-panel');
		const error = panel.getByTestId('node-error-message');
		await panel.getByTestId('ndv-items-count').or(error).first().waitFor({ timeout: timeoutMs });
		if (until && !(await error.isVisible())) {
			await panel.getByTestId('radio-button-json').click();
			await panel
				.filter({ hasText: until })
				.waitFor({ timeout: 10_000 })
				.catch(() => {});
		}
		return panel.innerText();
	}

	/** Saves with the keyboard; returns the workflow id from the address. */
	async save() {
		const { page } = this;
		const pressedAt = Date.now();
		const before = this.writes.done;
		await page.keyboard.press('Control+s');
		await page.waitForURL(/\/workflow\/(?!new)[^/?#]+/);
		// The address changes before the save request is answered, and an autosave may have put it
		// there already: wait until a write finished since the key press (or none came within 2 s:
		// nothing was left to save) and none is in flight.
		for (;;) {
			const wrote = this.writes.done > before || Date.now() - pressedAt > 2_000;
			if (wrote && this.writes.pending === 0) break;
			if (Date.now() - pressedAt > 20_000)
				throw new Error('the workflow was not saved within 20 s');
			await page.waitForTimeout(100);
		}
		return new URL(page.url()).pathname.split('/').pop();
	}

	/** Workflow "…" menu → Import → From file, choosing `file` in the file dialog. */
	async importFromFile(file) {
		const { page } = this;
		await page.getByTestId('workflow-menu').click();
		await page.getByTestId('workflow-menu-item-import').hover();
		const [chooser] = await Promise.all([
			page.waitForEvent('filechooser'),
			page.getByTestId('workflow-menu-item-import-from-file').click(),
		]);
		await chooser.setFiles(file);
		await page.getByTestId('canvas-node').first().waitFor();
	}
}

/** "Deduplication Store" → "deduplicationStore" (this package's option names follow their labels). */
function camel(label) {
	return label
		.split(/\s+/)
		.map((word, i) => (i ? word[0].toUpperCase() + word.slice(1) : word.toLowerCase()))
		.join('');
}

function escape(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Clicks `input` until the list it opened shows `optionIn(list)`; returns both. A click that lands
 * while the panel re-renders the credential fields (after an operation change) can leave the list
 * closed, and the re-rendered field controls a new list: its id is read after every click.
 */
async function openUntilVisible(input, optionIn, attempts = 4) {
	for (let attempt = 1; ; attempt++) {
		await input.click();
		// The list this field opened (others may still be fading out).
		const list = input.page().locator(`[id="${await input.getAttribute('aria-controls')}"]`);
		const option = optionIn(list);
		try {
			await option.waitFor({ timeout: 5_000 });
			return { list, option };
		} catch (error) {
			if (attempt >= attempts) throw error;
			await input.press('Escape').catch(() => {});
		}
	}
}
