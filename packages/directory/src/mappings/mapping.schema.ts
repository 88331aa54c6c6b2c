import { idField } from '@parapet/accounts/schemas';
import { z } from 'zod';

export const directoryGroupsSchema = z.strictObject({ id: idField });
export type DirectoryGroupsInput = z.input<typeof directoryGroupsSchema>;

// Policy group names as policy administration writes them: lowercase [a-z0-9-], 1–63.
const policyGroupName = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,63}$/, 'A policy group name is 1–63 lowercase letters, digits or dashes.');

export const setDirectoryGroupMappingSchema = z.strictObject({
  /** The directory, and its SCIM group. */
  id: idField,
  groupId: idField,
  /** Every policy group the IdP group maps to; an empty list removes the mapping. */
  policyGroups: z
    .array(policyGroupName, { error: 'Give the policy groups as a list of names.' })
    .max(100, 'Map one IdP group to at most 100 policy groups.')
    .transform((names) => [...new Set(names)].sort()),
});
export type SetDirectoryGroupMappingInput = z.input<typeof setDirectoryGroupMappingSchema>;
