import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { failureOf } from '../shared/transport';
import { genesysRequest } from '../GenesysCloud/transport';

/**
 * Automatic setup: on activation the chosen Open integration's outbound webhook is pointed at
 * this trigger (URL and signature secret), and on deactivation its URL is put back.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/
 */

/** What create() changed, kept in the node's static data so that delete() undoes exactly that. */
interface SetupRecord {
	integrationId: string;
	/** The URL the integration had before; restored on deactivation. */
	previousUrl: string;
	/** The URL create() set (this trigger's production URL). */
	url: string;
}

const STATIC_KEY = 'openMessagingSetup';
const COLLECTION = '/api/v2/conversations/messaging/integrations/open';

export function autoConfigureEnabled(this: IHookFunctions): boolean {
	return this.getNodeParameter('autoConfigure', false) as boolean;
}

function integrationIdOf(this: IHookFunctions): string {
	const id = String(
		this.getNodeParameter('integrationId', '', { extractValue: true }) ?? '',
	).trim();
	if (!id)
		throw new NodeOperationError(
			this.getNode(),
			'Choose the Open Messaging integration to set up',
			{
				description:
					'Automatic Setup points an Open Messaging integration at this trigger: pick it under Integration (Admin > Message > Platforms in Genesys Cloud), or turn Automatic Setup off and set the outbound webhook there yourself.',
			},
		);
	return id;
}

async function getIntegration(this: IHookFunctions, id: string): Promise<IDataObject> {
	return await genesysRequest.call(this, {
		method: 'GET',
		path: `${COLLECTION}/${encodeURIComponent(id)}`,
		operation: 'read the Open Messaging integration',
		permission: 'messaging:integration:view',
	});
}

async function patchIntegration(
	this: IHookFunctions,
	id: string,
	// OpenIntegrationUpdateRequest: name is required, the rest optional.
	body: IDataObject,
): Promise<IDataObject> {
	return await genesysRequest.call(this, {
		method: 'PATCH',
		path: `${COLLECTION}/${encodeURIComponent(id)}`,
		body,
		operation: 'update the Open Messaging integration',
		permission: 'messaging:integration:edit',
	});
}

function webhookUrlOf(this: IHookFunctions): string {
	return String(this.getNodeWebhookUrl('default') ?? '');
}

function recordOf(this: IHookFunctions): SetupRecord | undefined {
	return this.getWorkflowStaticData('node')[STATIC_KEY] as SetupRecord | undefined;
}

/** Whether the integration already points at this trigger, as create() left it. */
export async function setupExists(this: IHookFunctions): Promise<boolean> {
	const record = recordOf.call(this);
	const id = integrationIdOf.call(this);
	if (!record || record.integrationId !== id) return false;
	const integration = await getIntegration.call(this, id);
	return integration.outboundNotificationWebhookUrl === webhookUrlOf.call(this);
}

/**
 * Points the integration's outbound webhook at this trigger with the credential's secret token.
 * Refuses when the integration sends to another URL, unless the user opted to replace it: two
 * receivers cannot share one integration, and the other one would silently stop receiving.
 */
export async function createSetup(this: IHookFunctions): Promise<void> {
	const id = integrationIdOf.call(this);
	const url = webhookUrlOf.call(this);
	const credentials = await this.getCredentials('genesysCloudOpenMessagingApi');
	const secretToken = String(credentials.secretToken ?? '');
	if (!secretToken)
		throw new NodeOperationError(
			this.getNode(),
			'The Open Messaging credential has no secret token',
			{
				description:
					'Enter a long random Secret Token in the Genesys Cloud Open Messaging credential.',
			},
		);
	const integration = await getIntegration.call(this, id);
	const previousUrl = String(integration.outboundNotificationWebhookUrl ?? '');
	const replace = this.getNodeParameter('options.replaceWebhookUrl', false) as boolean;
	const known = recordOf.call(this);
	const ours = previousUrl === url || (known?.integrationId === id && known.url === previousUrl);
	if (previousUrl && !ours && !replace)
		throw new NodeOperationError(
			this.getNode(),
			`The Open Messaging integration "${String(integration.name ?? id)}" already sends to another URL`,
			{
				description: `Its outbound webhook is ${previousUrl}. Automatic Setup does not take over a webhook another receiver uses: change it in Genesys Cloud (Admin > Message > Platforms), choose another integration, or turn on the option Replace Webhook URL (deactivating the workflow puts that URL back).`,
			},
		);
	await patchIntegration.call(this, id, {
		name: integration.name,
		outboundNotificationWebhookUrl: url,
		outboundNotificationWebhookSignatureSecretToken: secretToken,
	});
	const record: SetupRecord = {
		integrationId: id,
		// Set up again over our own URL: keep what was there before the first setup.
		previousUrl: ours && known?.integrationId === id ? known.previousUrl : previousUrl,
		url,
	};
	this.getWorkflowStaticData('node')[STATIC_KEY] = record;
}

/**
 * Puts back the URL the integration had before create(), if it still points at this trigger
 * (another receiver set since then is left alone). A deleted integration has nothing to undo.
 */
export async function deleteSetup(this: IHookFunctions): Promise<void> {
	const staticData = this.getWorkflowStaticData('node');
	const record = staticData[STATIC_KEY] as SetupRecord | undefined;
	if (!record) return;
	const found = await getIntegration.call(this, record.integrationId).then(
		(integration) => ({ integration }),
		(error: Error) => ({ error }),
	);
	if ('error' in found) {
		// Deleted in Genesys Cloud meanwhile: nothing to put back.
		if (failureOf(found.error)?.status !== 404) throw found.error;
		delete staticData[STATIC_KEY];
		return;
	}
	const { integration } = found;
	if (
		integration.outboundNotificationWebhookUrl === record.url &&
		record.previousUrl !== record.url
	)
		await patchIntegration.call(this, record.integrationId, {
			name: integration.name,
			outboundNotificationWebhookUrl: record.previousUrl,
		});
	delete staticData[STATIC_KEY];
}
