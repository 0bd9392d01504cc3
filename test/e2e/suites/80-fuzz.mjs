// Fuzzing in CI with a small budget (MB_FUZZ_COUNT, default 600; `npm run fuzz` sends 10,000):
// n8n stays up, every answer is the specified status, nothing unsigned starts an execution,
// memory stays bounded.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { env } from '../env.mjs';
import {
	fuzzAndCheck,
	formatFuzzReport,
	fuzzWorkflow,
	RSS_CEILING_MIB,
} from '../../fuzz/workflow.mjs';

env.addWorkflows(fuzzWorkflow);

describe('e2e: fuzzing the Messenger Trigger', () => {
	it(
		'answers every generated request as specified and starts only signed, valid ones',
		{ timeout: 10 * 60_000 },
		async () => {
			const report = await fuzzAndCheck(env, { count: Number(process.env.MB_FUZZ_COUNT ?? 600) });
			process.stdout.write(`${formatFuzzReport(report)}\n`);
			assert.equal(
				report.health,
				200,
				`n8n is still up${env.n8n.exitState() ? `: it ${env.n8n.exitState()}` : ''}`,
			);
			assert.deepEqual(report.mismatches, []);
			assert.equal(
				report.executionsStarted,
				report.starts,
				'exactly the accepted requests started executions',
			);
			assert.ok(
				report.rssPeak < RSS_CEILING_MIB,
				`n8n memory peaked at ${report.rssPeak.toFixed(0)} MiB`,
			);
		},
	);
});
