import type { Prisma, Role } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';

export type Overview = {
  organization: { id: string; name: string; createdAt: Date };
  memberCount: number;
  pendingInviteCount: number;
  yourRole: Role;
  recentActivity: {
    id: string;
    createdAt: Date;
    actorEmail: string | null;
    action: string;
    target: string | null;
    details: Prisma.JsonValue;
  }[];
};

/** The Overview page: the organization, its size, your role and the latest activity. */
export async function getOverview({
  db,
  actor,
  now = new Date(),
}: Omit<MemberContext, 'ip'>): Promise<Overview> {
  assertRole(actor, 'auditor');
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const organization = await scoped.organization.findUnique({
    where: { id: actor.orgId },
    select: { id: true, name: true, createdAt: true },
  });
  if (!organization) throw new AppError('NOT_FOUND', 'This organization does not exist.');
  const [memberCount, pendingInviteCount, recentActivity] = await Promise.all([
    scoped.membership.count(),
    scoped.invite.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } }),
    scoped.activityLogEntry.findMany({
      orderBy: { seq: 'desc' },
      take: 5,
      select: {
        id: true,
        createdAt: true,
        actorEmail: true,
        action: true,
        target: true,
        details: true,
      },
    }),
  ]);
  return { organization, memberCount, pendingInviteCount, yourRole: actor.role, recentActivity };
}
