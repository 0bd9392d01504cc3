import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

/** Fewer characters than this is too easy to guess for a signing key. */
export const MIN_SECRET_LENGTH = 16;

/**
 * What can be checked of a shared secret without Genesys: that it is there, has no stray spaces
 * (a copy-paste slip that breaks every signature) and is long enough to be a key. Whether it
 * matches the integration's shows only when Genesys signs a notification with it.
 */
export function secretTokenProblem(secretToken: unknown): string | undefined {
	const value = typeof secretToken === 'string' ? secretToken : '';
	if (!value) return 'Enter the Secret Token';
	if (value.trim() !== value)
		return 'The Secret Token starts or ends with a space: Genesys signs with the exact value, remove it here and in Genesys Cloud';
	if (value.length < MIN_SECRET_LENGTH)
		return `The Secret Token has ${value.length} characters: use a random string of at least ${MIN_SECRET_LENGTH}`;
	return undefined;
}

export async function secretTokenTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	const problem = secretTokenProblem(credential.data?.secretToken);
	return problem
		? { status: 'Error', message: problem }
		: {
				status: 'OK',
				message:
					'The Secret Token is well formed. Whether it matches the integration shows on the first notification Genesys signs (refused ones are logged as 401).',
			};
}
