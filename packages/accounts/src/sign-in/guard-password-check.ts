import type { Prisma, PrismaClient } from '@parapet/db';
import { appendActivity } from '@parapet/db/activity';
import {
  activeLockEnd,
  clearThrottle,
  lockThrottle,
  pruneExpiredThrottles,
  readThrottles,
  registerFailure,
  type ThrottleEntry,
} from './sign-in-throttle';
import { type ThrottleKind, throttleKey, throttlePolicy } from './throttle-policy';

export type PasswordLock = { kind: ThrottleKind; lockedUntil: Date };

/** Where a password was being checked; recorded with a lockout it caused. */
export type PasswordCheckTrigger = 'sign_in' | 'change_password';

export type CheckOutcome<Result> =
  | { passed: true; result: Result }
  /** `orgIds`: the organizations of the account, where a lockout is recorded (none if unknown). */
  | { passed: false; orgIds: string[] };

export type GuardedCheck<Result> =
  /** Refused before the password was looked at: a counter was already locked. */
  | { outcome: 'locked'; lock: PasswordLock }
  /** The password was wrong; `lock` is set when this failure reached a limit. */
  | { outcome: 'failed'; lock: PasswordLock | undefined }
  | { outcome: 'passed'; result: Result };

/**
 * The lock that refuses this attempt before its password is looked at, if any: the address's
 * first, then the account's. Read without taking the counters' locks and outside any
 * transaction, so the caller can then verify the password (argon2, tens of milliseconds of
 * CPU) without holding a connection or a lock, and only afterwards run guardPasswordCheck in
 * a short transaction, which reads the counters again under their locks.
 */
export async function findPasswordLock({
  db,
  email,
  ip,
  now,
}: {
  db: PrismaClient;
  email: string;
  ip: string | undefined;
  now: Date;
}): Promise<PasswordLock | undefined> {
  for (const entry of await readThrottles(db, throttleKeys(email, ip))) {
    const lockedUntil = activeLockEnd(entry, now);
    if (lockedUntil) return { kind: entry.kind, lockedUntil };
  }
  return undefined;
}

/**
 * Runs one password check under the failed-password limits: the address counter first (so a
 * locked address is refused before any account counter is read or written), then the account
 * counter, then `check`. A failure counts against both; reaching a limit locks it and records
 * `sign_in_lockout` in each of the account's organizations, attributed to no one (the system
 * locks; the person did nothing). A success clears the account's count. Must run inside the
 * caller's transaction, which holds the counters' locks until it ends: so `check` must be
 * quick (the password verified before the transaction, see findPasswordLock), or every other
 * attempt on the same account or address waits for it, each holding a pooled connection.
 */
export async function guardPasswordCheck<Result>({
  tx,
  email,
  ip,
  now,
  trigger,
  check,
}: {
  tx: Prisma.TransactionClient;
  email: string;
  ip: string | undefined;
  now: Date;
  trigger: PasswordCheckTrigger;
  check: () => Promise<CheckOutcome<Result>>;
}): Promise<GuardedCheck<Result>> {
  await pruneExpiredThrottles(tx, now);
  const entries: ThrottleEntry[] = [];
  for (const key of throttleKeys(email, ip)) {
    const entry = await lockThrottle(tx, key);
    const lockedUntil = activeLockEnd(entry, now);
    if (lockedUntil) return { outcome: 'locked', lock: { kind: entry.kind, lockedUntil } };
    entries.push(entry);
  }

  const checked = await check();
  if (checked.passed) {
    const account = entries.find((entry) => entry.kind === 'account');
    if (account?.row) await clearThrottle(tx, account.key);
    return { outcome: 'passed', result: checked.result };
  }
  let lock: PasswordLock | undefined;
  for (const entry of entries) {
    const lockedUntil = await registerFailure(tx, entry, now);
    if (!lockedUntil) continue;
    lock ??= { kind: entry.kind, lockedUntil };
    for (const orgId of checked.orgIds) {
      await appendActivity(tx, {
        orgId,
        action: 'sign_in_lockout',
        target: email,
        details: {
          scope: entry.kind,
          failures: throttlePolicy[entry.kind].maxFailures,
          lockedUntil: lockedUntil.toISOString(),
          trigger,
        },
        ip,
      });
    }
  }
  return { outcome: 'failed', lock };
}

/** The counters an attempt counts against, in the order they are checked and locked. */
function throttleKeys(
  email: string,
  ip: string | undefined,
): { kind: ThrottleKind; key: string }[] {
  const keys: { kind: ThrottleKind; key: string }[] = [];
  if (ip) keys.push({ kind: 'address', key: throttleKey('address', ip) });
  keys.push({ kind: 'account', key: throttleKey('account', email) });
  return keys;
}
