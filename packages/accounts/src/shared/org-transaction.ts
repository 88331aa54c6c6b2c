import type { Prisma, PrismaClient } from '@parapet/db';
import { type AppendActivityInput, appendActivity } from '@parapet/db/activity';
import { type ScopedDb, scopedDb } from '@parapet/db/scoped';

type ScopedTransaction = ScopedDb['$transaction'];

/** The client inside an org-scoped transaction: every org-owned query is filtered by the org. */
export type OrgTransaction = Parameters<
  Extract<Parameters<ScopedTransaction>[0], (...args: never) => unknown>
>[0];

/**
 * Runs `work` in one database transaction on the org-scoped client, so every change and the
 * activity row that records it commit together, and no query inside can reach another org.
 * (Prisma's transaction clients cannot be extended, so the scoped client opens the transaction
 * rather than the other way round.)
 */
export function inOrgTransaction<Result>(
  { db, orgId }: { db: PrismaClient; orgId: string },
  work: (tx: OrgTransaction) => Promise<Result>,
): Promise<Result> {
  return scopedDb({ prisma: db, orgId }).$transaction(work) as Promise<Result>;
}

/**
 * Appends to the activity log inside the current transaction. appendActivity is typed for the
 * plain transaction client; the scoped one runs the same queries (filtered to the same org).
 */
export function recordActivity(
  tx: OrgTransaction | Prisma.TransactionClient,
  entry: AppendActivityInput,
): Promise<unknown> {
  return appendActivity(tx as Prisma.TransactionClient, entry);
}

/**
 * Locks the organization's row until the transaction ends. Every change to an org's members
 * takes this lock first, so "is this the last owner?" is answered and acted upon atomically.
 * It is a no-op update because the scoped client refuses raw SQL (SELECT … FOR UPDATE); the
 * activity log's own append takes the same row lock.
 */
export async function lockOrganization(tx: OrgTransaction, orgId: string): Promise<void> {
  await tx.organization.update({
    where: { id: orgId },
    data: { lastActivitySeq: { increment: 0 } },
    select: { id: true },
  });
}
