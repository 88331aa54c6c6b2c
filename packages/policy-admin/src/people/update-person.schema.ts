import { z } from 'zod';
import {
  booleanField,
  clearableOnUpdate,
  displayNameField,
  externalIdField,
  personGroupsField,
  personIdField,
} from './person-fields';

/**
 * A change to a person: every field but `personId` is optional, and only the fields given
 * change. `groups` replaces the person's groups; null or blank clears a display name or
 * external id. The email is the directory's key for a person and does not change.
 */
export const updatePersonSchema = z.strictObject({
  personId: personIdField,
  displayName: clearableOnUpdate(displayNameField),
  externalId: clearableOnUpdate(externalIdField),
  groups: personGroupsField.optional(),
  active: booleanField.optional(),
});

export type UpdatePersonInput = z.input<typeof updatePersonSchema>;
