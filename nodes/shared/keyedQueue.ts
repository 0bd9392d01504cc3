/** The outcome of one task of {@link runKeyed}. */
export type KeyedResult<T> =
	| { ok: true; value: T }
	/** `order`: this failure's rank in time among the failures (0 for the first). */
	| { ok: false; error: unknown; order: number }
	/**
	 * Never started: `'key'` because an earlier task of the same key failed (`poisonKey`, or
	 * `stopOnFailure`), `'stopped'` because a task of another key failed (`stopOnFailure`).
	 * `cause` is the index of that failed task.
	 */
	| { ok: false; skipped: 'key' | 'stopped'; cause: number };

export interface KeyedOptions {
	/** After the first failure no task starts; tasks already running finish. */
	stopOnFailure?: boolean;
	/** After a task fails, the later tasks of its key are skipped (other keys go on). */
	poisonKey?: boolean;
}

/**
 * Runs tasks concurrently across keys and strictly in order within a key, with at most
 * `concurrency` tasks in flight. Used to send to many recipients at once while each
 * recipient still receives their messages in the order the items arrived.
 *
 * Results come back in input order; a task's failure is returned as its result (the caller
 * decides between continueOnFail and stopping). Without options a failure stops nothing;
 * `poisonKey` skips the failed key's later tasks, `stopOnFailure` starts no task at all after a
 * failure. Skipped tasks are reported as such, so the caller knows exactly which ones ran.
 */
export async function runKeyed<T>(
	tasks: Array<{ key: string; run: () => Promise<T> }>,
	concurrency: number,
): Promise<Array<Exclude<KeyedResult<T>, { skipped: string }>>>;
export async function runKeyed<T>(
	tasks: Array<{ key: string; run: () => Promise<T> }>,
	concurrency: number,
	options: KeyedOptions,
): Promise<Array<KeyedResult<T>>>;
export async function runKeyed<T>(
	tasks: Array<{ key: string; run: () => Promise<T> }>,
	concurrency: number,
	options: KeyedOptions = {},
): Promise<Array<KeyedResult<T>>> {
	const results: Array<KeyedResult<T>> = new Array(tasks.length);
	const queues = new Map<string, number[]>();
	tasks.forEach((task, index) => {
		const queue = queues.get(task.key);
		if (queue) queue.push(index);
		else queues.set(task.key, [index]);
	});
	const lanes = [...queues.values()];
	let next = 0;
	let stoppedBy: number | undefined;
	let failures = 0;
	const worker = async () => {
		while (next < lanes.length) {
			const lane = lanes[next++];
			let poisonedBy: number | undefined;
			for (const index of lane) {
				if (poisonedBy !== undefined) {
					results[index] = { ok: false, skipped: 'key', cause: poisonedBy };
					continue;
				}
				if (stoppedBy !== undefined) {
					results[index] = { ok: false, skipped: 'stopped', cause: stoppedBy };
					continue;
				}
				try {
					results[index] = { ok: true, value: await tasks[index].run() };
				} catch (error) {
					results[index] = { ok: false, error, order: failures++ };
					if (options.poisonKey || options.stopOnFailure) poisonedBy = index;
					if (options.stopOnFailure && stoppedBy === undefined) stoppedBy = index;
				}
			}
		}
	};
	const width = Math.max(1, Math.min(concurrency, lanes.length));
	await Promise.all(Array.from({ length: width }, worker));
	return results;
}
