/**
 * Pure checks of what the user entered: a message that says what to change, or `undefined`.
 */

const INTEGRATION_ID = /^[0-9A-Za-z-]{8,64}$/;

/** The pattern of an integration ID, as the editor's "By ID" field checks it. */
export const INTEGRATION_ID_PATTERN = INTEGRATION_ID.source;

/**
 * An integration ID goes into the request path: only the characters of Genesys IDs (UUIDs) are
 * taken, so that no value can point the call at another resource.
 */
export function integrationIdProblem(id: string): string | undefined {
	if (!id) return 'Choose an integration or enter its ID';
	if (!INTEGRATION_ID.test(id)) return `"${id}" is not a Genesys Cloud integration ID`;
	return undefined;
}
