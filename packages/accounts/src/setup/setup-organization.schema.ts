import { z } from 'zod';
import { emailField, optionalPersonNameField, orgNameField, passwordField } from '../shared/fields';
import { withPasswordConfirmation } from '../shared/password-confirmation';

/** First-run setup: the organization and its first owner. Also used for headless setup. */
export const setupOrganizationSchema = z.strictObject({
  organizationName: orgNameField,
  name: optionalPersonNameField,
  email: emailField,
  password: passwordField,
});

export type SetupOrganizationInput = z.input<typeof setupOrganizationSchema>;

/** The /setup form: the same fields plus a repeated password. */
export const setupOrganizationFormSchema = withPasswordConfirmation(setupOrganizationSchema);
