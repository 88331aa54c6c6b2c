import { idField } from '@parapet/accounts/schemas';
import { z } from 'zod';
import {
  type DestinationType,
  destinationInputSchema,
  secretFieldsByType,
} from '../destination-schemas';

// The request schemas of the destination functions beside the configuration schema they feed.
// Client-safe: zod only, shared by the admin API, the console's actions and its forms.

export const destinationTypes = destinationInputSchema.options.map(
  (option) => option.shape.type.value,
) as DestinationType[];

/** The settings each type takes besides name, type, format and enabled, in the form's order. */
export const settingFieldsByType = Object.fromEntries(
  destinationInputSchema.options.map((option) => [
    option.shape.type.value,
    Object.keys(option.shape).filter((key) => !['name', 'type', 'format', 'enabled'].includes(key)),
  ]),
) as Record<DestinationType, string[]>;

/** Which formats each type carries, the default first. */
export const formatsByType = Object.fromEntries(
  destinationInputSchema.options.map((option) => {
    const format = option.shape.format;
    const values = format.unwrap().options as string[];
    const fallback = format.parse(undefined) as string;
    return [option.shape.type.value, [fallback, ...values.filter((value) => value !== fallback)]];
  }),
) as Record<DestinationType, string[]>;

export const destinationIdSchema = z.strictObject({ id: idField });

export type DestinationIdInput = z.input<typeof destinationIdSchema>;

const everySettingField = [...new Set(Object.values(settingFieldsByType).flat())];

/**
 * A change to a destination: the fields given replace the stored ones, the others stay. A secret
 * left out (or blank) keeps the stored secret; null clears an optional setting. The merged
 * configuration is validated as a whole by its type's schema, so each field is only checked for
 * being one Parapet knows here. `type` may be given only unchanged: a destination of another
 * type is a new destination.
 */
export const updateDestinationSchema = z.strictObject({
  id: idField,
  type: z.enum(destinationTypes as [DestinationType, ...DestinationType[]]).optional(),
  name: z.unknown().optional(),
  format: z.unknown().optional(),
  enabled: z.unknown().optional(),
  ...Object.fromEntries(
    everySettingField.map((field) => [
      field,
      z.unknown().optional().describe('A setting of the destination’s type.'),
    ]),
  ),
});

/** The change as a caller writes it: the id, and any of the type's fields. */
export type UpdateDestinationInput = { id: string; type?: DestinationType | undefined } & Record<
  string,
  unknown
>;

export { secretFieldsByType };
