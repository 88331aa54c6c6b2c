import { inOrgTransaction, type OrgTransaction } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { type DirectoryEventInput, recordDirectoryEvent } from '../events/record-directory-event';

/** One authenticated SCIM request: the directory it acts for and where it was addressed. */
export type ScimContext = {
  db: PrismaClient;
  orgId: string;
  directoryId: string;
  directoryName: string;
  /** `https://host/scim/v2/<directoryId>`: resource locations are built from it. */
  baseUrl: string;
  method: string;
  /** The request's path below the base URL, for the event log. */
  path: string;
};

/**
 * Runs a SCIM change in one org-scoped transaction that first locks the directory's row (by
 * counting the request on it): one directory's changes run one after another, so uniqueness
 * checks and membership diffs never race, and the change, its event and the counters commit
 * together.
 */
export function inDirectoryTransaction<Result>(
  context: ScimContext,
  work: (tx: OrgTransaction) => Promise<Result>,
): Promise<Result> {
  return inOrgTransaction(
    { db: context.db, orgId: context.orgId, timeoutMs: 60_000 },
    async (tx) => {
      await tx.directory.update({
        where: { id: context.directoryId },
        data: { requestCount: { increment: 1 } },
        select: { id: true },
      });
      return work(tx);
    },
  );
}

export type ChangeEvent = Pick<
  DirectoryEventInput,
  'action' | 'resourceType' | 'resourceId' | 'summary' | 'detail'
> & { status: number };

/** Records a change made by this request, inside its transaction. */
export function recordChange(tx: OrgTransaction, context: ScimContext, event: ChangeEvent) {
  return recordDirectoryEvent(tx, {
    orgId: context.orgId,
    directoryId: context.directoryId,
    method: context.method,
    path: context.path,
    outcome: 'ok',
    ...event,
  });
}
