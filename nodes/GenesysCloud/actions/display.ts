import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Like n8n's updateDisplayOptions, but with resource and operation first: n8n stops checking a
 * `show` rule at the first key whose value is an expression, so a channel given as an
 * expression must not come before the operation check.
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
