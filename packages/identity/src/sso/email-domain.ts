import { AppError } from '@parapet/errors';
import { z } from 'zod';

// A DNS name as people type it: labels of letters, digits and hyphens, at least two labels.
const domainPattern =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** A domain lower-cased and without its trailing dot, or null when it is not a domain name. */
export function normalizeDomain(value: string): string | null {
  const domain = value.trim().toLowerCase().replace(/\.$/, '');
  return domainPattern.test(domain) ? domain : null;
}

/** The domain schema of inputs: normalised, or a field error. */
export const domainSchema = z
  .string()
  .max(254)
  .transform((value, context) => {
    const domain = normalizeDomain(value);
    if (domain === null) {
      context.addIssue({ code: 'custom', message: 'Enter a domain name such as example.com.' });
      return z.NEVER;
    }
    return domain;
  });

/** The normalised domain of an email address; refuses an address without one. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? normalizeDomain(email.slice(at + 1)) : null;
  if (domain === null) {
    throw new AppError('INVALID_INPUT', 'Enter a valid email address.', {
      fieldErrors: { email: ['Enter a valid email address.'] },
    });
  }
  return domain;
}
