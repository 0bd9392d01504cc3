// What the Airy emulator's Facebook side knows: the pages behind the emulator's Facebook user
// token (GRAPH.userAccessToken, shared with the Graph emulator) and which tokens Graph accepts.
import { GRAPH } from '../fixtures.mjs';

export const AIRY_PAGES = [
	{
		id: GRAPH.pageId,
		name: GRAPH.pageName,
		picture: `https://scontent.example/${GRAPH.pageId}.jpg`,
		instagramAccountId: '17841400000000001',
	},
	{
		id: '104000000000002',
		name: 'Bridge Support Page',
		picture: 'https://scontent.example/104000000000002.jpg',
	},
	{
		id: '104000000000003',
		name: 'Bridge Sales Page (Berlin, Germany)',
		picture: 'https://scontent.example/104000000000003.jpg',
	},
];

export const AIRY_INSTAGRAM_ACCOUNT_ID = '17841400000000001';

/** A user token Graph reports as expired (Airy passes the Graph message on with a 500). */
export const EXPIRED_USER_TOKEN = 'EAAemulatorExpiredUserToken';

/** Graph's messages, as Airy passes them through in {"message": …}. */
export const GRAPH_MESSAGES = {
	invalidToken: 'Invalid OAuth access token - Cannot parse access token',
	expired: 'Error validating access token: Session has expired on Friday, 20-Nov-26 10:00:00 PST.',
	unknownPage: (id) =>
		`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
};
