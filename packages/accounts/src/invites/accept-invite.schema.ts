import { z } from 'zod';
import { passwordField, personNameField } from '../shared/fields';
import { withPasswordConfirmation } from '../shared/password-confirmation';

export const inviteTokenField = z
  .string({ error: 'This invite link is not valid.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This invite link is not valid.');

export const acceptInviteSchema = z.strictObject({
  token: inviteTokenField,
  name: personNameField,
  password: passwordField,
});

export type AcceptInviteInput = z.input<typeof acceptInviteSchema>;

/** The accept form: the same fields plus a repeated password. */
export const acceptInviteFormSchema = withPasswordConfirmation(acceptInviteSchema);
