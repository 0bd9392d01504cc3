// What the message operations share: the recipient, messaging and option fields, the envelope of
// a send and the send itself (`deliver`), on either route: Facebook Login (graph.facebook.com,
// Page token) or the Instagram Login route (graph.instagram.com, Instagram user token).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	checkInstagramQuickReplies,
	checkInstagramTag,
	checkMetadata,
	checkPersonaId,
	checkQuickReplies,
	checkRecipient,
	checkTag,
	type QuickReply,
} from '../../limits';
import { ROUTE_NAMES, routeOf, type Route } from '../../route';
import { credentialPageId, graphRequest } from '../../../shared/graph';
import { instagramAccountId, instagramRequest } from '../../../shared/instagramGraph';

/** A validated Send API request, ready to go; `key` orders sends to the same person. */
export interface PreparedSend {
	key: string;
	body: IDataObject | Buffer;
	bodyType?: 'json' | { multipart: string };
	recipientId: string;
	/** Where it goes: the Page's or the Instagram account's Send API. */
	route: Route;
}

/**
 * The Recipient fields of the message operations: User Ref only where Meta accepts it (Facebook);
 * with `allowComment`, private replies (Comment ID on both routes, Post ID on Facebook) and
 * Customer Matching by phone number (Facebook, for Pages Meta approved).
 * @see https://developers.facebook.com/docs/instagram-platform/private-replies
 * @see https://developers.facebook.com/docs/messenger-platform/discovery/private-replies
 * @see https://developers.facebook.com/docs/messenger-platform/identity/customer-matching
 */
export const recipientFields = (allowUserRef: boolean, allowComment = false): INodeProperties[] => [
	...(allowUserRef
		? [
				{
					displayName: 'Recipient Type',
					name: 'recipientType',
					type: 'options',
					options: [
						...(allowComment
							? [
									{
										name: 'Comment ID (Private Reply)',
										value: 'comment_id',
										description:
											'One private message to the author of a comment, within 7 days of it (both routes)',
									},
									{
										name: 'Phone Number (Customer Matching)',
										value: 'phone_number',
										description:
											'A message request to the Messenger user with this number (+country code). Only for Pages Meta approved for pages_messaging_phone_number (closed beta, U.S.-based admin); Facebook Login route only.',
									},
									{
										name: 'Post ID (Private Reply)',
										value: 'post_id',
										description:
											'One private message to the person who posted on the Page, within 7 days (Facebook Login route)',
									},
								]
							: []),
						{
							name: 'PSID / IGSID',
							value: 'id',
							description:
								'The sender ID of an incoming event: page-scoped (Facebook) or Instagram-scoped (Instagram)',
						},
						{
							name: 'User Ref',
							value: 'user_ref',
							description: 'From the checkbox or chat plugin (opt-in; Facebook Login route only)',
						},
					],
					default: 'id',
				} as INodeProperties,
			]
		: []),
	{
		displayName: 'Recipient ID',
		name: 'recipientId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.senderId }}',
		description:
			'The PSID or IGSID of the person (sender.ID in the Messenger Trigger output), the user_ref, the comment or post ID, or the phone number',
	},
];

/**
 * Quick replies: up to 13, on a text, an attachment or a template (Messenger); the Instagram Login
 * route shows text ones with texts.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies
 */
export const quickRepliesField: INodeProperties = {
	displayName: 'Quick Replies',
	name: 'quickReplies',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Quick Reply',
	default: {},
	description:
		'Up to 13 buttons shown above the keyboard; a tap comes back as a message with quick_reply.payload. Instagram shows Text ones only.',
	options: [
		{
			displayName: 'Quick Reply',
			name: 'quickReply',
			values: [
				{
					displayName: 'Content Type',
					name: 'contentType',
					type: 'options',
					options: [
						{ name: 'Text', value: 'text' },
						{ name: 'User Email', value: 'user_email' },
						{ name: 'User Phone Number', value: 'user_phone_number' },
					],
					default: 'text',
				},
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description: 'Up to 20 characters',
					displayOptions: { show: { contentType: ['text'] } },
				},
				{
					displayName: 'Payload',
					name: 'payload',
					type: 'string',
					default: '',
					description: 'Up to 1000 characters, sent back when tapped',
					displayOptions: { show: { contentType: ['text'] } },
				},
				{
					displayName: 'Image URL',
					name: 'imageUrl',
					type: 'string',
					default: '',
					displayOptions: { show: { contentType: ['text'] } },
				},
			],
		},
	],
};

/** The item's quick replies, validated for its route, or undefined when there are none. */
export function quickRepliesOf(
	this: IExecuteFunctions,
	itemIndex: number,
	route: Route,
	onText = true,
): IDataObject[] | undefined {
	const raw =
		(this.getNodeParameter('quickReplies.quickReply', itemIndex, []) as IDataObject[]) ?? [];
	if (!raw.length) return undefined;
	if (!onText)
		refuseOn.call(
			this,
			itemIndex,
			route,
			'instagramLogin',
			'Quick replies on attachments and templates',
			'Instagram documents quick replies with text messages. Send them with a text',
		);
	const replies: QuickReply[] = raw.map((r) => {
		const type = String(r.contentType ?? 'text');
		if (type !== 'text') return { content_type: type };
		return {
			content_type: 'text',
			title: String(r.title ?? ''),
			payload: String(r.payload ?? ''),
			...(r.imageUrl ? { image_url: String(r.imageUrl) } : {}),
		};
	});
	const problem =
		route === 'instagramLogin' ? checkInstagramQuickReplies(replies) : checkQuickReplies(replies);
	if (problem) throw fail(this, problem, itemIndex);
	return replies as unknown as IDataObject[];
}

/**
 * Messaging Type and Tag of a send.
 * @see https://developers.facebook.com/docs/messenger-platform/send-messages#messaging_types
 */
export const messagingFields: INodeProperties[] = [
	{
		displayName: 'Messaging Type',
		name: 'messagingType',
		type: 'options',
		options: [
			{
				name: 'Message Tag',
				value: 'MESSAGE_TAG',
				description: 'Outside the 24-hour window, with a tag',
			},
			{
				name: 'Response',
				value: 'RESPONSE',
				description: 'Reply to a message the person sent in the last 24 hours',
			},
			{
				name: 'Update',
				value: 'UPDATE',
				description: 'Proactive message within the 24-hour window',
			},
		],
		default: 'RESPONSE',
	},
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'options',
		displayOptions: { show: { messagingType: ['MESSAGE_TAG'] } },
		options: [
			{
				name: 'Customer Feedback',
				value: 'CUSTOMER_FEEDBACK',
				description: 'A feedback survey within 7 days of the last message',
			},
			{
				name: 'Human Agent',
				value: 'HUMAN_AGENT',
				description: 'A person replies within 7 days (needs Human Agent access)',
			},
		],
		default: 'HUMAN_AGENT',
		description:
			'Meta retired CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE and POST_PURCHASE_UPDATE on 27 April 2026. Instagram has Human Agent only.',
	},
];

/** The Options of the message operations: Concurrency and retries, metadata and notification where they apply. */
export const messageOptions = (withMetadata: boolean): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 20,
			description:
				'How many recipients are sent to at the same time across input items. Messages to the same recipient always go one after another, in item order.',
		},
		...(withMetadata
			? [
					{
						displayName: 'Metadata',
						name: 'metadata',
						type: 'string',
						default: '',
						description:
							'Up to 1000 characters, returned in the message_echoes webhook (e.g. to recognise your own sends)',
					} as INodeProperties,
				]
			: []),
		...(withMetadata
			? [
					{
						displayName: 'Persona ID',
						name: 'personaId',
						type: 'string',
						default: '',
						description:
							'Send as a persona (name and picture of an agent or bot, created with POST /{page-ID}/personas). Facebook Login route.',
					} as INodeProperties,
				]
			: []),
		...(withMetadata
			? [
					{
						displayName: 'Notification Type',
						name: 'notificationType',
						type: 'options',
						options: [
							{ name: 'No Push', value: 'NO_PUSH' },
							{ name: 'Regular', value: 'REGULAR' },
							{ name: 'Silent Push', value: 'SILENT_PUSH' },
						],
						default: 'REGULAR',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Rate Limit Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'How often a send refused by Meta for throttling is repeated, with exponential backoff. A send Meta may have accepted is never repeated.',
		},
	],
});

export const fail = (ctx: IExecuteFunctions, message: string, itemIndex: number) =>
	new NodeOperationError(ctx.getNode(), message, { itemIndex });

/** What a send to one recipient starts from: the route, the recipient and the ordering key. */
export interface Envelope {
	body: IDataObject;
	recipientId: string;
	/** Sends with the same key go one after another (a comment's reply: its own key). */
	key: string;
	route: Route;
}

/**
 * recipient, messaging_type, tag and notification_type of one item, validated for its route.
 * On the Instagram Login route a send within the 24-hour window carries no messaging_type (Meta's
 * Instagram docs have none; Response and Update are the same there); HUMAN_AGENT is its one tag.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api#human-agent
 */
export function envelope(
	this: IExecuteFunctions,
	itemIndex: number,
	withMessaging = true,
): Envelope {
	const route = routeOf(this, itemIndex);
	const instagram = route === 'instagramLogin';
	const recipientType = String(this.getNodeParameter('recipientType', itemIndex, 'id'));
	const recipientId = String(this.getNodeParameter('recipientId', itemIndex, '')).trim();
	if (instagram && recipientType === 'user_ref') {
		throw fail(
			this,
			'User Ref recipients (checkbox and chat plugin) exist on the Facebook Login route only: on the Instagram Login route send to an IGSID, or as a private reply to a comment ID',
			itemIndex,
		);
	}
	if (!['id', 'user_ref', 'comment_id', 'post_id', 'phone_number'].includes(recipientType)) {
		throw fail(
			this,
			`Recipient Type "${recipientType}" is not valid: use id, user_ref, comment_id, post_id or phone_number`,
			itemIndex,
		);
	}
	if (instagram && recipientType === 'post_id') {
		throw fail(
			this,
			'Post ID recipients (a private reply to a Page post) exist on the Facebook Login route only: on Instagram reply privately to a comment ID',
			itemIndex,
		);
	}
	if (instagram && recipientType === 'phone_number') {
		throw fail(
			this,
			'Phone number recipients (Customer Matching) exist on the Facebook Login route only, for Pages Meta approved: on Instagram send to an IGSID',
			itemIndex,
		);
	}
	const recipientProblem = checkRecipient(recipientId, recipientType, instagram ? 'IGSID' : 'PSID');
	if (recipientProblem) throw fail(this, recipientProblem, itemIndex);
	const address =
		recipientType === 'phone_number' ? recipientId.replace(/[\s()-]/g, '') : recipientId;
	const body: IDataObject = { recipient: { [recipientType]: address } };
	const key = recipientType === 'id' ? recipientId : `${recipientType}:${recipientId}`;
	if (!withMessaging) return { body, recipientId, key, route };
	const messagingType = String(this.getNodeParameter('messagingType', itemIndex, 'RESPONSE'));
	if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(messagingType)) {
		throw fail(
			this,
			`Messaging Type "${messagingType}" is not valid: use RESPONSE, UPDATE or MESSAGE_TAG`,
			itemIndex,
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (instagram) {
		if (options.notificationType && options.notificationType !== 'REGULAR') {
			throw fail(
				this,
				'Notification Type is a Messenger setting the Instagram Login route does not have: remove the option',
				itemIndex,
			);
		}
		if (String(options.personaId ?? '').trim()) {
			throw fail(
				this,
				'Persona ID is a Messenger setting of the Facebook Login route: remove the option',
				itemIndex,
			);
		}
		if (messagingType === 'MESSAGE_TAG') {
			const tag = String(this.getNodeParameter('tag', itemIndex, '')).trim();
			const tagProblem = checkInstagramTag(messagingType, tag);
			if (tagProblem) throw fail(this, tagProblem, itemIndex);
			body.messaging_type = messagingType;
			body.tag = tag;
		}
		return { body, recipientId, key, route };
	}
	body.messaging_type = messagingType;
	if (messagingType === 'MESSAGE_TAG') {
		const tag = String(this.getNodeParameter('tag', itemIndex, '')).trim();
		const tagProblem = checkTag(messagingType, tag);
		if (tagProblem) throw fail(this, tagProblem, itemIndex);
		body.tag = tag;
	}
	if (options.notificationType && options.notificationType !== 'REGULAR')
		body.notification_type = options.notificationType;
	const personaId = String(options.personaId ?? '').trim();
	if (personaId) {
		const problem = checkPersonaId(personaId);
		if (problem) throw fail(this, problem, itemIndex);
		body.persona_id = personaId;
	}
	return { body, recipientId, key, route };
}

/** Refuses what one route cannot send, before any call: `what` is what the user asked for. */
export function refuseOn(
	this: IExecuteFunctions,
	itemIndex: number,
	route: Route,
	refused: Route,
	what: string,
	instead: string,
): void {
	if (route !== refused) return;
	throw fail(
		this,
		`${what} is not available on the ${ROUTE_NAMES[route]} route: ${instead}`,
		itemIndex,
	);
}

/** Adds metadata (validated) to a message object; the Instagram Login route has none. */
export function withMetadata(
	this: IExecuteFunctions,
	itemIndex: number,
	message: IDataObject,
	route: Route = 'facebookPage',
): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const metadata = String(options.metadata ?? '');
	if (!metadata) return message;
	refuseOn.call(
		this,
		itemIndex,
		route,
		'instagramLogin',
		'Metadata (returned in Messenger message_echoes)',
		'remove the Metadata option',
	);
	const problem = checkMetadata(metadata);
	if (problem) throw fail(this, problem, itemIndex);
	return { ...message, metadata };
}

/**
 * Sends one prepared request: POST /{page-id}/messages (Facebook Login route) or
 * POST /{ig-account-id}/messages on graph.instagram.com (Instagram Login route), retried only
 * when Meta's answer proves it was not sent (throttling, 1200). Both share the Graph error
 * translator and retry policy.
 * @see https://developers.facebook.com/docs/messenger-platform/reference/send-api
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
 */
export async function deliver(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedSend,
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const retries = options.retries === undefined ? 4 : Number(options.retries);
	let response: IDataObject;
	if (prepared.route === 'instagramLogin') {
		const accountId = instagramAccountId(await this.getCredentials('instagramLoginApi'));
		response = await instagramRequest.call(
			this,
			{
				method: 'POST',
				path: `/${accountId}/messages`,
				body: prepared.body,
				kind: 'write',
				retries,
			},
			itemIndex,
		);
	} else {
		const pageId = await credentialPageId.call(this);
		response = await graphRequest.call(this, {
			credential: 'facebookPageApi',
			method: 'POST',
			path: `/${pageId}/messages`,
			body: prepared.body,
			bodyType: prepared.bodyType,
			kind: 'write',
			itemIndex,
			retries,
		});
	}
	return {
		recipientId: response.recipient_id ?? prepared.recipientId,
		...(response.message_id !== undefined ? { messageId: response.message_id } : {}),
		...(response.attachment_id !== undefined ? { attachmentId: response.attachment_id } : {}),
	};
}
