import type { Channel } from './channels';

/** The permission each channel's create requires (Genesys Platform API docs). */
export const ADD_PERMISSION: Record<Channel, string> = {
	facebook: 'messaging:integration:add',
	instagram: 'messaging:conversationInstagramIntegration:add',
	line: 'messaging:integration:add',
	open: 'messaging:integration:add',
	twitter: 'messaging:XIntegration:add',
	whatsapp: 'messaging:whatsappIntegration:add',
};

export const EDIT_PERMISSION: Record<Channel, string> = {
	facebook: 'messaging:integration:edit',
	instagram: 'messaging:integration:edit',
	line: 'messaging:integration:edit',
	open: 'messaging:integration:edit',
	twitter: 'messaging:XIntegration:edit',
	whatsapp: 'messaging:integration:edit',
};
