/**
 * Every resource of the Genesys Cloud node and its operation names, as the description lists
 * them: `actions/router.ts` types its handler table against this map, so a missing handler fails
 * to compile.
 */
export type NodeMap = {
	integration: 'create' | 'delete' | 'get' | 'getAll' | 'update';
	sticker: 'getAll';
	openMessaging: 'sendInboundEvent' | 'sendInboundMessage' | 'sendInboundReceipt';
};
