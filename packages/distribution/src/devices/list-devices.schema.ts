import { groupNameField, personEmailField } from '@parapet/policy-admin/schemas';
import { z } from 'zod';
import { deviceIdField } from './device-fields';

export const deviceStates = ['current', 'stale', 'failing', 'revoked'] as const;

const limitMessage = 'Give a whole number from 1 to 200.';

/** An empty form or query field means "not given". */
function blankAsAbsent<Field extends z.ZodType>(field: Field) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), field);
}

/**
 * Filters and paging for the Devices page. `q` matches part of a hostname or its person's email,
 * ignoring case; `cursor` is the `nextCursor` of the previous page. Numbers may come as text,
 * from a query string.
 */
export const listDevicesSchema = z.strictObject({
  state: blankAsAbsent(
    z.enum(deviceStates, { error: 'Choose current, stale, failing or revoked.' }).optional(),
  ),
  q: blankAsAbsent(
    z
      .string({ error: 'Enter text to search for.' })
      .trim()
      .max(254, 'Search for at most 254 characters.')
      .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'Search without control characters.')
      .optional()
      .transform((q) => (q === '' ? undefined : q)),
  ),
  person: blankAsAbsent(personEmailField.optional()),
  group: blankAsAbsent(groupNameField.optional()),
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(200, limitMessage)
    .default(50),
  cursor: blankAsAbsent(z.uuid({ error: 'This page reference is not valid.' }).optional()),
});

export type ListDevicesInput = z.input<typeof listDevicesSchema>;

/** One device, by id (read, revoke). */
export const deviceIdSchema = z.strictObject({ id: deviceIdField });

export type DeviceIdInput = z.input<typeof deviceIdSchema>;

export const revokeDeviceSchema = deviceIdSchema;

export type RevokeDeviceInput = DeviceIdInput;
