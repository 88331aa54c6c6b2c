import type { Prisma } from '@parapet/db';

/**
 * Takes a transaction-scoped advisory lock named by `key` (released at commit or rollback), so
 * replicas that would do the same work (provision an org's keys, sign one bundle) queue behind
 * the first and then find it done. Two names that hash alike only queue more than needed.
 */
export async function lockAdvisory(tx: Prisma.TransactionClient, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`parapet:${key}`}, 0))`;
}
