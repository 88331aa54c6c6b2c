import { z } from 'zod';
import { groupNameField } from '../groups/group-name-field';
import { booleanField } from './person-fields';

const limitMessage = 'Give a whole number from 1 to 200.';

// No email or name in the directory holds a control character or a broken one (PostgreSQL
// cannot even take NUL in a query), so a filter with one is refused rather than sent.
const plainText = /^[^\p{Cc}\p{Cs}]*$/u;
const plainTextMessage = 'Search without control characters.';

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
    .regex(plainText, plainTextMessage)
    .optional()
    .transform((search) => (search === '' ? undefined : search)),
  after: z
    .string({ error: 'Give the email to continue after.' })
    .max(254, 'Give the email to continue after.')
    .regex(plainText, plainTextMessage)
    .optional(),
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(200, limitMessage)
    .default(50),
});

export type ListPeopleInput = z.input<typeof listPeopleSchema>;
