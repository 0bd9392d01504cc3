import type { IDataObject } from 'n8n-workflow';

/** What a Connect (Facebook page or Instagram account) sends, as read from the node. */
export interface ConnectInput {
	pageId: string;
	pageToken: string;
	name: string;
	imageUrl: string;
	/** Instagram only: the professional account linked to the page. */
	accountId?: string;
}

/**
 * Airy's snake_case connect body; the optional name and picture only when set.
 * @see https://airy.co/docs/core/sources/facebook
 * @see https://airy.co/docs/core/sources/instagram
 */
export function connectBody(input: ConnectInput): IDataObject {
	const body: IDataObject = { page_id: input.pageId, page_token: input.pageToken };
	if (input.name) body.name = input.name;
	if (input.imageUrl) body.image_url = input.imageUrl;
	if (input.accountId !== undefined) body.account_id = input.accountId;
	return body;
}
