/**
 * Turns a form post into a plain object for zod. React adds `$ACTION_*` bookkeeping fields to
 * posts made without JavaScript; they are not input. Files are not accepted anywhere, so a
 * file field is kept as a marker that validation then rejects.
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    values[key] = typeof value === 'string' ? value : { file: value.name };
  }
  return values;
}
