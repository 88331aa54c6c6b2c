import { emailField, humanNameField } from '@parapet/accounts/schemas';
import { z } from 'zod';
import { groupNameField } from '../groups/group-name-field';

// The fields of a person in the directory, shared by the form, the API, the CSV import and
// (later) SCIM. Limits match the columns of `people` in prisma/schema.prisma.

/** A person's email: the directory's key for them, stored lower-cased. */
export const personEmailField = emailField;

export const displayNameField = humanNameField({ empty: 'Enter a display name.', max: 120 });

// An external id is the identity provider's key for the person; it is shown in tables and
// logs like a name, so it is held to the same character rule.
export const externalIdField = humanNameField({ empty: 'Enter an external id.', max: 255 });

/** An optional text field on create: absent or blank means "not given". */
export function optionalOnCreate<Field extends z.ZodType<string, string>>(field: Field) {
  return z
    .string({ error: 'Enter text.' })
    .optional()
    .transform((value) => (value?.trim() === '' ? undefined : value))
    .pipe(field.optional());
}

/** An optional text field on update: absent leaves it alone; null or blank clears it. */
export function clearableOnUpdate<Field extends z.ZodType<string, string>>(field: Field) {
  return z
    .string({ error: 'Enter text.' })
    .nullable()
    .optional()
    .transform((value) => (value?.trim() === '' ? null : value))
    .pipe(field.nullable().optional());
}

// A person rarely belongs to more than a handful of groups; the bound keeps one request's
// lookups small.
export const maxGroupsPerPerson = 200;

/** The groups a person belongs to, by name; repeats collapse, order does not matter. */
export const personGroupsField = z
  .array(groupNameField, { error: 'Give the groups as a list of names.' })
  .max(maxGroupsPerPerson, `A person belongs to at most ${maxGroupsPerPerson} groups.`)
  .transform((names) => [...new Set(names)].sort(compareNames));

/** Code-unit order, as the engine orders groups: never locale-dependent. */
export function compareNames(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

export const personIdField = z.uuid({ error: 'This person reference is not valid.' });

/** `true`/`false` as JSON or as text (a query string or a form). */
export const booleanField = z
  .union([z.boolean(), z.enum(['true', 'false'])], { error: 'Give true or false.' })
  .transform((value) => value === true || value === 'true');
