import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { SeenRegistry } from '../shared/seenEvents';
import { forgetUnlessAcknowledged, webhookBody } from '../shared/webhookBody';
import { SecretCache } from '../shared/secretCache';
import { autoConfigureEnabled, createSetup, deleteSetup, setupExists } from './lifecycle';
import { secretTokenTest } from './methods/credentialTest';
import { searchOpenIntegrations } from '../GenesysCloud/methods/listSearch';
import { handleNotification } from './webhook/handle';
import { DEFAULT_RETENTION_HOURS, emitClaimedNotification } from './webhook/sharedClaims';

/**
 * Notifications already emitted, per trigger, in this n8n process: 64 triggers × 10,000 at most.
 * Genesys retries a notification within 85 seconds, so the window covers any realistic rate.
 */
const seenRegistry = new SeenRegistry(64, 10_000);

const CREDENTIAL = 'genesysCloudOpenMessagingApi';

// 10 s: at most that long may a secret replaced only in n8n (not yet in Genesys) still be accepted.
const secrets = new SecretCache(10_000, 256);

function secretKey(
	context: Pick<IWebhookFunctions, 'getNode' | 'getWorkflow'>,
): string | undefined {
	const credentialId = context.getNode().credentials?.[CREDENTIAL]?.id;
	return credentialId ? `${context.getWorkflow().id ?? ''}:${credentialId}` : undefined;
}

export class GenesysCloudOpenMessagingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys Cloud Open Messaging Trigger',
		name: 'genesysCloudOpenMessagingTrigger',
		icon: { light: 'file:../../icons/genesys.svg', dark: 'file:../../icons/genesys.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["autoConfigure"] ? "Automatic Setup" : "Outbound webhook"}}',
		description:
			"Starts the workflow on agents' and bots' Open Messaging messages, typing events and receipts from Genesys Cloud, verified, one item each",
		defaults: { name: 'Genesys Cloud Open Messaging Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'genesysCloudOpenMessagingApi',
				displayName: 'Open Messaging Webhook (verifies signatures)',
				required: true,
				testedBy: 'secretTokenTest',
			},
			// Shown only with Automatic Setup, the one thing it is for.
			{
				name: 'genesysCloudOAuth2Api',
				displayName: 'Genesys Cloud (for Automatic Setup)',
				required: true,
				displayOptions: { show: { autoConfigure: [true] } },
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
			// n8n answers 200 (empty) once it has registered the execution, before the workflow
			// runs: well within Genesys' 10 s. If it cannot register it, it answers 5xx and Genesys
			// retries (up to 5 times): an acknowledged notification is never lost.
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"In Genesys Cloud (Admin > Message > Platforms > Open Messaging), set the Outbound Notification Webhook URL to this node's Production URL and the Signature Secret Token to the credential's; or turn on Automatic Setup.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				// "Trigger On": n8n's node picker offers one action per option ("On text" …).
				displayName: 'Trigger On',
				name: 'types',
				type: 'multiOptions',
				options: [
					{
						name: 'Event',
						value: 'Event',
						description: 'Typing indicators and other events (one item per event)',
					},
					{
						name: 'Receipt',
						value: 'Receipt',
						description: 'Status of a message: Sent, Delivered, Read, Failed, Published, Removed',
					},
					{
						name: 'Structured',
						value: 'Structured',
						description: 'Quick replies, cards, carousels, notification templates',
					},
					{
						name: 'Text',
						value: 'Text',
						description: 'Text, with or without attachments',
					},
				],
				default: [],
				description:
					'Message types that start the workflow. None selected = all. Others are acknowledged and dropped.',
			},
			{
				displayName: 'Automatic Setup',
				name: 'autoConfigure',
				type: 'boolean',
				default: false,
				description:
					"Whether to point the Open Messaging integration's outbound webhook at this trigger (its Production URL and the credential's secret token) when the workflow is activated, and to put the previous URL back when it is deactivated",
			},
			{
				displayName: 'Integration',
				name: 'integrationId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				displayOptions: { show: { autoConfigure: [true] } },
				description: 'The Open Messaging integration to set up',
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchOpenIntegrations', searchable: true },
					},
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 6f5a1c2e-…',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Deduplicate',
						name: 'deduplicate',
						type: 'boolean',
						default: true,
						description:
							'Whether to drop a notification already emitted: Genesys retries one that timed out or got a 429 or 5xx up to 5 times. Where emitted notifications are remembered: see Deduplication Store.',
					},
					{
						displayName: 'Deduplication Retention (Hours)',
						name: 'deduplicationRetention',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 720 },
						default: DEFAULT_RETENTION_HOURS,
						displayOptions: { show: { deduplicationStore: ['redis'] } },
						description:
							'How long the shared store remembers an emitted notification. Genesys stops retrying one about 85 seconds after its first delivery.',
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
									'The last 10,000 notifications of this trigger, in the memory of the process that received them. For n8n in one process.',
							},
							{
								name: 'Shared (Redis REST)',
								value: 'redis',
								description:
									'Claims in a Redis reached over the Upstash REST protocol, shared by every n8n process (queue mode with several webhook processes). Store unreachable = answer 503, Genesys retries.',
							},
						],
						default: 'process',
						displayOptions: { hide: { deduplicate: [false] } },
						description: 'Where emitted notifications are remembered',
					},
					{
						displayName: 'Replace Webhook URL',
						name: 'replaceWebhookUrl',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/autoConfigure': [true] } },
						description:
							'Whether Automatic Setup may replace another outbound webhook URL set on the integration (put back on deactivation). Off: activation is refused while another URL is set.',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchOpenIntegrations }, credentialTest: { secretTokenTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Without Automatic Setup there is nothing to create: the user configures Genesys.
				if (!autoConfigureEnabled.call(this)) return true;
				return await setupExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (autoConfigureEnabled.call(this)) await createSetup.call(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Undoes only what create() recorded, whatever the option is set to now.
				await deleteSetup.call(this);
				const key = secretKey(this);
				if (key) secrets.forget(key);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const req = this.getRequestObject();
		const { rawBody, parsedBody } = await webhookBody(req);
		const deduplicate = this.getNodeParameter('options.deduplicate', true) as boolean;
		// The shared store serves production deliveries; a Test-URL delivery stays its own session.
		const shared =
			deduplicate &&
			this.getMode() !== 'manual' &&
			this.getNodeParameter('options.deduplicationStore', 'process') === 'redis';
		const options = {
			types: this.getNodeParameter('types', []) as string[],
			seen: deduplicate && !shared ? seenRegistry.forDelivery(this) : undefined,
			parsedBody,
		};
		const result = await secrets.use(
			secretKey(this),
			async () => String((await this.getCredentials(CREDENTIAL)).secretToken ?? ''),
			(secretToken) => handleNotification(rawBody, req.headers, secretToken, options),
			(outcome) => outcome.status !== 401,
		);
		if (result.reason)
			this.logger.warn(
				`Genesys Cloud Open Messaging Trigger refused a POST (${result.status}): ${result.reason}`,
			);
		if (!result.items.length) {
			// A refusal, or a good notification with nothing to emit (filtered out, or a retry).
			res.status(result.status).type('text/plain').send(result.body);
			return { noWebhookResponse: true };
		}
		if (shared && result.key)
			return await emitClaimedNotification(
				this,
				result.key,
				result.items,
				this.getNodeParameter('options.deduplicationRetention', DEFAULT_RETENTION_HOURS),
			);
		if (options.seen && result.key) forgetUnlessAcknowledged(res, options.seen, [result.key]);
		return { workflowData: [result.items.map((json) => ({ json }))] };
	}
}
