import { z } from 'zod';
import { emailField, roleField } from '../shared/fields';

export const createInviteSchema = z.strictObject({
  email: emailField,
  role: roleField,
});

export type CreateInviteInput = z.input<typeof createInviteSchema>;
