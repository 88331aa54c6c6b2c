'use client';

import { type FieldErrors, toFieldErrors } from '@parapet/errors';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { formDataToObject } from '@/forms/form-data-to-object';
import type { FormAction } from '@/server/entry-points/action-result';
import { useFormAction } from './use-form-action';

// Fields the server adds context with rather than the user typing them.
const contextFields = new Set(['orgId']);

/**
 * A server action wired to a form, validated first in the browser with the same zod schema
 * the server uses: invalid input never leaves the page, and the server's own field errors (it
 * validates again) show in the same places. The form must sit in a SubmissionBoundary, so a
 * send that fails in transit shows as a form error too, with the typed values kept.
 */
export function useValidatedAction<Data>(action: FormAction<Data>, schema: z.ZodType) {
  return useValidatedActionState(action, schema);
}

/** What useValidatedAction hands a form: its state and the props its fields read. */
export type ValidatedAction<Data = unknown> = ReturnType<typeof useValidatedActionState<Data>>;

function useValidatedActionState<Data>(action: FormAction<Data>, schema: z.ZodType) {
  const [state, formAction, pending] = useFormAction(action);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [submissions, setSubmissions] = useState(0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const values = formDataToObject(new FormData(event.currentTarget));
    for (const field of contextFields) delete values[field];
    const result = schema.safeParse(values);
    if (!result.success) {
      event.preventDefault();
      setClientErrors(toFieldErrors(result.error));
      return;
    }
    setClientErrors(null);
    setSubmissions((count) => count + 1);
  }

  const serverErrors = state.status === 'error' ? (state.fieldErrors ?? {}) : {};
  const fieldErrors: FieldErrors = clientErrors ?? serverErrors;
  const formError =
    clientErrors === null && state.status === 'error'
      ? state.message
      : clientErrors?._form?.join(' ');
  const values = state.status === 'error' ? (state.values ?? {}) : {};
  return {
    state,
    formAction,
    pending,
    onSubmit,
    fieldErrors,
    formError,
    /** Whether the form shows any error now, from the browser's check or the server. */
    hasErrors: clientErrors !== null || state.status === 'error',
    values,
    /** Changes after each server answer, so uncontrolled fields re-mount with `values`. */
    formKey: `${submissions}-${state.status}`,
  };
}
