'use client';

import type { ComponentProps } from 'react';
import { TextField } from '../ui/field';
import type { ValidatedAction } from './use-validated-action';

type Props = Omit<
  ComponentProps<typeof TextField>,
  'id' | 'name' | 'defaultValue' | 'errors' | 'form'
> & {
  form: Pick<ValidatedAction, 'values' | 'fieldErrors'>;
  name: string;
  /** Defaults to `name`; set it where two forms on one page share a field name. */
  id?: string;
};

/** A text field of a validated form: its value sent back, and its errors, by its name. */
export function FormTextField({ form, name, id = name, ...field }: Props) {
  return (
    <TextField
      id={id}
      name={name}
      defaultValue={form.values[name]}
      errors={form.fieldErrors[name]}
      {...field}
    />
  );
}
