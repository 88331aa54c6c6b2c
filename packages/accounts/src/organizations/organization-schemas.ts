import { z } from 'zod';
import { emailField, orgNameField, passwordField, personNameField } from '../shared/fields';
import { withPasswordConfirmation } from '../shared/password-confirmation';

/** The operator's `parapet org create`: the organization's name and its first owner's email. */
export const createOrganizationWithInviteSchema = z.strictObject({
  name: orgNameField,
  ownerEmail: emailField,
});

export type CreateOrganizationWithInviteInput = z.input<typeof createOrganizationWithInviteSchema>;

/** A signed-in person creating another organization (self-service only). */
export const createOwnOrganizationSchema = z.strictObject({ name: orgNameField });

export type CreateOwnOrganizationInput = z.input<typeof createOwnOrganizationSchema>;

/** A visitor's sign-up (self-service only): their account and their first organization. */
export const signUpSchema = z.strictObject({
  organizationName: orgNameField,
  name: personNameField,
  email: emailField,
  password: passwordField,
});

export type SignUpInput = z.input<typeof signUpSchema>;

/** The sign-up form: the same fields and a repeated password. */
export const signUpFormSchema = withPasswordConfirmation(signUpSchema);

/** Switching the console to another of the person's organizations. */
export const switchOrganizationSchema = z.strictObject({
  orgId: z.uuid({ error: 'This reference is not valid.' }),
});
