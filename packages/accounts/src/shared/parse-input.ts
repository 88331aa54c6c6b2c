import { z } from 'zod';
import { AppError, type FieldErrors } from '../errors/app-error';

/**
 * Parses untrusted input with a domain schema. A failure becomes an `INVALID_INPUT` AppError
 * whose field errors name each offending field; problems that belong to no field (an
 * unexpected extra field, for one) are reported under `_form`.
 */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('INVALID_INPUT', 'Please correct the highlighted fields.', {
    fieldErrors: toFieldErrors(result.error),
  });
}

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const flattened = z.flattenError(error);
  const fieldErrors: FieldErrors = {};
  for (const [field, messages] of Object.entries(flattened.fieldErrors)) {
    if (Array.isArray(messages) && messages.length > 0) fieldErrors[field] = messages;
  }
  if (flattened.formErrors.length > 0) fieldErrors._form = flattened.formErrors;
  return fieldErrors;
}
