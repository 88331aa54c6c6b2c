'use client';

import { FormTextField } from './form-text-field';
import type { ValidatedAction } from './use-validated-action';

/**
 * A new password, typed twice (`password`, `confirmPassword`), as the schemas built with
 * withPasswordConfirmation expect it; the browser's password manager offers to generate it.
 */
export function NewPasswordFields({
  form,
  label = 'Password',
  repeatLabel = 'Repeat password',
}: {
  form: Pick<ValidatedAction, 'values' | 'fieldErrors'>;
  label?: string;
  repeatLabel?: string;
}) {
  return (
    <>
      <FormTextField
        form={form}
        name="password"
        type="password"
        label={label}
        hint="At least 12 characters."
        autoComplete="new-password"
        required
      />
      <FormTextField
        form={form}
        name="confirmPassword"
        type="password"
        label={repeatLabel}
        autoComplete="new-password"
        required
      />
    </>
  );
}
