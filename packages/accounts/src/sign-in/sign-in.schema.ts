import { z } from 'zod';
import { currentPasswordField, emailField } from '../shared/fields';

export const signInSchema = z.strictObject({
  email: emailField,
  password: currentPasswordField,
});

export type SignInInput = z.input<typeof signInSchema>;
