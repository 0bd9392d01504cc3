import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { graphRequest } from '../../../shared/graph';
import { instagramRequest } from '../../../shared/instagramGraph';
import { routeOf } from '../../route';
import { instagramAccount, pageLocator, resolvePageId } from './common';

/**
 * Page webhook fields (the `subscribed_fields` values of the Messenger Platform).
 * @see https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps/
 */
export const PAGE_FIELDS = [
	'message_deliveries',
	'message_echoes',
	'message_edits',
	'message_reactions',
	'message_reads',
	'messages',
	'messaging_account_linking',
	'messaging_feedback',
	'messaging_handovers',
	'messaging_optins',
	'messaging_policy_enforcement',
	'messaging_postbacks',
	'messaging_referrals',
	'standby',
];

/** What a Messenger bot usually needs. */
export const DEFAULT_FIELDS = [
	'messages',
	'messaging_postbacks',
	'messaging_optins',
	'messaging_referrals',
	'message_deliveries',
	'message_reads',
];

/**
 * Instagram webhook fields an Instagram Login account subscribes to (comments and mentions need
 * instagram_business_manage_comments).
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks/fields
 */
export const INSTAGRAM_FIELDS = [
	'comments',
	'live_comments',
	'mentions',
	'message_edit',
	'message_reactions',
	'messages',
	'messaging_handover',
	'messaging_optins',
	'messaging_postbacks',
	'messaging_referral',
	'messaging_seen',
	'standby',
	'story_insights',
];

/** What an Instagram messaging integration usually needs. */
export const DEFAULT_INSTAGRAM_FIELDS = [
	'messages',
	'messaging_postbacks',
	'messaging_seen',
	'messaging_referral',
	'message_reactions',
];

const properties: INodeProperties[] = [
	pageLocator(false, 'Empty: the Page of the Facebook Page credential'),
	{
		displayName: 'Subscribed Fields',
		name: 'subscribedFields',
		type: 'multiOptions',
		options: PAGE_FIELDS.map((field) => ({ name: field, value: field })),
		default: [
			'messages',
			'messaging_postbacks',
			'messaging_optins',
			'messaging_referrals',
			'message_deliveries',
			'message_reads',
		],
		description:
			'Webhook fields this Page sends to the app. Only fields also subscribed at the app level are delivered.',
		displayOptions: { hide: { authentication: ['instagramLogin'] } },
	},
	{
		displayName: 'Subscribed Fields',
		name: 'instagramSubscribedFields',
		type: 'multiOptions',
		options: INSTAGRAM_FIELDS.map((field) => ({ name: field, value: field })),
		default: [
			'messages',
			'messaging_postbacks',
			'messaging_seen',
			'messaging_referral',
			'message_reactions',
		],
		description:
			'Webhook fields this Instagram account sends to the app. Only fields also subscribed in the App Dashboard (Webhooks, object Instagram) are delivered.',
		displayOptions: { show: { authentication: ['instagramLogin'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['subscribeApp'] } },
	properties,
);

/** Subscribes the app to the Page's webhooks with the chosen fields. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	if (routeOf(this, itemIndex) === 'instagramLogin')
		return await subscribeInstagram.call(this, itemIndex);
	const fields =
		(this.getNodeParameter('subscribedFields', itemIndex, DEFAULT_FIELDS) as string[]) ?? [];
	if (!fields.length) {
		throw new NodeOperationError(
			this.getNode(),
			'No Subscribed Fields chosen: pick at least one (e.g. messages)',
			{ itemIndex },
		);
	}
	const unknown = fields.filter((field) => !PAGE_FIELDS.includes(field));
	if (unknown.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown webhook field(s): ${unknown.join(', ')}. Use: ${PAGE_FIELDS.join(', ')}`,
			{ itemIndex },
		);
	}
	const pageId = await resolvePageId.call(this, itemIndex);
	const response = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'POST',
		path: `/${pageId}/subscribed_apps`,
		body: { subscribed_fields: fields.join(',') },
		bodyType: 'form',
		kind: 'write',
		itemIndex,
	});
	return { success: response.success === true, pageId, subscribedFields: fields };
}

/**
 * Instagram Login: enables the account's webhooks for the app with the chosen fields
 * (`POST /me/subscribed_apps` with subscribed_fields, on graph.instagram.com).
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
async function subscribeInstagram(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const fields =
		(this.getNodeParameter(
			'instagramSubscribedFields',
			itemIndex,
			DEFAULT_INSTAGRAM_FIELDS,
		) as string[]) ?? [];
	if (!fields.length) {
		throw new NodeOperationError(
			this.getNode(),
			'No Subscribed Fields chosen: pick at least one (e.g. messages)',
			{ itemIndex },
		);
	}
	const unknown = fields.filter((field) => !INSTAGRAM_FIELDS.includes(field));
	if (unknown.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Unknown Instagram webhook field(s): ${unknown.join(', ')}. Use: ${INSTAGRAM_FIELDS.join(', ')}`,
			{ itemIndex },
		);
	}
	const accountId = await instagramAccount.call(this);
	const response = await instagramRequest.call(this, {
		method: 'POST',
		path: `/${accountId}/subscribed_apps`,
		body: { subscribed_fields: fields.join(',') },
		bodyType: 'form',
		kind: 'write',
		itemIndex,
	});
	return { success: response.success === true, accountId, subscribedFields: fields };
}
