import type { Prisma, PrismaClient } from '@parapet/db';
import { type ThrottleKind, throttlePolicy } from './throttle-policy';

type ThrottleRow = { failures: number; windowStart: Date; lockedUntil: Date | null };

/** One counter of an attempt: its key, and its row when a failure was counted before. */
export type ThrottleEntry = { kind: ThrottleKind; key: string; row: ThrottleRow | undefined };

// Counters that no attempt can need any more: their window is over and so is their lock. They
// are deleted a few at a time by the attempts themselves, so the table holds about what the
// last window wrote and no process has to sweep it.
const longestWindowMs = Math.max(...Object.values(throttlePolicy).map((policy) => policy.windowMs));
const prunedPerAttempt = 25;

/**
 * Takes this key's lock until the transaction ends and reads its counter, without creating one:
 * only a failure writes a row. The lock is a transaction-scoped advisory lock on the key's hash,
 * so concurrent guesses against one account or from one address queue up behind each other and
 * a burst of them cannot overshoot the limit, whether or not a row exists yet.
 */
export async function lockThrottle(
  tx: Prisma.TransactionClient,
  { kind, key }: { kind: ThrottleKind; key: string },
): Promise<ThrottleEntry> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  const row = await tx.signInThrottle.findUnique({
    where: { key },
    select: { failures: true, windowStart: true, lockedUntil: true },
  });
  return { kind, key, row: row ?? undefined };
}

/**
 * Reads these keys' counters without locking them, in the order given: a snapshot for refusing
 * early (findPasswordLock). Anything that writes a counter reads it again under its lock.
 */
export async function readThrottles(
  db: PrismaClient,
  keys: { kind: ThrottleKind; key: string }[],
): Promise<ThrottleEntry[]> {
  const found = await db.signInThrottle.findMany({
    where: { key: { in: keys.map(({ key }) => key) } },
    select: { key: true, failures: true, windowStart: true, lockedUntil: true },
  });
  const rows = new Map(found.map(({ key, ...row }) => [key, row]));
  return keys.map(({ kind, key }) => ({ kind, key, row: rows.get(key) }));
}

/** The end of the counter's lock, when it is locked now. */
export function activeLockEnd(entry: ThrottleEntry, now: Date): Date | undefined {
  const until = entry.row?.lockedUntil;
  return until && until > now ? until : undefined;
}

/**
 * Counts one failure. A counter that does not exist yet, or whose window has passed (or whose
 * lock has run out), starts again at one. Returns the lock end when this failure reached the
 * limit.
 */
export async function registerFailure(
  tx: Prisma.TransactionClient,
  entry: ThrottleEntry,
  now: Date,
): Promise<Date | undefined> {
  const policy = throttlePolicy[entry.kind];
  const { row } = entry;
  const windowOver = !row || row.windowStart.getTime() + policy.windowMs <= now.getTime();
  const lockOver = row?.lockedUntil != null && row.lockedUntil <= now;
  const restart = windowOver || lockOver;
  const failures = restart || !row ? 1 : row.failures + 1;
  const windowStart = restart || !row ? now : row.windowStart;
  const lockedUntil =
    failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  await tx.signInThrottle.upsert({
    where: { key: entry.key },
    create: { key: entry.key, failures, windowStart, lockedUntil },
    update: { failures, windowStart, lockedUntil },
  });
  return lockedUntil ?? undefined;
}

/** Forgets an account's failures after its password was given correctly. */
export async function clearThrottle(tx: Prisma.TransactionClient, key: string): Promise<void> {
  await tx.signInThrottle.deleteMany({ where: { key } });
}

/**
 * Deletes up to a fixed number of counters that have expired (window and lock both over), so
 * each attempt does a bounded amount of work and the table cannot grow past what one window
 * of attempts writes. Rows another attempt holds are skipped, never waited for.
 */
export async function pruneExpiredThrottles(
  tx: Prisma.TransactionClient,
  now: Date,
): Promise<number> {
  const windowEndedBefore = new Date(now.getTime() - longestWindowMs);
  return tx.$executeRaw`
    DELETE FROM sign_in_throttles WHERE key IN (
      SELECT key FROM sign_in_throttles
      WHERE window_start <= ${windowEndedBefore}
        AND (locked_until IS NULL OR locked_until <= ${now})
      LIMIT ${prunedPerAttempt}
      FOR UPDATE SKIP LOCKED)`;
}

/** Whole minutes until `until`, at least one: what the lockout message tells the user. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
