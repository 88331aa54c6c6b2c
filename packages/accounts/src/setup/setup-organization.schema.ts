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

/**
 * The one-time token a network-facing console asks for on /setup. It lives in the console's
 * process (which checks it before calling setupOrganization), so here it is only a bounded,
 * optional string: whether it is required, and right, is the console's to say.
 */
export const setupTokenField = z
  .string()
  .trim()
  .max(200, 'A setup token has at most 200 characters.')
  .optional()
  .transform((token) => (token === '' ? undefined : token));

/** The /setup form: the same fields, a repeated password, and the setup token when asked. */
export const setupOrganizationFormSchema = withPasswordConfirmation(
  setupOrganizationSchema.extend({ setupToken: setupTokenField }),
);
