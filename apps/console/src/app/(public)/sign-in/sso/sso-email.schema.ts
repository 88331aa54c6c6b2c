import { z } from 'zod';

/** The "Sign in with SSO" form: a work email, and where to go back to afterwards. */
export const ssoEmailSchema = z.object({
  email: z.email({ message: 'Enter your work email address.' }).max(254),
  callbackUrl: z.string().max(2000).optional(),
});
