import { z } from 'zod';

// Control characters (NUL above all, which PostgreSQL cannot store) have no place in an IdP
// setting: attribute names, claim values, client ids, issuers and secrets are typed or pasted
// text. Refusing them here turns what would be a database error into a field error.
const controlCharacter = /\p{Cc}/u;

/** Trimmed text of 1 to `max` characters without control characters. */
export function settingText({ max, empty }: { max: number; empty?: string }) {
  return z
    .string()
    .trim()
    .min(1, empty ?? 'Enter a value.')
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !controlCharacter.test(value), 'Remove the control characters.');
}
