import { AppError, toFieldErrors } from '@parapet/errors';
import type { z } from 'zod';

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
