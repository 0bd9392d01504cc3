import type { Channel } from './channels';

/**
 * The permission each channel's create requires, named in the error when the OAuth client's role
 * lacks it.
 * @see https://developer.genesys.cloud/commdigital/digital/
 */
export const ADD_PERMISSION: Record<Channel, string> = {
	apple: 'messaging:appleIntegration:add',
	facebook: 'messaging:integration:add',
	instagram: 'messaging:conversationInstagramIntegration:add',
	line: 'messaging:integration:add',
	open: 'messaging:integration:add',
	twitter: 'messaging:XIntegration:add',
	whatsapp: 'messaging:whatsappIntegration:add',
};

/** The permission each channel's update requires. */
export const EDIT_PERMISSION: Record<Channel, string> = {
	apple: 'messaging:appleIntegration:edit',
	facebook: 'messaging:integration:edit',
	instagram: 'messaging:integration:edit',
	line: 'messaging:integration:edit',
	open: 'messaging:integration:edit',
	twitter: 'messaging:XIntegration:edit',
	whatsapp: 'messaging:integration:edit',
};

/** The permission of WhatsApp's embedded-signup activation (PATCH …/whatsapp/embeddedsignup/{id}). */
export const ACTIVATE_PERMISSION = 'messaging:integration:edit';
