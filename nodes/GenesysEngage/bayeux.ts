import type { IDataObject } from 'n8n-workflow';

/**
 * Pure helpers for the Bayeux 1.0 messages of Web Services' CometD endpoint (long-polling):
 * what to send, and what to make of the answer. The transport and the waiting live in
 * notifications.ts.
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
 * @see https://docs.cometd.org/current/reference/#_bayeux
 */

/** The topic of the user's Facebook interactions' notifications. */
export const FACEBOOK_TOPIC = '/v2/me/facebook';

/** One Bayeux message: its channel and fields. */
export type BayeuxMessage = IDataObject & { channel: string };

/** The handshake that opens a client (long-polling only). */
export const handshakeMessage = (id: string): BayeuxMessage => ({
	channel: '/meta/handshake',
	version: '1.0',
	minimumVersion: '1.0',
	supportedConnectionTypes: ['long-polling'],
	id,
});

/** Subscribes the client to `subscription`. */
export const subscribeMessage = (
	id: string,
	clientId: string,
	subscription: string,
): BayeuxMessage => ({
	channel: '/meta/subscribe',
	clientId,
	subscription,
	id,
});

/** One long-poll: the server holds it until a notification or its timeout. */
export const connectMessage = (id: string, clientId: string): BayeuxMessage => ({
	channel: '/meta/connect',
	clientId,
	connectionType: 'long-polling',
	id,
});

/** Ends the client on the server. */
export const disconnectMessage = (id: string, clientId: string): BayeuxMessage => ({
	channel: '/meta/disconnect',
	clientId,
	id,
});

/** The messages of an answer (Bayeux answers with an array; a lone object is accepted too). */
export function messagesOf(body: unknown): BayeuxMessage[] {
	const list: unknown[] = Array.isArray(body)
		? body
		: body && typeof body === 'object'
			? [body]
			: [];
	return list.filter(
		(m): m is BayeuxMessage =>
			Boolean(m) && typeof m === 'object' && typeof (m as IDataObject).channel === 'string',
	);
}

/** What a reply to a meta message says. */
export interface MetaReply {
	successful: boolean;
	clientId?: string;
	error?: string;
	/** The server asks for a new handshake (unknown or expired client). */
	rehandshake: boolean;
	/** How long the server may hold a connect, when it says. */
	timeoutMs?: number;
}

/** The reply to the meta message `channel` in `messages`, or undefined when there is none. */
export function metaReply(messages: BayeuxMessage[], channel: string): MetaReply | undefined {
	const reply = messages.find((m) => m.channel === channel);
	if (!reply) return undefined;
	const advice = (reply.advice ?? {}) as IDataObject;
	const error = typeof reply.error === 'string' ? reply.error : undefined;
	return {
		successful: reply.successful === true,
		clientId: typeof reply.clientId === 'string' ? reply.clientId : undefined,
		error,
		rehandshake: advice.reconnect === 'handshake' || /^402::/.test(error ?? ''),
		timeoutMs: typeof advice.timeout === 'number' ? advice.timeout : undefined,
	};
}

/** The data of every notification on `topic` in `messages`, with its referenceId. */
export function notificationsOn(
	messages: BayeuxMessage[],
	topic: string,
): Array<{ referenceId: number; data: IDataObject }> {
	const found: Array<{ referenceId: number; data: IDataObject }> = [];
	for (const message of messages) {
		if (message.channel !== topic || !message.data || typeof message.data !== 'object') continue;
		const data = message.data as IDataObject;
		const referenceId = Number(data.referenceId);
		if (data.referenceId !== undefined && Number.isInteger(referenceId))
			found.push({ referenceId, data });
	}
	return found;
}
