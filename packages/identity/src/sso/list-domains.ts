import type { Actor } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import type { OrgDomainRow } from './claim-domain';

/** The organization's claimed domains, alphabetically (every member may read them). */
export async function listDomains({
  db,
  actor,
}: {
  db: PrismaClient;
  actor: Actor;
}): Promise<OrgDomainRow[]> {
  return scopedDb({ prisma: db, orgId: actor.orgId }).orgDomain.findMany({
    orderBy: { domain: 'asc' },
    select: { id: true, domain: true, createdAt: true },
  });
}
