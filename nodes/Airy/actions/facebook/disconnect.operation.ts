import { disconnectOperation } from '../properties';

/** Disconnects a Facebook page channel (Airy answers 204 for an already disconnected one too). */
export const { description, execute } = disconnectOperation('facebook');
