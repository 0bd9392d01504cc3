// Release checks, run by `npm run lint` and `npm test` (and before `npm publish` in publish.yml):
//  1. every .github/workflows/*.yml is valid against GitHub's own workflow schema, with
//     @actions/workflow-parser (the parser behind GitHub's Actions language service: YAML, keys,
//     values such as `permissions`, expressions, cron); offline, errors as file (Line: n, Col: m);
//  2. the package npm would publish (`npm pack --dry-run --json`) holds only package.json,
//     README.md, LICENSE and dist/** (JavaScript, the nodes' .json codex files, icons): no tests,
//     no TypeScript sources, no source maps, nothing naming this machine's absolute paths, and
//     every node and credential listed under package.json `n8n` is in it.
//   node scripts/check-release.mjs [--workflows DIR] [--package DIR]
// (--workflows / --package point the checks at another folder, e.g. a deliberately broken copy.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const option = (name, fallback) => {
	const at = process.argv.indexOf(name);
	return at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : fallback;
};
const workflowsDir = option('--workflows', join(root, '.github/workflows'));
const packageDir = option('--package', root);

// @actions/workflow-parser imports its schema JSON without `with { type: 'json' }`, which Node
// rejects (actions/languageservices#387); this hook adds the attribute for that package only.
register(
	'data:text/javascript,' +
		encodeURIComponent(`export async function load(url, context, next) {
	if (url.includes('/node_modules/@actions/') && url.endsWith('.json') && !context.importAttributes?.type)
		return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
	return next(url, context);
}`),
);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import(
	'@actions/workflow-parser'
);

let failed = false;
const fail = (title, lines) => {
	failed = true;
	console.error(`check-release: ${title}\n${lines.map((line) => `  ${line}`).join('\n')}`);
};

// 1. Workflows
const workflowFiles = existsSync(workflowsDir)
	? readdirSync(workflowsDir)
			.filter((f) => /\.ya?ml$/.test(f))
			.sort()
	: [];
if (!workflowFiles.length)
	fail(`no workflow files in ${workflowsDir}`, ['expected ci.yml and publish.yml']);
for (const file of workflowFiles) {
	const rel = relative(process.cwd(), join(workflowsDir, file));
	const name = rel.startsWith('..') ? join(workflowsDir, file) : rel;
	const parsed = parseWorkflow(
		{ name, content: readFileSync(join(workflowsDir, file), 'utf8') },
		new NoOperationTraceWriter(),
	);
	const errors = parsed.context.errors.getErrors().map((e) => e.message);
	if (parsed.value && !errors.length) {
		const template = await convertWorkflowTemplate(parsed.context, parsed.value);
		errors.push(...(template.errors ?? []).map((e) => e.Message));
	}
	if (errors.length)
		fail(
			`${name} is not a valid GitHub Actions workflow (${errors.length} error${errors.length > 1 ? 's' : ''})`,
			errors,
		);
	else console.log(`check-release: ${name}: valid workflow`);
}

// 2. Package contents
const ALLOWED_TOP = new Set(['package.json', 'README.md', 'LICENSE']);
const ALLOWED_IN_DIST = /\.(js|json|svg|png)$/;
let files = [];
try {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--silent'], {
		cwd: packageDir,
		stdio: ['ignore', 'pipe', 'pipe'],
	}).toString();
	files = JSON.parse(out.slice(out.indexOf('[')))[0].files.map((f) => f.path);
} catch (error) {
	fail('`npm pack --dry-run --json` failed', [String(error.stderr ?? error.message).trim()]);
}
if (files.length) {
	const offending = [];
	for (const path of files) {
		const why = [];
		if (!ALLOWED_TOP.has(path) && !path.startsWith('dist/'))
			why.push('outside dist/ (only dist/**, package.json, README.md, LICENSE ship)');
		if (/\.map$/.test(path)) why.push('source map');
		if (/\.(ts|tsx|mts|cts)$/.test(path)) why.push('TypeScript source');
		if (
			/(^|\/)(test|tests|__tests__|__mocks__|emulators|fixtures)\/|\.(test|spec)\.[cm]?[jt]s$/.test(
				path,
			)
		)
			why.push('test file');
		if (path.startsWith('dist/') && !ALLOWED_IN_DIST.test(path) && !why.length)
			why.push('not build output (.js, .json, icons)');
		if (!why.length && /\.(js|json)$/.test(path)) {
			const text = readFileSync(join(packageDir, path), 'utf8');
			if (/[#@] sourceMappingURL=/.test(text)) why.push('references a source map');
			if (text.includes(packageDir.replace(/\/$/, '')))
				why.push(`contains this machine's path ${packageDir.replace(/\/$/, '')}`);
		}
		if (why.length) offending.push(`${path}: ${why.join('; ')}`);
	}
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const listed = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = listed.filter((p) => !files.includes(p.replace(/^\.\//, '')));
	if (!files.some((p) => p.startsWith('dist/')))
		missing.unshift('dist/ (nothing built: run `npm run build` first)');
	if (offending.length)
		fail(
			`the package would ship ${offending.length} file(s) it must not (fix "files" in package.json, .npmignore or tsconfig.json)`,
			offending,
		);
	if (missing.length)
		fail(
			`the package would lack ${missing.length} file(s) package.json's n8n section lists`,
			missing,
		);
	if (!offending.length && !missing.length)
		console.log(
			`check-release: npm pack: ${files.length} files, only package.json, README.md, LICENSE and dist/**`,
		);
}

process.exit(failed ? 1 : 0);
