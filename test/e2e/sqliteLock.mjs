// Holds the write lock of n8n's SQLite database from another process, so that n8n cannot write
// (as when its database is overloaded or its disk stalls). Runs under the n8n host's Node 24,
// which has node:sqlite; the test runner's Node may not.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { node24 } from '../../dev/host.mjs';

const HOLDER = `
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });
`;

/** Resolves once the lock is held; call release() to let n8n write again. */
export async function holdWriteLock(databaseFile) {
	const child = spawn(node24, ['--no-warnings', '-e', HOLDER, databaseFile], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	let out = '';
	await new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			if (out.includes('locked')) resolve();
		});
	});
	return {
		async release() {
			const exited = once(child, 'exit');
			child.stdin.end('release\n');
			await exited;
		},
	};
}
