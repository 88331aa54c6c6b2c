import { z } from 'zod';

// `seq` is a PostgreSQL integer: a larger `before` would fail in the database, not here.
const maxSeq = 2_147_483_647;

/**
 * Paging through the log: newest first, `before` is the sequence number to continue below.
 * `verify` is how much of the chain to check: `new` from the last verified entry on (the
 * default), `all` every entry again.
 */
export const listActivitySchema = z.strictObject({
  before: z.coerce
    .number({ error: 'Give a positive whole number.' })
    .int('Give a positive whole number.')
    .positive('Give a positive whole number.')
    .max(maxSeq, 'No entry has a number that large.')
    .optional(),
  limit: z.coerce
    .number({ error: 'Give a whole number from 1 to 200.' })
    .int('Give a whole number from 1 to 200.')
    .min(1, 'Give a whole number from 1 to 200.')
    .max(200, 'Give a whole number from 1 to 200.')
    .default(50),
  verify: z.enum(['new', 'all'], { error: 'Choose new or all.' }).default('new'),
});

export type ListActivityInput = z.input<typeof listActivitySchema>;
