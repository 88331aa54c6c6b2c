import { z } from 'zod';
import type { FieldErrors } from './app-error';

/**
 * Turns a zod failure into the field errors a form shows beside each input. Problems that
 * belong to no field (an unexpected extra field, for one) are reported under `_form`.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const flattened = z.flattenError(error);
  const fieldErrors: FieldErrors = {};
  for (const [field, messages] of Object.entries(flattened.fieldErrors)) {
    if (Array.isArray(messages) && messages.length > 0) fieldErrors[field] = messages;
  }
  if (flattened.formErrors.length > 0) fieldErrors._form = flattened.formErrors;
  return fieldErrors;
}
