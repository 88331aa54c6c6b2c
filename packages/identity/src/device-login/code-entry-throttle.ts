import type { Prisma } from '@parapet/db';

// Wrong user codes typed on the people page, counted per SSO session and per client address in
// the sign-in throttle table (keys of their own), so a person or a script cannot walk the code
// space: after `maxFailures` wrong codes within the window, code entry is locked for `lockMs`.
// With 20^8 codes, 10 guesses per 15 minutes per session and per address make a hit on a live
// code (10 minutes, a handful pending at once) vanishingly unlikely.
export const codeEntryPolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export function codeEntryKeys({ sessionKey, ip }: { sessionKey: string; ip: string | undefined }) {
  const keys = [`device-code:session:${sessionKey}`];
  if (ip) keys.push(`device-code:address:${ip}`.slice(0, 300));
  return keys;
}

/**
 * Locks these counters until the transaction ends (concurrent guesses queue, so a burst cannot
 * overshoot) and returns the latest lock end among them that is still in the future.
 */
export async function lockCodeEntry(
  tx: Prisma.TransactionClient,
  keys: string[],
  now: Date,
): Promise<Date | undefined> {
  for (const key of [...keys].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
  const rows = await tx.signInThrottle.findMany({
    where: { key: { in: keys } },
    select: { lockedUntil: true },
  });
  let until: Date | undefined;
  for (const { lockedUntil } of rows) {
    if (lockedUntil && lockedUntil > now && (!until || lockedUntil > until)) until = lockedUntil;
  }
  return until;
}

/** Counts one wrong code against each key; a window that has passed starts again at one. */
export async function countWrongCode(
  tx: Prisma.TransactionClient,
  keys: string[],
  now: Date,
): Promise<void> {
  for (const key of keys) {
    const row = await tx.signInThrottle.findUnique({ where: { key } });
    const restart =
      !row ||
      row.windowStart.getTime() + codeEntryPolicy.windowMs <= now.getTime() ||
      (row.lockedUntil !== null && row.lockedUntil <= now);
    const failures = restart ? 1 : row.failures + 1;
    const lockedUntil =
      failures >= codeEntryPolicy.maxFailures
        ? new Date(now.getTime() + codeEntryPolicy.lockMs)
        : null;
    const windowStart = restart ? now : row.windowStart;
    await tx.signInThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart, lockedUntil },
      update: { failures, windowStart, lockedUntil },
    });
  }
}
