import type { Role } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';

export type PendingInvite = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
};

/** The organization's invites that can still be accepted, newest first. */
export async function listInvites({
  db,
  actor,
  now = new Date(),
}: Omit<MemberContext, 'ip'>): Promise<PendingInvite[]> {
  assertRole(actor, 'auditor');
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  return scoped.invite.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}
