import { z } from 'zod';
import { currentPasswordField, passwordField, personNameField } from '../shared/fields';
import { withPasswordConfirmation } from '../shared/password-confirmation';

export const inviteTokenField = z
  .string({ error: 'This invite link is not valid.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This invite link is not valid.');

/** "Create your account": a name and a new password (see acceptInvite for an existing one). */
export const acceptInviteSchema = z.strictObject({
  token: inviteTokenField,
  name: personNameField,
  password: passwordField,
});

export type AcceptInviteInput = z.input<typeof acceptInviteSchema>;

/** The accept form: the same fields plus a repeated password. */
export const acceptInviteFormSchema = withPasswordConfirmation(acceptInviteSchema);

/** "I already have an account": the password of the account the invite's email has. */
export const acceptInviteWithPasswordSchema = z.strictObject({
  token: inviteTokenField,
  password: currentPasswordField,
});

export type AcceptInviteWithPasswordInput = z.input<typeof acceptInviteWithPasswordSchema>;
