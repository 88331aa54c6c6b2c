import { expect, type Locator } from '@playwright/test';

/**
 * Expects a form field to be marked invalid with `message` as its error: the console links the
 * error to the input (aria-describedby), so it is what a screen reader reads with the field.
 */
export async function expectFieldError({
  field,
  message,
}: {
  field: Locator;
  message: string;
}): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
}

/** Expects a form field not to be marked invalid. */
export async function expectFieldValid({ field }: { field: Locator }): Promise<void> {
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
}
