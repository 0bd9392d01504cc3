// The pure Bayeux helpers of the Genesys Engage node's CometD client.
import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
	handshakeMessage,
	connectMessage,
	messagesOf,
	metaReply,
	notificationsOn,
	FACEBOOK_TOPIC,
} = require('../../dist/nodes/GenesysEngage/bayeux.js');

describe('engage bayeux', () => {
	it('messages: handshake asks for long-polling; connect names the client', () => {
		assert.deepEqual(handshakeMessage('1').supportedConnectionTypes, ['long-polling']);
		assert.deepEqual(connectMessage('2', 'abc'), {
			channel: '/meta/connect',
			clientId: 'abc',
			connectionType: 'long-polling',
			id: '2',
		});
	});
	it('messagesOf accepts an array or a lone object and drops what is not a message', () => {
		assert.equal(messagesOf([{ channel: '/a' }, null, 3, { nochannel: 1 }]).length, 1);
		assert.equal(messagesOf({ channel: '/a' }).length, 1);
		assert.deepEqual(messagesOf('<html>'), []);
		assert.deepEqual(messagesOf(undefined), []);
	});
	it('metaReply: success, advice timeout, and the two ways a server asks for a new handshake', () => {
		const ok = metaReply(
			[
				{
					channel: '/meta/handshake',
					successful: true,
					clientId: 'c1',
					advice: { timeout: 30000 },
				},
			],
			'/meta/handshake',
		);
		assert.deepEqual(ok, {
			successful: true,
			clientId: 'c1',
			error: undefined,
			rehandshake: false,
			timeoutMs: 30000,
		});
		assert.equal(
			metaReply(
				[{ channel: '/meta/connect', successful: false, error: '402::Unknown client' }],
				'/meta/connect',
			).rehandshake,
			true,
		);
		assert.equal(
			metaReply(
				[{ channel: '/meta/connect', successful: false, advice: { reconnect: 'handshake' } }],
				'/meta/connect',
			).rehandshake,
			true,
		);
		assert.equal(
			metaReply([{ channel: '/meta/connect', successful: false, error: '500::x' }], '/meta/connect')
				.rehandshake,
			false,
		);
		assert.equal(metaReply([], '/meta/connect'), undefined);
	});
	it("notificationsOn: only the topic's data messages with an integer referenceId", () => {
		const messages = [
			{ channel: FACEBOOK_TOPIC, data: { referenceId: 57, notificationType: 'StatusChange' } },
			{ channel: FACEBOOK_TOPIC, data: { referenceId: '58' } },
			{ channel: FACEBOOK_TOPIC, data: { notificationType: 'PropertiesUpdated' } },
			{ channel: '/v2/me/facebooksession', data: { referenceId: 59 } },
			{ channel: '/meta/connect', successful: true },
		];
		assert.deepEqual(
			notificationsOn(messages, FACEBOOK_TOPIC).map((n) => n.referenceId),
			[57, 58],
		);
	});
});
