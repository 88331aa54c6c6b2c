import type { Prisma } from '@parapet/db';
import { type ThrottleKind, throttlePolicy } from './throttle-policy';

type ThrottleRow = { key: string; failures: number; windowStart: Date; lockedUntil: Date | null };

export type ThrottleEntry = { kind: ThrottleKind; key: string; row: ThrottleRow };

/**
 * Loads (creating when missing) and row-locks the throttle counters for this attempt. Holding
 * the locks for the whole attempt serialises concurrent guesses against one account or from
 * one address, so a burst of parallel attempts cannot overshoot the limit.
 */
export async function lockThrottles(
  tx: Prisma.TransactionClient,
  keys: { kind: ThrottleKind; key: string }[],
  now: Date,
): Promise<ThrottleEntry[]> {
  // Sorted, so two attempts that share keys always lock them in the same order (no deadlock).
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const entries: ThrottleEntry[] = [];
  for (const { kind, key } of sorted) {
    await tx.$executeRaw`
      INSERT INTO sign_in_throttles (key, failures, window_start)
      VALUES (${key}, 0, ${now})
      ON CONFLICT (key) DO NOTHING`;
    const rows = await tx.$queryRaw<ThrottleRow[]>`
      SELECT key, failures, window_start AS "windowStart", locked_until AS "lockedUntil"
      FROM sign_in_throttles WHERE key = ${key} FOR UPDATE`;
    const row = rows[0];
    if (row) entries.push({ kind, key, row });
  }
  return entries;
}

/** The first counter that is currently locked, if any. */
export function findActiveLock(entries: ThrottleEntry[], now: Date): ThrottleEntry | undefined {
  return entries.find((entry) => entry.row.lockedUntil && entry.row.lockedUntil > now);
}

/**
 * Counts one failure. A counter whose window has passed (or whose lock has run out) starts
 * again at one. Returns the lock end when this failure reached the limit.
 */
export async function registerFailure(
  tx: Prisma.TransactionClient,
  entry: ThrottleEntry,
  now: Date,
): Promise<Date | undefined> {
  const policy = throttlePolicy[entry.kind];
  const { row } = entry;
  const windowOver = row.windowStart.getTime() + policy.windowMs <= now.getTime();
  const lockOver = row.lockedUntil !== null && row.lockedUntil <= now;
  const restart = windowOver || lockOver;
  const failures = restart ? 1 : row.failures + 1;
  const lockedUntil =
    failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  await tx.signInThrottle.update({
    where: { key: entry.key },
    data: { failures, windowStart: restart ? now : row.windowStart, lockedUntil },
  });
  return lockedUntil ?? undefined;
}

/** Forgets an account's failures after a successful sign-in. */
export async function clearThrottle(tx: Prisma.TransactionClient, key: string): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key } });
}

/** Whole minutes until `until`, at least one: what the lockout message tells the user. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
