'use client';

import type { ReactNode } from 'react';
import { Alert } from '../ui/alert';
import type { ValidatedAction } from './use-validated-action';

/**
 * A form wired to a validated server action: it posts to the action (without JavaScript too),
 * checks in the browser first, re-mounts its fields after each answer (so they show the values
 * sent back) and shows the form-level error above them.
 */
export function ValidatedForm({
  form,
  className,
  errorClassName,
  children,
}: {
  form: Pick<ValidatedAction, 'formKey' | 'formAction' | 'onSubmit' | 'formError'>;
  className?: string;
  errorClassName?: string;
  children: ReactNode;
}) {
  return (
    <form
      key={form.formKey}
      action={form.formAction}
      onSubmit={form.onSubmit}
      noValidate
      className={className}
    >
      {form.formError ? (
        <Alert tone="error" className={errorClassName}>
          {form.formError}
        </Alert>
      ) : null}
      {children}
    </form>
  );
}
