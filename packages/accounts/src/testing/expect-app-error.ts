import { AppError, type AppErrorCode } from '@parapet/errors';
import { expect } from 'vitest';

/** Awaits a promise that must reject with an AppError of `code`; returns the error. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: AppErrorCode,
): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
