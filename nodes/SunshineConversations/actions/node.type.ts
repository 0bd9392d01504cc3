/** Every resource of the Sunshine Conversations node and its operation names, as the description lists them. */
export type NodeMap = {
	integration: 'create' | 'delete' | 'get' | 'getAll' | 'update';
};
