import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialPageId, tokenPage } from '../../../shared/graph';
import { instagramAccountId, instagramCredentials } from '../../../shared/instagramGraph';

// What the Page operations share: the Page locator and the Page a call addresses.

/** The Page resource locator: searchable, paginated list of managed Pages, or an ID. */
export function pageLocator(required: boolean, description?: string): INodeProperties {
	return {
		displayName: 'Page',
		name: 'pageId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		// The Instagram Login route addresses the credential's own account: no Page.
		displayOptions: { hide: { authentication: ['instagramLogin'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a Page…',
				typeOptions: { searchListMethod: 'searchPages', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 104000000000001',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'A Page ID is made of digits' },
					},
				],
			},
		],
	};
}

/** A resource locator's value, whether n8n already extracted it or not. */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object') return String((value as IDataObject).value ?? '').trim();
	return String(value ?? '').trim();
}

/** The Page a Page-credential call addresses: the locator's value, the credential's Page, or the token's own. */
export async function resolvePageId(this: IExecuteFunctions, itemIndex: number): Promise<string> {
	const chosen = locatorValue(
		this.getNodeParameter('pageId', itemIndex, '', { extractValue: true }),
	);
	if (chosen) {
		if (!/^\d+$/.test(chosen)) {
			throw new NodeOperationError(
				this.getNode(),
				`Page ID "${chosen}" is not a Page ID: it is made of digits`,
				{ itemIndex },
			);
		}
		return chosen;
	}
	const fromCredential = await credentialPageId.call(this);
	if (fromCredential !== 'me') return fromCredential;
	return String((await tokenPage.call(this, 'id', itemIndex)).id);
}

/** The Instagram account an Instagram Login call addresses: the credential's account ID, or "me". */
export async function instagramAccount(this: IExecuteFunctions): Promise<string> {
	return instagramAccountId(await instagramCredentials.call(this));
}
