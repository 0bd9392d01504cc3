import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The package's parameter readers: every node reads its fields through these, so that a value is
 * trimmed, defaulted and reported the same way everywhere.
 */

/** A string parameter, trimmed ('' when empty or absent). */
export function text(context: IExecuteFunctions, name: string, itemIndex: number): string {
	return String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
}

/** A collection parameter (Options, Additional Fields): `{}` when absent. */
export function collection(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject {
	const value = context.getNodeParameter(name, itemIndex, {}) as IDataObject | null;
	return value && typeof value === 'object' ? value : {};
}

/** Throws the first validation message (undefined means "fine") as a NodeOperationError for this item. */
export function ensure(
	context: IExecuteFunctions,
	itemIndex: number,
	...messages: Array<string | undefined>
): void {
	const message = messages.find((m) => m !== undefined);
	if (message) throw new NodeOperationError(context.getNode(), message, { itemIndex });
}
