import type { IDataObject } from 'n8n-workflow';

/**
 * Pure builders of the Create and Update Integration bodies from the node's parameter values.
 * @see https://developer.zendesk.com/api-reference/conversations/#tag/Integrations
 */

/** What a Create sends, as read from the node. */
export interface CreateInput {
	type: 'instagram' | 'messenger';
	pageAccessToken: string;
	appId: string;
	appSecret: string;
	displayName?: string;
	storyRepliesEnabled?: boolean;
	storyMentionsEnabled?: boolean;
	pageId?: string;
}

/** The Create Integration body for Instagram Direct or Messenger. */
export function createBody(input: CreateInput): IDataObject {
	const body: IDataObject = {
		type: input.type,
		pageAccessToken: input.pageAccessToken,
		appId: input.appId,
		appSecret: input.appSecret,
	};
	if (input.displayName) body.displayName = input.displayName;
	if (input.type === 'instagram') {
		if (input.storyRepliesEnabled !== undefined)
			body.storyRepliesEnabled = input.storyRepliesEnabled;
		if (input.storyMentionsEnabled !== undefined)
			body.storyMentionsEnabled = input.storyMentionsEnabled;
	}
	// The API's specification types the Messenger pageId as a number.
	// @see https://github.com/zendesk/sunshine-conversations-api-spec
	if (input.type === 'messenger' && input.pageId) body.pageId = Number(input.pageId);
	return body;
}

/** The Update Integration body from the chosen update fields; only known fields pass. */
export function updateBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (typeof fields.displayName === 'string') body.displayName = fields.displayName;
	if (typeof fields.storyRepliesEnabled === 'boolean')
		body.storyRepliesEnabled = fields.storyRepliesEnabled;
	if (typeof fields.storyMentionsEnabled === 'boolean')
		body.storyMentionsEnabled = fields.storyMentionsEnabled;
	if (typeof fields.pageAccessToken === 'string' && fields.pageAccessToken)
		body.pageAccessToken = fields.pageAccessToken;
	return body;
}
