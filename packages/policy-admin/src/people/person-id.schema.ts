import { z } from 'zod';
import { personIdField } from './person-fields';

/** Names one person of the directory: what getting or deactivating them takes. */
export const personIdSchema = z.strictObject({ personId: personIdField });

export type PersonIdInput = z.input<typeof personIdSchema>;
