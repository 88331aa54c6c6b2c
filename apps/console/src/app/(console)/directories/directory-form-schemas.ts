import { idField } from '@parapet/accounts/schemas';
import { createDirectorySchema, directoryIdSchema } from '@parapet/directory/schemas';
import { z } from 'zod';

// The console's forms post flat text fields; the policy groups chosen with checkboxes travel
// as one hidden field of comma-separated names (policy group names cannot hold a comma).

export const createDirectoryFormSchema = createDirectorySchema;

export const directoryFormSchema = directoryIdSchema;

export const groupMappingFormSchema = z.strictObject({
  id: idField,
  groupId: idField,
  groups: z
    .string({ error: 'Choose the policy groups from the list.' })
    .optional()
    .transform((text) =>
      (text ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
});
