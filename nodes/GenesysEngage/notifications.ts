import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import type { BayeuxMessage } from './bayeux';
import {
	connectMessage,
	disconnectMessage,
	handshakeMessage,
	messagesOf,
	metaReply,
	notificationsOn,
	subscribeMessage,
} from './bayeux';

/** Sends Bayeux messages in one POST and returns the answer's body. */
export type BayeuxPost = (
	messages: BayeuxMessage[],
	itemIndex: number,
	timeoutMs: number,
) => Promise<unknown>;

/** The awaited notification did not arrive in time (the operation may still complete). */
export class NotificationTimeout extends Error {}

/** The CometD endpoint answered, but not as Bayeux says it should. */
export class NotificationChannelError extends Error {}

/** How much longer than the server's hold a connect may take before it counts as lost. */
const CONNECT_MARGIN_MS = 10_000;

/** A connect answered at once with nothing waits this long before the next (never a busy loop). */
const MIN_POLL_MS = 250;

/** Notifications kept for references nobody waits for yet (other items' results arrive early). */
const MAX_BUFFERED = 1000;

/**
 * One CometD client of Web Services for one execution: it subscribes before an operation runs
 * (so no result can be missed), then long-polls until the notification with the operation's
 * referenceId arrives. A server that forgot the client (a restart) gets a new handshake and the
 * same subscriptions.
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
 */
export class GwsNotifications {
	private clientId: string | undefined;

	private readonly topics = new Set<string>();

	private readonly buffered = new Map<string, IDataObject>();

	private holdMs = 30_000;

	private nextId = 0;

	constructor(private readonly post: BayeuxPost) {}

	/** Subscribes to `topic` (once per execution). */
	async subscribe(topic: string, itemIndex: number): Promise<void> {
		if (this.topics.has(topic) && this.clientId) return;
		this.topics.add(topic);
		if (!this.clientId) await this.handshake(itemIndex);
		else await this.subscribeTo(topic, itemIndex);
	}

	/** The data of the notification on `topic` with `referenceId`, waiting up to `timeoutMs`. */
	async waitFor(
		topic: string,
		referenceId: number,
		timeoutMs: number,
		itemIndex: number,
	): Promise<IDataObject> {
		const deadline = Date.now() + timeoutMs;
		const key = `${topic} ${referenceId}`;
		for (;;) {
			const kept = this.buffered.get(key);
			if (kept) {
				this.buffered.delete(key);
				return kept;
			}
			if (Date.now() >= deadline) {
				throw new NotificationTimeout(
					`No notification for referenceId ${referenceId} within ${Math.round(timeoutMs / 1000)} s`,
				);
			}
			await this.connect(itemIndex);
		}
	}

	/** Ends the client on the server; a failure is of no consequence at this point. */
	async close(): Promise<void> {
		if (!this.clientId) return;
		const clientId = this.clientId;
		this.clientId = undefined;
		try {
			await this.post([disconnectMessage(this.id(), clientId)], 0, 5000);
		} catch {
			// The server forgets idle clients by itself.
		}
	}

	private id(): string {
		this.nextId += 1;
		return String(this.nextId);
	}

	private async handshake(itemIndex: number): Promise<void> {
		const messages = messagesOf(await this.post([handshakeMessage(this.id())], itemIndex, 30_000));
		const reply = metaReply(messages, '/meta/handshake');
		if (!reply?.successful || !reply.clientId) {
			throw new NotificationChannelError(
				`The CometD handshake was refused${reply?.error ? `: ${reply.error}` : ''}`,
			);
		}
		this.clientId = reply.clientId;
		if (reply.timeoutMs !== undefined) this.holdMs = reply.timeoutMs;
		for (const topic of this.topics) await this.subscribeTo(topic, itemIndex);
	}

	private async subscribeTo(topic: string, itemIndex: number): Promise<void> {
		const message = subscribeMessage(this.id(), this.clientId ?? '', topic);
		const reply = metaReply(
			messagesOf(await this.post([message], itemIndex, 30_000)),
			'/meta/subscribe',
		);
		if (reply?.rehandshake) return await this.handshake(itemIndex);
		if (!reply?.successful) {
			throw new NotificationChannelError(
				`Subscribing to ${topic} was refused${reply?.error ? `: ${reply.error}` : ''}`,
			);
		}
	}

	/** One long-poll: keeps every notification it brings; re-handshakes when the server asks. */
	private async connect(itemIndex: number): Promise<void> {
		if (!this.clientId) await this.handshake(itemIndex);
		// The server may hold the poll for its whole advice timeout, whatever is left of ours.
		const timeout = this.holdMs + CONNECT_MARGIN_MS;
		const started = Date.now();
		const messages = messagesOf(
			await this.post([connectMessage(this.id(), this.clientId ?? '')], itemIndex, timeout),
		);
		const reply = metaReply(messages, '/meta/connect');
		if (!reply)
			throw new NotificationChannelError(
				'The CometD connect was not answered with a Bayeux /meta/connect reply',
			);
		let brought = 0;
		for (const topic of this.topics) {
			for (const { referenceId, data } of notificationsOn(messages, topic)) {
				const key = `${topic} ${referenceId}`;
				// The first notification of a reference is its result (later ones are updates).
				if (!this.buffered.has(key)) this.buffered.set(key, data);
				if (this.buffered.size > MAX_BUFFERED)
					this.buffered.delete(this.buffered.keys().next().value as string);
				brought += 1;
			}
		}
		if (reply.rehandshake) {
			this.clientId = undefined;
			await this.handshake(itemIndex);
		} else if (!reply.successful) {
			throw new NotificationChannelError(
				`The CometD connect failed${reply.error ? `: ${reply.error}` : ''}`,
			);
		} else if (!brought && Date.now() - started < MIN_POLL_MS) {
			await sleep(MIN_POLL_MS);
		}
	}
}
