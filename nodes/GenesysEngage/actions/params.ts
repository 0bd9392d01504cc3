import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ensure, text } from '../../shared/params';
import { parseUserData } from '../validation';

/**
 * The Genesys Engage node's own parameter readers, on the shared ones: a required field stops
 * its item before any request, with the next step in the description.
 */

function missing(context: IExecuteFunctions, itemIndex: number, label: string): NodeOperationError {
	return new NodeOperationError(context.getNode(), `'${label}' is required`, {
		itemIndex,
		description: `Enter a value for '${label}' (or an expression that resolves to one).`,
	});
}

/** A required string parameter (an ID, a path), trimmed. */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = text(context, name, itemIndex);
	if (!value) throw missing(context, itemIndex, label);
	return value;
}

/** A required message text, sent exactly as typed: only a blank one is refused. */
export function requiredMessage(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const raw = context.getNodeParameter(name, itemIndex, '') as unknown;
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
	if (!value.trim()) throw missing(context, itemIndex, label);
	return value;
}

/** An optional string parameter, trimmed; undefined when empty. */
export function optionalText(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): string | undefined {
	return text(context, name, itemIndex) || undefined;
}

/** The User Data parameter as an object (undefined when empty); invalid JSON stops the item. */
export function userData(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const { data, problem } = parseUserData(context.getNodeParameter('userData', itemIndex, '{}'));
	ensure(context, itemIndex, problem);
	return data;
}
