import { AppError } from '@parapet/errors';

export function deviceLoginConflict(): AppError {
  return new AppError(
    'CONFLICT',
    'This device key is already enrolled: generate a new key to sign in again.',
  );
}
