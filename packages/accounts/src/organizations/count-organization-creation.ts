import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { inUserTransaction } from '../shared/transactions';
import {
  activeLockEnd,
  lockThrottle,
  minutesUntil,
  registerFailure,
} from '../sign-in/sign-in-throttle';
import { throttleAddress } from '../sign-in/throttle-address';

/**
 * Self-service sign-ups and organization creations are limited per client address with the
 * sign-in counters' policy for an address (20 per 15 minutes, then locked for 15), on a counter
 * of their own (`org-creation:<address>`), so creating organizations and guessing passwords do
 * not use up each other's allowance. Every attempt counts, in a commit of its own before the
 * work, so an attempt that then fails (an email that already has an account) counts too: there
 * is no email verification, and this limit is what keeps one address from filling the
 * installation or probing it for accounts.
 */
export async function countOrganizationCreation({
  db,
  ip,
  now,
}: {
  db: PrismaClient;
  ip: string | undefined;
  now: Date;
}): Promise<void> {
  if (!ip) return;
  const key = `org-creation:${throttleAddress(ip)}`.slice(0, 300);
  const lockedUntil = await inUserTransaction({ db }, async (tx) => {
    const entry = await lockThrottle(tx, { kind: 'address', key });
    const locked = activeLockEnd(entry, now);
    if (!locked) await registerFailure(tx, entry, now);
    return locked;
  });
  if (lockedUntil) {
    const minutes = minutesUntil(lockedUntil, now);
    throw new AppError(
      'SIGN_IN_LOCKED',
      `Too many organizations created from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    );
  }
}
