/**
 * App secrets kept for a few seconds, per credential (or per set of credentials: `S` is what one
 * load returns, e.g. the secrets of a trigger's Facebook App and Instagram Login credentials).
 * Reading a credential costs n8n a database query and a decryption on every delivery; under load
 * that query competes with the ones that record executions. A delivery that fails its check with
 * a kept secret is checked once more with a freshly read one, so a secret rotated in n8n (and at
 * Meta) is picked up by the next delivery.
 */
export class SecretCache<S = string> {
	private readonly entries = new Map<string, { secret: S; expiresAt: number }>();

	constructor(
		private readonly ttlMs: number,
		private readonly maxEntries: number,
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * Runs `check` with the kept secret for `key`, or with a freshly loaded one; if the kept one
	 * is refused by `accepted`, loads the secret again and runs `check` a second time.
	 * `key` undefined = nothing is kept.
	 */
	async use<T>(
		key: string | undefined,
		load: () => Promise<S>,
		check: (secret: S) => T,
		accepted: (result: T) => boolean,
	): Promise<T> {
		if (key === undefined) return check(await load());
		const kept = this.entries.get(key);
		if (kept && kept.expiresAt > this.now()) {
			const result = check(kept.secret);
			if (accepted(result)) return result;
		}
		this.entries.delete(key);
		const secret = await load();
		this.remember(key, secret);
		return check(secret);
	}

	forget(key: string): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}

	private remember(key: string, secret: S): void {
		// Oldest first (Map keeps insertion order): one credential per active trigger is typical.
		while (this.entries.size >= this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		this.entries.set(key, { secret, expiresAt: this.now() + this.ttlMs });
	}
}
