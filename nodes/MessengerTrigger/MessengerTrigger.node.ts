import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	autoSubscribeEnabled,
	createSubscriptions,
	deleteSubscriptions,
	subscriptionsExist,
} from './lifecycle';
import { type EventType } from './webhook/events';
import { verifyHandshake } from './webhook/handshake';
import { handleDelivery } from './webhook/handle';
import { dedupeKey } from './webhook/dedupe';
import { SeenRegistry } from '../shared/seenEvents';
import { forgetUnlessAcknowledged, webhookBody } from '../shared/webhookBody';
import { DEFAULT_RETENTION_HOURS, emitClaimed } from './webhook/sharedClaims';
import { SecretCache } from '../shared/secretCache';
import { signingSecretsKey, signingSecretsOf } from './instagramLogin';

/**
 * Events already emitted, per trigger, in this n8n process: 64 triggers × 10,000 events at most
 * (Meta batches up to 1,000 events per request), so memory stays bounded.
 */
const seenRegistry = new SeenRegistry(64, 10_000);

// 10 s: at most that long may a secret replaced only in n8n (not yet at Meta) still be accepted.
// One entry holds every secret of a trigger's credentials (see signingSecretsOf).
const appSecrets = new SecretCache<string[]>(10_000, 256);

export class MessengerTrigger implements INodeType {
	description: INodeTypeDescription = {
		// n8n's node picker lists a trigger without its " Trigger" suffix: a bare "Messenger" beside
		// the "Facebook Messenger" node was ambiguous. New nodes are still named "Messenger Trigger".
		displayName: 'Messenger and Instagram Trigger',
		name: 'messengerTrigger',
		icon: { light: 'file:../../icons/messenger.svg', dark: 'file:../../icons/messenger.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly like 1. It exists because n8n evaluates an expression (in a fresh
		// isolate) on every webhook request to a version-1 start node, to look for a binaryData
		// option this node does not have; from 1.1 on it skips that work.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["object"] === "instagram" ? "Instagram" : "Messenger"}}',
		description:
			'Starts the workflow on Facebook Messenger or Instagram messaging webhooks, verified and one item per event',
		defaults: { name: 'Messenger Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// Labelled, because n8n's editor calls every credential field "Credential" otherwise.
			{ name: 'facebookAppApi', displayName: 'Facebook App (verifies signatures)', required: true },
			// Shown only with Auto Subscribe, the one thing it is for. Shown always, it was the one
			// n8n 2.40's editor preselected on a new trigger (one credential, the newest), leaving the
			// required App credential empty.
			{
				name: 'facebookPageApi',
				displayName: 'Facebook Page (for Auto Subscribe)',
				required: false,
				displayOptions: { show: { 'options.autoSubscribe': [true] } },
			},
			// The Instagram API with Instagram Login (no Facebook Page): its Instagram app secret also
			// verifies deliveries, and Auto Subscribe subscribes its account. Shown for one value of
			// Object only, so n8n's editor never takes Object for the node's authentication field.
			{
				name: 'instagramLoginApi',
				displayName: 'Instagram Login (Instagram app secret, auto subscribe)',
				required: false,
				displayOptions: { show: { object: ['instagram'] } },
			},
			// Shown only with the shared de-duplication store, the one thing it is for.
			{
				name: 'redisRestApi',
				displayName: 'Redis REST (for shared de-duplication)',
				required: true,
				displayOptions: { show: { 'options.deduplicationStore': ['redis'] } },
			},
		],
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			// For a delivery that starts the workflow, n8n itself answers 200 "EVENT_RECEIVED" once it
			// has registered the execution, and before the workflow runs. If it cannot register it,
			// it answers 5xx and Meta delivers again: an acknowledged event is never lost.
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'EVENT_RECEIVED',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"In the Meta App Dashboard, set the Callback URL to this node's Production URL and enter the same Verify Token; or turn on Auto Subscribe. Events are signed with the app secret of the Facebook App credential (Instagram with an Instagram Login credential: either app secret).",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Object',
				name: 'object',
				type: 'options',
				options: [
					{
						name: 'Instagram',
						value: 'instagram',
						description: 'Instagram Direct messages of a professional account',
					},
					{
						name: 'Page (Messenger)',
						value: 'page',
						description: 'Messenger conversations of a Facebook Page',
					},
				],
				default: 'page',
				description:
					'The webhook object Meta sends. A request for another object is refused with 400.',
			},
			{
				displayName: 'Verify Token',
				name: 'verifyToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'Any secret string. Enter the same value in the Meta App Dashboard (Webhooks → Verify Token); Meta sends it back when it checks the callback URL.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: [
					{
						name: 'Account Linking',
						value: 'accountLinking',
						description: 'Field messaging_account_linking: linked or unlinked',
					},
					{
						name: 'Call',
						value: 'call',
						description:
							'Field calls (Messenger Calling, entry calls[]): a call connects, changes status or ends',
					},
					{
						name: 'Call Permission',
						value: 'callPermission',
						description:
							'Field call_permission_reply: a person approved or rejected being called by the Page',
					},
					{
						name: 'Change',
						value: 'change',
						description:
							'Entry changes[] of other fields: Instagram comments and mentions, Page feed, …',
					},
					{
						name: 'Coupon',
						value: 'coupon',
						description: 'Field messages: a person revealed the code of a coupon template',
					},
					{
						name: 'Customer Feedback',
						value: 'customerFeedback',
						description: 'Field messaging_feedback: a customer feedback template was answered',
					},
					{
						name: 'Customer Information',
						value: 'customerInformation',
						description:
							'Field messaging_customer_information: a structured information (address) form was submitted',
					},
					{
						name: 'Delivery',
						value: 'delivery',
						description: 'Field message_deliveries: messages delivered up to a watermark',
					},
					{
						name: 'Game Play',
						value: 'gamePlay',
						description: 'Field messaging_game_plays: a round of an Instant Game was played',
					},
					{
						name: 'Handover',
						value: 'handover',
						description:
							'Field messaging_handovers: thread control passed, taken, requested, app roles',
					},
					{
						name: 'Lead Form Submit',
						value: 'leadFormSubmit',
						description:
							'Field messaging_in_thread_lead_form_submit: an instant form sent in the thread was submitted',
					},
					{
						name: 'Message',
						value: 'message',
						description:
							'Field messages: text, attachments, quick replies, story replies and mentions, unsends',
					},
					{
						name: 'Message Edit',
						value: 'messageEdit',
						description: 'Field message_edits: a sent message was edited',
					},
					{
						name: 'Optin',
						value: 'optin',
						description: 'Field messaging_optins: marketing message opt-ins, plugin opt-ins',
					},
					{
						name: 'Order',
						value: 'order',
						description: 'Field send_cart: a person sent the contents of a shopping cart',
					},
					{
						name: 'Other',
						value: 'other',
						description: 'Messaging events of a type this node does not know yet',
					},
					{
						name: 'Policy Enforcement',
						value: 'policyEnforcement',
						description: 'Field messaging_policy_enforcement: warning, block, unblock',
					},
					{
						name: 'Postback',
						value: 'postback',
						description: 'Field messaging_postbacks: button taps, Get Started, ice breakers',
					},
					{
						name: 'Reaction',
						value: 'reaction',
						description: 'Field message_reactions: react and unreact',
					},
					{
						name: 'Read',
						value: 'read',
						description: 'Field message_reads (Instagram: messaging_seen)',
					},
					{
						name: 'Referral',
						value: 'referral',
						description: 'Field messaging_referrals: m.me links, ads, QR codes in an open thread',
					},
					{
						name: 'Response Feedback',
						value: 'responseFeedback',
						description: 'Field response_feedback: a person rated a message (good or bad response)',
					},
					{
						name: 'Test',
						value: 'test',
						description:
							'App Dashboard "Test" samples (also emitted when the sampled event type is selected)',
					},
				],
				default: [],
				description: 'Event types that start the workflow. None selected = all.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Auto Subscribe',
						name: 'autoSubscribe',
						type: 'boolean',
						default: false,
						description:
							'Whether to subscribe the app to the object (with this production URL, the Verify Token and the fields the selected events need) and the Page of the Facebook Page credential (Instagram with an Instagram Login credential: its Instagram account) to the app when the workflow is activated, and to undo both when it is deactivated',
					},
					{
						displayName: 'Deduplicate',
						name: 'deduplicate',
						type: 'boolean',
						default: true,
						description:
							'Whether to drop an event that was already emitted (Meta redelivers when an answer is late). Where emitted events are remembered: see Deduplication Store.',
					},
					{
						displayName: 'Deduplication Retention (Hours)',
						name: 'deduplicationRetention',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 720 },
						default: DEFAULT_RETENTION_HOURS,
						displayOptions: { show: { deduplicationStore: ['redis'] } },
						description:
							'How long the shared store remembers an emitted event. Meta retries an unacknowledged delivery for up to 36 hours.',
					},
					{
						displayName: 'Deduplication Store',
						name: 'deduplicationStore',
						type: 'options',
						options: [
							{
								name: 'In-Process Memory',
								value: 'process',
								description:
									'The last 10,000 events of this trigger, in the memory of the process that received them. For n8n in one process.',
							},
							{
								name: 'Shared (Redis REST)',
								value: 'redis',
								description:
									'Claims in a Redis reached over the Upstash REST protocol, shared by every n8n process (queue mode with several webhook processes). Store unreachable = answer 503, Meta retries.',
							},
						],
						default: 'process',
						displayOptions: { hide: { deduplicate: [false] } },
						description: 'Where emitted events are remembered',
					},
					{
						displayName: 'Include Echoes',
						name: 'includeEchoes',
						type: 'boolean',
						default: false,
						description:
							"Whether to emit the Page's own sent messages (is_echo). Off by default so that a workflow that replies cannot answer itself in a loop.",
					},
					{
						displayName: 'Include Standby',
						name: 'includeStandby',
						type: 'boolean',
						default: false,
						description:
							'Whether to emit standby events: what happens in threads another app currently controls (Conversation Routing)',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Without Auto Subscribe there is nothing to create: the user configures Meta.
				if (!autoSubscribeEnabled.call(this)) return true;
				return await subscriptionsExist.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (autoSubscribeEnabled.call(this)) await createSubscriptions.call(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Undoes only what create() recorded, whatever the option is set to now.
				await deleteSubscriptions.call(this);
				const key = signingSecretsKey(this);
				if (key) appSecrets.forget(key);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		if (this.getWebhookName() === 'setup') {
			const verifyToken = String(this.getNodeParameter('verifyToken', ''));
			const handshake = verifyHandshake(
				this.getQueryData() as Record<string, unknown>,
				verifyToken,
			);
			if (handshake.ok) {
				res.status(200).type('text/plain').send(handshake.challenge);
			} else {
				this.logger.warn(
					'Messenger Trigger refused a verification request: wrong mode or verify token',
				);
				res.status(403).type('text/plain').send('Forbidden');
			}
			return { noWebhookResponse: true };
		}

		const req = this.getRequestObject();
		const { rawBody, parsedBody } = await webhookBody(req);
		const deduplicate = this.getNodeParameter('options.deduplicate', true) as boolean;
		// The shared store serves production deliveries; a Test-URL delivery stays its own session.
		const shared =
			deduplicate &&
			this.getMode() !== 'manual' &&
			this.getNodeParameter('options.deduplicationStore', 'process') === 'redis';
		const options = {
			object: this.getNodeParameter('object', 'page') as string,
			events: this.getNodeParameter('events', []) as EventType[],
			includeEchoes: this.getNodeParameter('options.includeEchoes', false) as boolean,
			includeStandby: this.getNodeParameter('options.includeStandby', false) as boolean,
			seen: deduplicate && !shared ? seenRegistry.forDelivery(this) : undefined,
			parsedBody,
		};
		const result = await appSecrets.use(
			signingSecretsKey(this),
			async () => await signingSecretsOf(this),
			(secrets) => handleDelivery(rawBody, req.headers, secrets, options),
			(delivery) => delivery.status !== 401,
		);
		if (result.reason)
			this.logger.warn(`Messenger Trigger refused a POST (${result.status}): ${result.reason}`);
		if (!result.items.length) {
			// A refusal, or a good delivery with nothing to emit (filtered, echoes, redelivered).
			res.status(result.status).type('text/plain').send(result.body);
			// While the editor listens for a test event (the Test URL, manual mode), a refusal ends
			// the wait with one item saying why; a production refusal starts nothing.
			if (result.refusal && this.getMode() === 'manual')
				return { noWebhookResponse: true, workflowData: [[{ json: result.refusal }]] };
			return { noWebhookResponse: true };
		}
		if (shared)
			return await emitClaimed(
				this,
				result.items,
				dedupeKey,
				this.getNodeParameter('options.deduplicationRetention', DEFAULT_RETENTION_HOURS),
			);
		if (options.seen && result.remembered)
			forgetUnlessAcknowledged(res, options.seen, result.remembered);
		return { workflowData: [result.items.map((json) => ({ json }))] };
	}
}
