import { AppError } from '@parapet/errors';
import type { PasswordLock } from './guard-password-check';
import { minutesUntil } from './sign-in-throttle';

/**
 * The refusal for a locked counter. It reads the same whether or not the account exists, and
 * says how long the lock lasts; `signedOut` adds that the session in use was ended too.
 */
export function lockedError({
  lock,
  now,
  signedOut = false,
}: {
  lock: PasswordLock;
  now: Date;
  signedOut?: boolean;
}): AppError {
  const minutes = minutesUntil(lock.lockedUntil, now);
  const duration = `${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (signedOut) {
    const what = lock.kind === 'address' ? 'Sign-in from your network' : 'This account';
    return new AppError(
      'SIGN_IN_LOCKED',
      `Too many wrong passwords. ${what} is locked for ${duration}, and you have been signed out.`,
    );
  }
  const message =
    lock.kind === 'address'
      ? `Too many failed sign-in attempts from your network. Sign-in from it is locked for ${duration}.`
      : `Too many failed sign-in attempts. This account is locked for ${duration}.`;
  return new AppError('SIGN_IN_LOCKED', message);
}
