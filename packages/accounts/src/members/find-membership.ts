import type { PrismaClient, Role } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';

export type MembershipSummary = {
  orgId: string;
  organizationName: string;
  role: Role;
};

/** The user's membership in one organization, or null when they are not a member. */
export async function findMembership({
  db,
  userId,
  orgId,
}: {
  db: PrismaClient;
  userId: string;
  orgId: string;
}): Promise<MembershipSummary | null> {
  const scoped = scopedDb({ prisma: db, orgId });
  const membership = await scoped.membership.findFirst({
    where: { userId },
    include: { organization: { select: { name: true } } },
  });
  if (!membership) return null;
  return { orgId, organizationName: membership.organization.name, role: membership.role };
}
