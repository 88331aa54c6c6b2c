import { z } from 'zod';

// Field schemas shared by every form of the console. Limits match the column sizes in
// prisma/schema.prisma, so anything that passes here fits in the database.

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

// Names are shown in tables, activity entries and logs. Control characters have no place in
// them; PostgreSQL refuses NUL in text outright, and an unpaired UTF-16 surrogate (which only a
// hand-made request can carry) in the JSON of an activity entry: both would be unexpected
// errors rather than a field message.
const controlCharacters = /[\p{Cc}\p{Cs}]/u;
const noControlCharacters = 'Use letters, digits, spaces and punctuation only.';

export const orgNameField = z
  .string({ error: 'Enter the organization name.' })
  .trim()
  .min(1, 'Enter the organization name.')
  .max(120, 'Use at most 120 characters.')
  .refine((name) => !controlCharacters.test(name), noControlCharacters);

export const personNameField = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, 'Enter your name.')
  .max(120, 'Use at most 120 characters.')
  .refine((name) => !controlCharacters.test(name), noControlCharacters);

/** An optional name: an empty form field means "not given". */
export const optionalPersonNameField = z
  .string()
  .trim()
  .max(120, 'Use at most 120 characters.')
  .refine((name) => !controlCharacters.test(name), noControlCharacters)
  .optional()
  .transform((name) => (name === undefined || name === '' ? undefined : name));

export const idField = z.uuid({ error: 'This reference is not valid.' });

export const roles = ['owner', 'admin', 'auditor'] as const;

export const roleField = z.enum(roles, { error: 'Choose one of the listed roles.' });
