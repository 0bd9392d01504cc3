/** Every resource of the Facebook Messenger node and its operation names (the description's values). */
export type NodeMap = {
	attachment: 'upload';
	message: 'sendAction' | 'sendAttachment' | 'sendTemplate' | 'sendText';
	page: 'explore' | 'get' | 'getSubscribedApps' | 'subscribeApp' | 'unsubscribeApp';
	token: 'debug' | 'exchange' | 'getPageTokens' | 'refresh';
	user: 'getProfile';
};
