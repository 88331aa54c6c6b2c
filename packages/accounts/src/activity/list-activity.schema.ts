import { z } from 'zod';

/** Paging through the log: newest first, `before` is the sequence number to continue below. */
export const listActivitySchema = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListActivityInput = z.input<typeof listActivitySchema>;
