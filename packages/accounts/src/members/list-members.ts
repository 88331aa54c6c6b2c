import type { Role } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';

export type MemberRow = {
  membershipId: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  joinedAt: Date;
  isYou: boolean;
};

const roleOrder: Record<Role, number> = { owner: 0, admin: 1, auditor: 2 };

/** Every member of the actor's organization: owners first, then by email. */
export async function listMembers({
  db,
  actor,
}: Omit<MemberContext, 'ip' | 'now'>): Promise<MemberRow[]> {
  assertRole(actor, 'auditor');
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const memberships = await scoped.membership.findMany({
    include: { user: { select: { email: true, name: true } } },
  });
  return memberships
    .map((membership) => ({
      membershipId: membership.id,
      userId: membership.userId,
      email: membership.user.email,
      name: membership.user.name,
      role: membership.role,
      joinedAt: membership.createdAt,
      isYou: membership.userId === actor.userId,
    }))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.email.localeCompare(b.email));
}
