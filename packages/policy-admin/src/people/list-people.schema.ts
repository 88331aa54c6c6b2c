import { z } from 'zod';
import { groupNameField } from '../groups/group-name-field';
import { booleanField } from './person-fields';

const limitMessage = 'Give a whole number from 1 to 200.';

/**
 * Filters and paging for the directory. `search` matches part of an email or display name,
 * ignoring case; `after` is the email to continue after (people are listed by email).
 * Numbers and flags may come as text, from a query string.
 */
export const listPeopleSchema = z.strictObject({
  group: groupNameField.optional(),
  active: booleanField.optional(),
  search: z
    .string({ error: 'Enter text to search for.' })
    .trim()
    .max(254, 'Search for at most 254 characters.')
    .optional()
    .transform((search) => (search === '' ? undefined : search)),
  after: z.string({ error: 'Give the email to continue after.' }).max(254).optional(),
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(200, limitMessage)
    .default(50),
});

export type ListPeopleInput = z.input<typeof listPeopleSchema>;
