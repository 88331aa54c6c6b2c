import { AppError } from '@parapet/errors';
import { formDataToObject } from './form-data-to-object';

/**
 * A server action's form argument, as a plain object for validation. Next.js decodes whatever
 * a client posts to an action id, so the argument is only a FormData when a form sent it: a
 * hand-made request can make it a string, a number, null or an array. Those are refused as
 * invalid input rather than failing on them.
 */
export function readFormInput(formData: unknown): Record<string, unknown> {
  if (!(formData instanceof FormData)) {
    throw new AppError('INVALID_INPUT', 'This request is not a form submission.');
  }
  return formDataToObject(formData);
}
