import type { Prisma, PrismaClient } from '@parapet/db';
import { type AppendActivityInput, appendActivity } from '@parapet/db/activity';
import { type ScopedDb, scopedDb } from '@parapet/db/scoped';
import type { Actor } from './actor';

// The accounts domain's transaction rules, one per kind of change; no writer opens a bare
// db.$transaction. inOrgTransaction is for a change within one organization (members, roles,
// invites): it runs on the org-scoped client, so no query inside can reach another org.
// inUserTransaction is for a change that concerns a person across organizations (their
// sessions, the sign-in counters, their account and password) or that comes before any
// organization exists (first-run setup): no org scope applies, so it runs on the plain client,
// and it appends to each of the person's organizations' logs itself. inIdentityTransaction is
// for the mix, one organization and a person's installation-wide identity in one commit
// (accepting an invite, removing someone's last membership): the org-scoped client plus an
// unscoped view of the same transaction.

type ScopedTransaction = ScopedDb['$transaction'];

/** The client inside an org-scoped transaction: every org-owned query is filtered by the org. */
export type OrgTransaction = Parameters<
  Extract<Parameters<ScopedTransaction>[0], (...args: never) => unknown>
>[0];

/**
 * Runs `work` in one database transaction on the org-scoped client, so every change and the
 * activity row that records it commit together, and no query inside can reach another org.
 * `timeoutMs` lifts Prisma's 5-second limit for the few writes that are large by design (a
 * directory import of thousands of people).
 * (Prisma's transaction clients cannot be extended, so the scoped client opens the transaction
 * rather than the other way round.)
 */
export function inOrgTransaction<Result>(
  { db, orgId, timeoutMs }: { db: PrismaClient; orgId: string; timeoutMs?: number },
  work: (tx: OrgTransaction) => Promise<Result>,
): Promise<Result> {
  return scopedDb({ prisma: db, orgId }).$transaction(
    work,
    timeoutMs === undefined ? undefined : { timeout: timeoutMs },
  ) as Promise<Result>;
}

/**
 * Runs `work` in one database transaction on the unscoped client, for a change about a person
 * rather than one organization, so the change and the activity rows that record it commit
 * together.
 */
export function inUserTransaction<Result>(
  { db }: { db: PrismaClient },
  work: (tx: Prisma.TransactionClient) => Promise<Result>,
): Promise<Result> {
  return db.$transaction(work);
}

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
 * gives the unscoped view; transactions.test.ts proves both commit or roll back as one.
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

/** An entry written for an acting member or API key: the organization and actor come from it. */
export type ActorActivityEntry = Omit<
  AppendActivityInput,
  'orgId' | 'actorUserId' | 'actorEmail'
> & {
  actor: Actor;
};

/**
 * Appends to the activity log inside the current transaction. appendActivity is typed for the
 * plain transaction client; the scoped one runs the same queries (filtered to the same org).
 * Given an `actor`, the entry is attributed to them, and a call made with an API key names the
 * key in `details.apiKey` beside its creator as the actor, so every use of a key can be traced.
 */
export function recordActivity(
  tx: OrgTransaction | Prisma.TransactionClient,
  entry: AppendActivityInput | ActorActivityEntry,
): Promise<unknown> {
  return appendActivity(tx as Prisma.TransactionClient, toActivityInput(entry));
}

function toActivityInput(entry: AppendActivityInput | ActorActivityEntry): AppendActivityInput {
  if (!('actor' in entry)) return entry;
  const { actor, details, ...rest } = entry;
  return {
    ...rest,
    orgId: actor.orgId,
    actorUserId: actor.userId,
    actorEmail: actor.email,
    details: actor.apiKey ? { ...details, apiKey: actor.apiKey } : details,
  };
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
