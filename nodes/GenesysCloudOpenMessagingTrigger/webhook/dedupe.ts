import type { IDataObject } from 'n8n-workflow';

/**
 * The identity of a notification for de-duplication: what stays equal when Genesys retries it
 * and differs between two real notifications. Genesys gives each message a unique combination of
 * id and time; a receipt carries the id of the message it is about, so its status joins the key
 * (Delivered then Read of one message are two notifications).
 * @see https://developer.genesys.cloud/commdigital/digital/openmessaging/outboundMessages
 */
export function notificationKey(message: IDataObject): string {
	const channel = (message.channel ?? {}) as IDataObject;
	const status = message.type === 'Receipt' ? String(message.status ?? '') : '';
	return `${String(message.type)}|${String(message.id)}|${status}|${String(channel.time ?? '')}`;
}
