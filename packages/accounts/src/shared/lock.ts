import type { Prisma } from '@parapet/db';

// Stable keys for transaction-scoped advisory locks. Postgres releases them at commit/rollback.
const setupLockKey = 7_311_001;

/** Serialises first-run setup across every console process sharing the database. */
export async function lockSetup(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${setupLockKey}::bigint)`;
}
