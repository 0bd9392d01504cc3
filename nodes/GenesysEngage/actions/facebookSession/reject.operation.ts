import { rejectBody } from '../../bodies';
import { sessionOperation } from './common';

/** Rejects an invitation to a private-messaging session. */
export const { description, execute } = sessionOperation('reject', [], () => rejectBody());
