/**
 * Runs tasks concurrently across keys and strictly in order within a key, with at most
 * `concurrency` tasks in flight. Used to send to many recipients at once while each
 * recipient still receives their messages in the order the items arrived.
 *
 * Results come back in input order; a task's failure is returned as its result (the caller
 * decides between continueOnFail and stopping), and never stops other keys.
 */
export async function runKeyed<T>(
	tasks: Array<{ key: string; run: () => Promise<T> }>,
	concurrency: number,
): Promise<Array<{ ok: true; value: T } | { ok: false; error: unknown }>> {
	const results: Array<{ ok: true; value: T } | { ok: false; error: unknown }> = new Array(
		tasks.length,
	);
	const queues = new Map<string, number[]>();
	tasks.forEach((task, index) => {
		const queue = queues.get(task.key);
		if (queue) queue.push(index);
		else queues.set(task.key, [index]);
	});
	const lanes = [...queues.values()];
	let next = 0;
	const worker = async () => {
		while (next < lanes.length) {
			const lane = lanes[next++];
			for (const index of lane) {
				try {
					results[index] = { ok: true, value: await tasks[index].run() };
				} catch (error) {
					results[index] = { ok: false, error };
				}
			}
		}
	};
	const width = Math.max(1, Math.min(concurrency, lanes.length));
	await Promise.all(Array.from({ length: width }, worker));
	return results;
}
