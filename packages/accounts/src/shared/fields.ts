import { z } from 'zod';
import { humanNameField, optionalHumanNameField } from './human-name';

// Field schemas shared by every form of the console. Limits match the column sizes in
// prisma/schema.prisma, so anything that passes here fits in the database.

// An email is an identifier, not a name: it is not held to the name rule, and z.email accepts
// ASCII only, so none of the characters that rule refuses get through here either.
export const emailField = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .min(1, 'Enter an email address.')
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }))
  .transform((email) => email.toLowerCase());

// Argon2 would accept longer input, but an upper bound keeps hashing cost bounded per request.
export const passwordField = z
  .string({ error: 'Enter a password.' })
  .min(12, 'Use at least 12 characters.')
  .max(200, 'Use at most 200 characters.');

/** A password being checked, not chosen: any non-empty value within the same upper bound. */
export const currentPasswordField = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(200, 'Use at most 200 characters.');

// Every human-entered name follows one rule (human-name.ts): what it refuses, and why.
export const orgNameField = humanNameField({ empty: 'Enter the organization name.', max: 120 });

export const personNameField = humanNameField({ empty: 'Enter your name.', max: 120 });

/** An optional name: an empty form field means "not given". */
export const optionalPersonNameField = optionalHumanNameField({ max: 120 });

export const idField = z.uuid({ error: 'This reference is not valid.' });

export const roles = ['owner', 'admin', 'auditor'] as const;

export const roleField = z.enum(roles, { error: 'Choose one of the listed roles.' });
