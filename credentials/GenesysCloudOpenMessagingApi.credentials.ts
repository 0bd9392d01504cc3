import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The signature secret of a Genesys Cloud Open Messaging integration's outbound webhook
 * (outboundNotificationWebhookSignatureSecretToken). Genesys signs every notification with it and
 * the Genesys Cloud Open Messaging Trigger checks that signature. A shared secret is not checked
 * against any API: its Test (the trigger's) checks its form only; a wrong secret shows as refused (401)
 * notifications, logged by the trigger.
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/validate
 */
export class GenesysCloudOpenMessagingApi implements ICredentialType {
	name = 'genesysCloudOpenMessagingApi';

	displayName = 'Genesys Cloud Open Messaging Webhook API';

	icon = { light: 'file:../icons/genesys.svg', dark: 'file:../icons/genesys.dark.svg' } as const;

	documentationUrl = 'https://developer.genesys.cloud/commdigital/digital/openmessaging/validate';

	properties: INodeProperties[] = [
		{
			displayName:
				"This secret is shared only by Genesys Cloud and the trigger: the Test checks its form, the first notification Genesys signs checks its value. Enter the same value as the Open Messaging integration's Outbound Notification Webhook Signature Secret Token (Admin > Message > Platforms), or let the trigger's Automatic Setup set it there.",
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret Token',
			name: 'secretToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The outbound webhook signature secret token: any long random string (Genesys signs each notification with it, HMAC-SHA256)',
		},
	];
}
