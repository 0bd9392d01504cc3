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

/** The two routes' webhook fields: the parameter that chooses them, what is allowed, the default. */
const PAGE = {
	parameter: 'subscribedFields',
	allowed: PAGE_FIELDS,
	defaults: DEFAULT_FIELDS,
	unknown: 'Unknown webhook field(s)',
};
const INSTAGRAM = {
	parameter: 'instagramSubscribedFields',
	allowed: INSTAGRAM_FIELDS,
	defaults: DEFAULT_INSTAGRAM_FIELDS,
	unknown: 'Unknown Instagram webhook field(s)',
};

const properties: INodeProperties[] = [
	pageLocator(false, 'Empty: the Page of the Facebook Page credential'),
	{
		displayName: 'Subscribed Fields',
		name: PAGE.parameter,
		type: 'multiOptions',
		options: PAGE.allowed.map((field) => ({ name: field, value: field })),
		default: [...PAGE.defaults],
		description:
			'Webhook fields this Page sends to the app. Only fields also subscribed at the app level are delivered.',
		displayOptions: { hide: { authentication: ['instagramLogin'] } },
	},
	{
		displayName: 'Subscribed Fields',
		name: INSTAGRAM.parameter,
		type: 'multiOptions',
		options: INSTAGRAM.allowed.map((field) => ({ name: field, value: field })),
		default: [...INSTAGRAM.defaults],
		description:
			'Webhook fields this Instagram account sends to the app. Only fields also subscribed in the App Dashboard (Webhooks, object Instagram) are delivered.',
		displayOptions: { show: { authentication: ['instagramLogin'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['page'], operation: ['subscribeApp'] } },
	properties,
);

/**
 * Subscribes the app to the webhooks of the Page (`POST /{page-id}/subscribed_apps`) or, with
 * Instagram Login, of the Instagram account (`POST /{account-id}/subscribed_apps` on
 * graph.instagram.com) with the chosen fields.
 * @see https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps/
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const instagram = routeOf(this, itemIndex) === 'instagramLogin';
	const fields = chosenFields(this, itemIndex, instagram ? INSTAGRAM : PAGE);
	const body = { subscribed_fields: fields.join(',') };
	if (instagram) {
		const accountId = await instagramAccount.call(this);
		const response = await instagramRequest.call(this, {
			method: 'POST',
			path: `/${accountId}/subscribed_apps`,
			body,
			bodyType: 'form',
			kind: 'write',
			itemIndex,
		});
		return { success: response.success === true, accountId, subscribedFields: fields };
	}
	const pageId = await resolvePageId.call(this, itemIndex);
	const response = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'POST',
		path: `/${pageId}/subscribed_apps`,
		body,
		bodyType: 'form',
		kind: 'write',
		itemIndex,
	});
	return { success: response.success === true, pageId, subscribedFields: fields };
}

/** The route's chosen fields: at least one, each one the route knows (checked before any call). */
function chosenFields(context: IExecuteFunctions, itemIndex: number, route: typeof PAGE): string[] {
	const fields =
		(context.getNodeParameter(route.parameter, itemIndex, route.defaults) as string[]) ?? [];
	if (!fields.length) {
		throw new NodeOperationError(
			context.getNode(),
			'No Subscribed Fields chosen: pick at least one (e.g. messages)',
			{ itemIndex },
		);
	}
	const unknown = fields.filter((field) => !route.allowed.includes(field));
	if (unknown.length) {
		throw new NodeOperationError(
			context.getNode(),
			`${route.unknown}: ${unknown.join(', ')}. Use: ${route.allowed.join(', ')}`,
			{ itemIndex },
		);
	}
	return fields;
}
