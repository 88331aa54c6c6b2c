import { idField } from '@parapet/accounts/schemas';
import type { DestinationInput } from '@parapet/audit';
import { z } from 'zod';
import {
  type DestinationTypeName,
  destinationTypeNames,
  destinationTypeSpecs,
} from './destination-field-specs';

// A destination form's fields (all text) as the domain functions take them: numbers as numbers,
// a tag list as an array, the type's own fields only. Blank means "not given" on a new
// destination; on an edit a blank secret keeps the stored one and a blank optional setting
// clears it. The domain validates the result with the type's schema.

const typeField = z.enum(destinationTypeNames as [DestinationTypeName, ...DestinationTypeName[]], {
  error: 'Choose a destination type.',
});

function readFields(
  values: Record<string, unknown>,
  type: DestinationTypeName,
  mode: 'create' | 'update',
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of destinationTypeSpecs[type].fields) {
    const raw = values[field.name];
    const blank = raw === undefined || (typeof raw === 'string' && raw.trim() === '');
    if (blank) {
      if (mode === 'update' && field.kind !== 'secret' && !field.required) input[field.name] = null;
      continue;
    }
    input[field.name] = typeof raw === 'string' ? convert(field.kind, raw) : raw;
  }
  return input;
}

function convert(kind: string, text: string): unknown {
  if (kind === 'number') return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : text;
  if (kind === 'list') {
    return text
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return text;
}

const common = {
  type: typeField,
  name: z.unknown().optional(),
  format: z.unknown().optional(),
};

export const createDestinationFormSchema = z.looseObject(common).transform(
  ({ type, name, format, ...values }) =>
    ({
      type,
      name,
      ...(format === '' || format === undefined ? {} : { format }),
      ...readFields(values, type, 'create'),
    }) as DestinationInput,
);

export const updateDestinationFormSchema = z
  .looseObject({ ...common, id: idField })
  .transform(({ id, type, name, format, ...values }) => ({
    id,
    type,
    name,
    ...(format === '' || format === undefined ? {} : { format }),
    ...readFields(values, type, 'update'),
  }));

export const setDestinationEnabledFormSchema = z.strictObject({
  id: idField,
  enabled: z.enum(['true', 'false']).transform((value) => value === 'true'),
});
