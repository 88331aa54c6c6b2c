import type { PrismaClient } from '@parapet/db';
import type { MembershipSummary } from './find-membership';

/**
 * Every organization the user belongs to, oldest membership first; the console opens the
 * first. Keyed by the user, so it necessarily reads across organizations.
 */
export async function listUserMemberships({
  db,
  userId,
}: {
  db: PrismaClient;
  userId: string;
}): Promise<MembershipSummary[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    include: { organization: { select: { name: true } } },
  });
  return memberships.map((membership) => ({
    orgId: membership.orgId,
    organizationName: membership.organization.name,
    role: membership.role,
  }));
}
