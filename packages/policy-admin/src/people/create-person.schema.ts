import { z } from 'zod';
import {
  displayNameField,
  externalIdField,
  optionalOnCreate,
  personEmailField,
  personGroupsField,
} from './person-fields';

export const createPersonSchema = z.strictObject({
  email: personEmailField,
  displayName: optionalOnCreate(displayNameField),
  externalId: optionalOnCreate(externalIdField),
  groups: personGroupsField.default([]),
});

export type CreatePersonInput = z.input<typeof createPersonSchema>;
