import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Like n8n's updateDisplayOptions, but with resource and operation first: n8n stops checking a
 * `show` rule at the first key whose value is an expression, so a channel given as an
 * expression must not come before the operation check.
 * @see https://docs.n8n.io/integrations/creating-nodes/build/reference/node-base-files/standard-parameters/
 */
export function showFor(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...displayOptions.show, ...property.displayOptions?.show },
		},
	}));
}

/**
 * How many items a list operation returns: `undefined` with Return All, else Limit (the
 * properties of `returnAllOrLimit`, on both resources).
 */
export function listLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return context.getNodeParameter('limit', itemIndex, 50) as number;
}
