import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * The Instagram API with Instagram Login: an Instagram professional account without a Facebook
 * Page, reached on graph.instagram.com with the `instagramLoginApi` credential. The trigger takes
 * this route for object `instagram` when that credential is attached: deliveries may then be
 * signed with the Instagram app secret too, and Auto Subscribe subscribes the Instagram account
 * instead of a Page.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login
 */
export const INSTAGRAM_LOGIN_CREDENTIAL = 'instagramLoginApi';

type TriggerContext = Pick<IHookFunctions | IWebhookFunctions, 'getNode' | 'getNodeParameter'>;

/**
 * Whether the trigger is on the Instagram Login route. The credential counts only for object
 * `instagram`, where the editor shows it (n8n refuses to read a credential its displayOptions hide).
 */
export function usesInstagramLogin(context: TriggerContext): boolean {
	const object = (context.getNodeParameter as IWebhookFunctions['getNodeParameter'])(
		'object',
		'page',
	);
	return (
		object === 'instagram' && Boolean(context.getNode().credentials?.[INSTAGRAM_LOGIN_CREDENTIAL])
	);
}

/**
 * The secrets a delivery's signature may match: the Facebook App's app secret, and on the
 * Instagram Login route the Instagram app secret too (Meta documents the app secret; deliveries
 * signed with the Instagram app secret are reported for this route).
 * @see https://developers.facebook.com/docs/instagram-platform/webhooks
 */
export async function signingSecretsOf(context: IWebhookFunctions): Promise<string[]> {
	const app = await context.getCredentials('facebookAppApi');
	const secrets = [String(app.appSecret ?? '')];
	if (usesInstagramLogin(context)) {
		const instagram = await context.getCredentials(INSTAGRAM_LOGIN_CREDENTIAL);
		secrets.push(String(instagram.appSecret ?? ''));
	}
	return secrets;
}

/**
 * Which kept secrets a trigger uses: its workflow and its credentials (undefined = keep none).
 * The Instagram Login credential is part of the key, so attaching, replacing or detaching it
 * never reuses secrets kept for another set.
 */
export function signingSecretsKey(
	context: Pick<IHookFunctions | IWebhookFunctions, 'getNode' | 'getNodeParameter' | 'getWorkflow'>,
): string | undefined {
	const credentials = context.getNode().credentials;
	const appId = credentials?.facebookAppApi?.id;
	if (!appId) return undefined;
	const workflow = context.getWorkflow().id ?? '';
	if (!usesInstagramLogin(context)) return `${workflow}:${appId}`;
	const instagramId = credentials?.[INSTAGRAM_LOGIN_CREDENTIAL]?.id;
	return instagramId ? `${workflow}:${appId}:${instagramId}` : undefined;
}
