import {
  createPersonSchema,
  personGroupsField,
  personIdSchema,
  updatePersonSchema,
} from '@parapet/policy-admin/schemas';
import { z } from 'zod';

// A form posts flat text fields, one value per name, so the groups chosen with checkboxes travel
// as one hidden field of comma-separated names (group names cannot hold a comma).

/** Group names as the forms post them: one text field, names separated by commas. */
export const groupListText = z
  .string({ error: 'Choose the groups from the list.' })
  .optional()
  .transform((text) =>
    (text ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  )
  .pipe(personGroupsField);

export const addPersonFormSchema = createPersonSchema.extend({ groups: groupListText });

export const changePersonFormSchema = updatePersonSchema.extend({ groups: groupListText });

export const deactivatePersonFormSchema = personIdSchema;

export const peopleCsvFormSchema = z.strictObject({
  csv: z
    .string({ error: 'Paste the CSV or choose a file.' })
    .refine((text) => text.trim() !== '', 'Paste the CSV or choose a file.'),
});
