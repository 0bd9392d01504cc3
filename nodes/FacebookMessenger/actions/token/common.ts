import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// What the token operations share: their output, with the expiry as a duration and a time.

/**
 * A token answer (`access_token`, `token_type`, `expires_in`) as the node outputs it: the token,
 * its type, the seconds it lives and the absolute expiry (ISO 8601, from now).
 */
export function tokenOutput(response: IDataObject, now = Date.now()): IDataObject {
	const expiresIn =
		response.expires_in === undefined || response.expires_in === null
			? undefined
			: Number(response.expires_in);
	const valid = expiresIn !== undefined && Number.isFinite(expiresIn) && expiresIn > 0;
	return {
		accessToken: response.access_token,
		tokenType: response.token_type ?? 'bearer',
		expiresIn: valid ? expiresIn : null,
		expiresAt: valid ? new Date(now + expiresIn * 1000).toISOString() : null,
	};
}

/** The token an operation works on: the credential's, or one entered in the node. */
export function chosenToken(
	context: IExecuteFunctions,
	itemIndex: number,
	source: string,
	entered: string,
	fromCredential: string,
	messages: { entered: string; credential: string },
): string {
	const token = (source === 'parameter' ? entered : fromCredential).trim();
	if (!token) {
		throw new NodeOperationError(
			context.getNode(),
			source === 'parameter' ? messages.entered : messages.credential,
			{ itemIndex },
		);
	}
	return token;
}
