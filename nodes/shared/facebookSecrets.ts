import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Where a node that hands Facebook secrets to another platform (Genesys Cloud, Airy Core,
 * Sunshine Conversations) takes them from: this package's Facebook credentials, stored encrypted
 * by n8n, or node parameters, typed (stored in the workflow unencrypted) or mapped from the
 * previous node with an expression. Version 1 of those nodes knew only parameters; from 1.1 new
 * nodes start with the credentials.
 */
export type FacebookSecretsSource = 'credential' | 'parameters';

export const FACEBOOK_SECRETS_FROM = 'facebookSecretsFrom';

/** The first node version whose new nodes take Facebook secrets from credentials by default. */
export const CREDENTIAL_DEFAULT_VERSION = 1.1;

export type FacebookCredentialName = 'facebookAppApi' | 'facebookPageApi';

const CREDENTIAL_LABEL: Record<FacebookCredentialName, string> = {
	facebookAppApi: 'Facebook App',
	facebookPageApi: 'Facebook Page',
};

/**
 * The "Facebook Secrets From" selector (one property per default: `parameters` for version 1,
 * `credential` from 1.1) and the notice flagging the typed path. `credential` and `parameters`
 * describe what each choice takes from where, for the operation at hand.
 */
export function facebookSecretsSource(descriptions: {
	credential: string;
	parameters: string;
}): INodeProperties[] {
	const selector: INodeProperties = {
		displayName: 'Facebook Secrets From',
		name: FACEBOOK_SECRETS_FROM,
		type: 'options',
		noDataExpression: true,
		default: 'credential',
		options: [
			{ name: 'Facebook Credentials', value: 'credential', description: descriptions.credential },
			{
				name: 'Parameters (Typed or Mapped)',
				value: 'parameters',
				description: descriptions.parameters,
			},
		],
	};
	return [
		{ ...selector, default: 'parameters', displayOptions: { show: { '@version': [1] } } },
		{
			...selector,
			displayOptions: { show: { '@version': [{ _cnd: { gte: CREDENTIAL_DEFAULT_VERSION } }] } },
		},
		{
			displayName:
				'A secret typed here is stored in the workflow unencrypted. Prefer an expression that maps it from the previous node (e.g. Facebook Messenger → Token → Get Page Tokens), or choose Facebook Credentials above.',
			name: 'facebookSecretsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { [FACEBOOK_SECRETS_FROM]: ['parameters'] } },
		},
	];
}

/*
 * The Facebook credentials of such a node are written out in its description (n8n's lint reads
 * them literally). Their `show` is keyed on this selector alone, and only on its `credential`
 * value: n8n's editor takes a parameter whose every option value appears in the credentials'
 * `show` for the node's authentication field (hides it and lets the credential picker set it),
 * so no parameter may be fully covered. `hide` narrows each credential to the operations that
 * need it; the editor does not look at `hide` for this.
 */

/** The source the user chose for this item (version 1 nodes without the parameter: parameters). */
export function facebookSecretsSourceOf(
	context: IExecuteFunctions,
	itemIndex: number,
): FacebookSecretsSource {
	return context.getNodeParameter(FACEBOOK_SECRETS_FROM, itemIndex, 'parameters') === 'credential'
		? 'credential'
		: 'parameters';
}

/**
 * Reads secrets from a Facebook credential: `fields` maps a credential field to the label users
 * see in it. Fails before any request, saying what to change, when the credential is not chosen
 * or a field is empty. Messages never contain a value.
 */
export async function facebookCredentialSecrets(
	context: IExecuteFunctions,
	itemIndex: number,
	credential: FacebookCredentialName,
	fields: Record<string, string>,
): Promise<Record<string, string>> {
	const label = CREDENTIAL_LABEL[credential];
	let data: IDataObject;
	try {
		data = (await context.getCredentials(credential, itemIndex)) as IDataObject;
	} catch {
		throw new NodeOperationError(context.getNode(), `Choose a ${label} credential`, {
			itemIndex,
			description: `Facebook Secrets From is "Facebook Credentials": select a ${label} credential in the node, or set Facebook Secrets From to "Parameters" and map the values from the previous node.`,
		});
	}
	const out: Record<string, string> = {};
	for (const field of Object.keys(fields)) {
		const value = typeof data[field] === 'string' ? (data[field] as string).trim() : '';
		if (!value) {
			throw new NodeOperationError(
				context.getNode(),
				`The ${label} credential has no ${fields[field]}`,
				{
					itemIndex,
					description: `Fill in ${fields[field]} in the ${label} credential, or choose another credential.`,
				},
			);
		}
		out[field] = value;
	}
	return out;
}

/** One secret: the Facebook credential's `field` or, with Facebook Secrets From "Parameters", the node parameter. */
export async function facebookSecret(
	context: IExecuteFunctions,
	itemIndex: number,
	secret: { parameter: string; credential: FacebookCredentialName; field: string; label: string },
): Promise<string> {
	if (facebookSecretsSourceOf(context, itemIndex) === 'credential') {
		return (
			await facebookCredentialSecrets(context, itemIndex, secret.credential, {
				[secret.field]: secret.label,
			})
		)[secret.field];
	}
	return String(context.getNodeParameter(secret.parameter, itemIndex, '') ?? '').trim();
}
