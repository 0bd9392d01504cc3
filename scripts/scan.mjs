// Runs the checks of @n8n/scan-community-package locally: on the source tree (as the scanner
// reads the attested GitHub source) and on the packed tarball (as it reads the npm package).
// The CLI needs a published, provenance-attested package; its analyser does not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'mb-scan-'));
let failed = false;
try {
	const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
	report('source', source);
	const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
	})
		.toString()
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', join(work, packed), '-C', work]);
	const tarball = await analyzePackage(join(work, 'package'), ['**/*.js', 'package.json']);
	report(`tarball ${packed}`, tarball);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

function report(label, result) {
	if (result.passed) {
		console.log(`scan ${label}: passed${result.message ? ` (${result.message})` : ''}`);
		return;
	}
	failed = true;
	console.error(`scan ${label}: FAILED: ${result.message}\n${result.details ?? ''}`);
}
