/**
 * Whether an error means the database could not take the work in time, rather than that the
 * work was wrong: every pooled connection stayed busy past the wait (createPrismaClient), or
 * Postgres itself had no connection left. Retrying a moment later can succeed, so callers answer
 * "busy, try again" instead of reporting a failure. The shapes are the driver's, as they reach
 * a caller of the Prisma client (see is-database-busy.test.ts, which provokes each):
 *
 * - an interactive transaction that could not start within `maxWait`: Prisma's P2028 with the
 *   message "Unable to start a transaction in the given time" (P2028 also covers transactions
 *   that were misused or ran too long; those are bugs, not load);
 * - a query or transaction that waited out `connectionTimeoutMillis`, for a pooled connection to
 *   come free or for Postgres to accept a new one: node-postgres's pool rejects with a plain
 *   Error and no code;
 * - Postgres refusing a new connection (SQLSTATE 53300, "too many clients"): Prisma's P2037.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (code === 'P2028') return error.message.includes('Unable to start a transaction');
  if (code === 'P2037') return true;
  return code === undefined && connectionWaitExceeded.has(error.message);
}

// pg-pool's messages when `connectionTimeoutMillis` passes: before a pooled connection came
// free, or before a new connection was accepted.
const connectionWaitExceeded = new Set([
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
]);
