/**
 * Every resource of the Genesys Engage node and its operation names, as the description lists
 * them: the router's handler table is typed against it, so a missing handler fails to compile.
 */
export type NodeMap = {
	facebook: 'cancel' | 'create' | 'reply' | 'send';
	facebookSession:
		| 'accept'
		| 'addComment'
		| 'complete'
		| 'reject'
		| 'sendMessage'
		| 'sendUrl'
		| 'transfer';
};
