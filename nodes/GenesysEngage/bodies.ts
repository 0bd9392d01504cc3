import type { IDataObject } from 'n8n-workflow';

// Request bodies, exactly as the Web Services Facebook and Facebook Private Messaging pages give
// them. Pure, so that unit tests can pin them down field by field.

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

export function createBody(p: { queuePath: string; userData?: IDataObject }): IDataObject {
	const body: IDataObject = { operationName: 'Create', queuePath: p.queuePath };
	if (p.userData) body.userData = p.userData;
	return body;
}

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

export const cancelBody = (): IDataObject => ({ operationName: 'Cancel' });

export function acceptBody(p: { nickname?: string }): IDataObject {
	return p.nickname
		? { operationName: 'Accept', nickname: p.nickname }
		: { operationName: 'Accept' };
}

export const rejectBody = (): IDataObject => ({ operationName: 'Reject' });

export const sendMessageBody = (p: { text: string }): IDataObject => ({
	operationName: 'SendMessage',
	text: p.text,
});

export const sendUrlBody = (p: { url: string }): IDataObject => ({
	operationName: 'SendUrl',
	url: p.url,
});

export const addCommentBody = (p: { comment: string }): IDataObject => ({
	operationName: 'AddComment',
	comment: p.comment,
});

export function transferBody(p: { targetPath?: string; targetUri?: string }): IDataObject {
	if (p.targetUri) return { operationName: 'Transfer', targetUri: p.targetUri };
	return { operationName: 'Transfer', targetPath: p.targetPath };
}

export function completeBody(p: { queueName?: string }): IDataObject {
	return p.queueName
		? { operationName: 'Complete', queueName: p.queueName }
		: { operationName: 'Complete' };
}
