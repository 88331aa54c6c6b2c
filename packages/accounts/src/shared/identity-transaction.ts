import type { Prisma, PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import type { OrgTransaction } from './org-transaction';

/** The two views of one transaction that inIdentityTransaction hands its work. */
export type IdentityTransaction = {
  /** Scoped to the organization: use it for every row the organization owns. */
  orgTx: OrgTransaction;
  /**
   * The same transaction, unscoped: only for installation-wide identity (users, their sessions,
   * the sign-in counters) and the questions about a person that span organizations.
   */
  identityTx: Prisma.TransactionClient;
};

/**
 * Runs `work` in one database transaction that changes one organization and a person's
 * installation-wide identity together, so nothing is left half done: removing someone's last
 * membership deletes their account in the same commit, and accepting an invite creates or
 * joins an account in the same commit as the membership. The scoped client refuses to ask
 * "does this user belong to any other organization?" (the question spans organizations, see
 * scopedDb), so that question goes through `identityTx`, the unscoped client bound to the same
 * transaction. Prisma cannot extend a transaction client, so the scoped client opens the
 * transaction and `$parent` (the client it extends, bound to the same transaction by Prisma)
 * gives the unscoped view; identity-transaction.test.ts proves both commit or roll back as one.
 */
export function inIdentityTransaction<Result>(
  { db, orgId, timeoutMs }: { db: PrismaClient; orgId: string; timeoutMs?: number },
  work: (transaction: IdentityTransaction) => Promise<Result>,
): Promise<Result> {
  const scoped = scopedDb({ prisma: db, orgId });
  return scoped.$transaction(
    async (orgTx) => {
      const identityTx = (orgTx as unknown as { $parent?: Prisma.TransactionClient }).$parent;
      if (!identityTx?.user) {
        throw new Error('inIdentityTransaction: the scoped transaction has no unscoped parent.');
      }
      return work({ orgTx, identityTx });
    },
    timeoutMs === undefined ? undefined : { timeout: timeoutMs },
  ) as Promise<Result>;
}

/**
 * Serialises changes to one person's identity (keyed by their email) until the transaction
 * ends: an invite joining them to one organization and their removal from their last one must
 * not interleave, or the removal could delete an account that has just joined elsewhere. Take
 * it after the organization's lock (lockOrganization), as every caller does, so two callers
 * never wait on each other in opposite orders.
 */
export async function lockIdentity(identityTx: Prisma.TransactionClient, email: string) {
  const key = `identity:${email}`;
  await identityTx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
}
