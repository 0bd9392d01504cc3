import type { INodeProperties } from 'n8n-workflow';

const returnAll: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

const limit: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** The "Return All" switch and the "Limit" it hides, as every list operation shows them. */
export function returnAllOrLimit(returnAllByDefault: boolean): INodeProperties[] {
	return [{ ...returnAll, default: returnAllByDefault }, limit];
}
