import { disconnectOperation } from '../properties';

/** Disconnects an Instagram channel (Airy answers 204 for an already disconnected one too). */
export const { description, execute } = disconnectOperation('instagram');
