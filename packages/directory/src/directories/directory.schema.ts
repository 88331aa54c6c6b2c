import { humanNameField, idField } from '@parapet/accounts/schemas';
import { z } from 'zod';

// The inputs of the directory-connection functions; the console's forms and admin API routes
// parse with the same schemas.

export const createDirectorySchema = z.strictObject({
  name: humanNameField({ empty: 'Enter a name for the directory, like “Okta”.', max: 120 }),
});
export type CreateDirectoryInput = z.input<typeof createDirectorySchema>;

export const directoryIdSchema = z.strictObject({ id: idField });
export type DirectoryIdInput = z.input<typeof directoryIdSchema>;
