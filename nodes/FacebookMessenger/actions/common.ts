import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { credentialPageId, graphRequest } from '../transport';

/** The Page resource locator: searchable, paginated list of managed Pages, or an ID. */
export function pageLocator(required: boolean, description?: string): INodeProperties {
	return {
		displayName: 'Page',
		name: 'pageId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
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
	const me = await graphRequest.call(this, {
		credential: 'facebookPageApi',
		method: 'GET',
		path: '/me',
		qs: { fields: 'id' },
		kind: 'read',
		itemIndex,
	});
	return String(me.id);
}

/** What an output item says about an error under continueOnFail: message, Graph facts, hint. */
export function errorJson(error: unknown): IDataObject {
	if (error instanceof NodeApiError) {
		const data = (error.errorResponse ?? {}) as JsonObject;
		return {
			error: error.message,
			...(error.description ? { description: error.description } : {}),
			...(error.httpCode ? { httpCode: error.httpCode } : {}),
			...(data.code !== undefined ? { code: data.code } : {}),
			...(data.error_subcode !== undefined ? { subcode: data.error_subcode } : {}),
			...(data.fbtrace_id !== undefined ? { fbtraceId: data.fbtrace_id } : {}),
			...(data.hint !== undefined ? { hint: data.hint } : {}),
		};
	}
	return { error: error instanceof Error ? error.message : String(error) };
}

/** Errors of this node are already NodeApiError/NodeOperationError; anything else is wrapped. */
export function nodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(
		context.getNode(),
		error instanceof Error ? error.message : String(error),
		{ itemIndex },
	);
}
