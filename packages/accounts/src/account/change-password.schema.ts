import { z } from 'zod';
import { currentPasswordField, passwordField } from '../shared/fields';
import { withPasswordConfirmation } from '../shared/password-confirmation';

export const changePasswordSchema = z.strictObject({
  currentPassword: currentPasswordField,
  password: passwordField,
});

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** The Account page form: the new password is typed twice. */
export const changePasswordFormSchema = withPasswordConfirmation(changePasswordSchema);
