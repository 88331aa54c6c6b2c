import { optionalHumanNameField } from '@parapet/accounts/schemas';
import { booleanField, personEmailField, personGroupsField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';

export const defaultEnrollmentTokenLifetimeMs = 7 * 24 * 60 * 60 * 1000;
export const maxEnrollmentTokenLifetimeMs = 365 * 24 * 60 * 60 * 1000;

/** An empty form field means "not given". */
function blankAsAbsent<Field extends z.ZodType>(field: Field) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), field);
}

/**
 * A new enrollment token. `person`: the directory person whose devices enroll with it;
 * `groups`: policy groups its devices get on top of their person's; `reusable`: a fleet token
 * that enrolls any number of devices until it expires or is revoked; `expiresAt`: an ISO time
 * up to a year ahead (7 days when not given).
 */
export const createEnrollmentTokenSchema = z.strictObject({
  name: optionalHumanNameField({ max: 120 }),
  person: blankAsAbsent(personEmailField.optional()),
  groups: personGroupsField.default([]),
  reusable: booleanField.default(false),
  expiresAt: blankAsAbsent(
    z.iso.datetime({ offset: true, error: 'Give the expiry as an ISO date and time.' }).optional(),
  ),
});

export type CreateEnrollmentTokenInput = z.input<typeof createEnrollmentTokenSchema>;
