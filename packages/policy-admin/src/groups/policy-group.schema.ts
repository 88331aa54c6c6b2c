import { optionalHumanNameField } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { groupNameField } from './group-name-field';

// A description is free text shown beside the group's name in tables and activity entries, so
// it follows the rule for names (no control characters, line breaks, direction controls or
// invisible formatting): a one-line description loses nothing, and a hidden character in it
// could make two groups read alike. Empty means none.
const groupDescriptionField = optionalHumanNameField({ max: 500 }).transform(
  (description) => description ?? '',
);

export const createPolicyGroupSchema = z.strictObject({
  name: groupNameField,
  description: groupDescriptionField,
});
export type CreatePolicyGroupInput = z.input<typeof createPolicyGroupSchema>;

export const updatePolicyGroupSchema = z.strictObject({
  name: groupNameField,
  description: groupDescriptionField,
});
export type UpdatePolicyGroupInput = z.input<typeof updatePolicyGroupSchema>;

export const deletePolicyGroupSchema = z.strictObject({ name: groupNameField });
export type DeletePolicyGroupInput = z.input<typeof deletePolicyGroupSchema>;
