import type { PrismaClient } from '@parapet/db';

export type OrganizationSummary = {
  orgId: string;
  name: string;
  createdAt: Date;
  members: number;
  owners: string[];
};

/**
 * Every organization of the installation with its member count and owners' emails, oldest
 * first: for the operator's `pnpm parapet org list`, which works on the database directly.
 * Deliberately unscoped (it is the installation's view), so no console entry point calls it.
 */
export async function listOrganizations({
  db,
}: {
  db: PrismaClient;
}): Promise<OrganizationSummary[]> {
  const organizations = await db.organization.findMany({
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      name: true,
      createdAt: true,
      _count: { select: { memberships: true } },
      memberships: {
        where: { role: 'owner' },
        orderBy: { createdAt: 'asc' },
        select: { user: { select: { email: true } } },
      },
    },
  });
  return organizations.map((organization) => ({
    orgId: organization.id,
    name: organization.name,
    createdAt: organization.createdAt,
    members: organization._count.memberships,
    owners: organization.memberships.map((membership) => membership.user.email),
  }));
}
