import type { IDataObject } from 'n8n-workflow';

/**
 * Request bodies of the Facebook and Facebook Private Messaging operations, exactly as the Web
 * Services pages give them. Pure, so that unit tests can pin them down field by field.
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/FacebookSend
 * @see https://docs.genesys.com/Documentation/HTCC/latest/API/FacebookPMAddComment
 */

/** Send: the message `from` a Facebook account, handled by the queue (job) `queuePath`. */
export function sendBody(p: {
	queuePath: string;
	from: string;
	message: string;
	saveLar: boolean;
}): IDataObject {
	const body: IDataObject = {
		operationName: 'Send',
		queuePath: p.queuePath,
		facebook: { from: p.from, message: p.message },
	};
	// saveLAR is optional and means "record this agent for last-agent routing"; sent only when wanted.
	if (p.saveLar) body.saveLAR = true;
	return body;
}

/** Create: an empty outbound interaction in `queuePath`, with optional user data. */
export function createBody(p: { queuePath: string; userData?: IDataObject }): IDataObject {
	const body: IDataObject = { operationName: 'Create', queuePath: p.queuePath };
	if (p.userData) body.userData = p.userData;
	return body;
}

/** Reply: a new outbound interaction answering the interaction, or one of its comments. */
export function replyBody(p: {
	queuePath: string;
	commentId?: string;
	userData?: IDataObject;
}): IDataObject {
	const body: IDataObject = { operationName: 'Reply', queuePath: p.queuePath };
	if (p.commentId) body.commentId = p.commentId;
	if (p.userData) body.userData = p.userData;
	return body;
}

/** Cancel: an outbound interaction not sent yet. */
export const cancelBody = (): IDataObject => ({ operationName: 'Cancel' });

/** Accept: an invitation to a session, with the nickname the customer sees (optional). */
export function acceptBody(p: { nickname?: string }): IDataObject {
	return p.nickname
		? { operationName: 'Accept', nickname: p.nickname }
		: { operationName: 'Accept' };
}

/** Reject: an invitation to a session. */
export const rejectBody = (): IDataObject => ({ operationName: 'Reject' });

/** SendMessage: a text message in the session. */
export const sendMessageBody = (p: { text: string }): IDataObject => ({
	operationName: 'SendMessage',
	text: p.text,
});

/** SendUrl: a link pushed to the customer. */
export const sendUrlBody = (p: { url: string }): IDataObject => ({
	operationName: 'SendUrl',
	url: p.url,
});

/** AddComment: the session's comment (for agents, not the customer). */
export const addCommentBody = (p: { comment: string }): IDataObject => ({
	operationName: 'AddComment',
	comment: p.comment,
});

/** Transfer: to an agent or queue, by path or by full URI (one of them). */
export function transferBody(p: { targetPath?: string; targetUri?: string }): IDataObject {
	if (p.targetUri) return { operationName: 'Transfer', targetUri: p.targetUri };
	return { operationName: 'Transfer', targetPath: p.targetPath };
}

/** Complete: ends the session, optionally placing it in the queue `queueName`. */
export function completeBody(p: { queueName?: string }): IDataObject {
	return p.queueName
		? { operationName: 'Complete', queueName: p.queueName }
		: { operationName: 'Complete' };
}
