import { createInvite, createSession } from '@parapet/accounts';
import { type SeededMember, type SeededOrg, seedOrg } from '@parapet/accounts/testing';
import type { PrismaClient, Role } from '@parapet/db';

export type WorldMember = SeededMember & { sessionToken: string };

export type WorldOrg = Omit<SeededOrg, Role> & {
  members: Record<Role, WorldMember>;
  /** A pending invite (for an auditor) of this organization, and its link's secret. */
  inviteId: string;
  inviteToken: string;
};

/** Two organizations, each with a signed-in owner, admin and auditor and a pending invite. */
export type World = { a: WorldOrg; b: WorldOrg };

export async function seedWorld(prisma: PrismaClient): Promise<World> {
  return { a: await seedWorldOrg(prisma, 'a'), b: await seedWorldOrg(prisma, 'b') };
}

async function seedWorldOrg(prisma: PrismaClient, label: string): Promise<WorldOrg> {
  const org = await seedOrg({ prisma, name: `Org ${label.toUpperCase()}` });
  const members = {} as Record<Role, WorldMember>;
  for (const role of ['owner', 'admin', 'auditor'] as const) {
    const member = org[role];
    const { sessionToken } = await prisma.$transaction((tx) =>
      createSession({ tx, userId: member.user.id }),
    );
    members[role] = { ...member, sessionToken };
  }
  const invite = await createInvite({
    db: prisma,
    actor: org.owner.actor,
    input: { email: `pending-${label}@example.com`, role: 'auditor' },
  });
  return { orgId: org.orgId, members, inviteId: invite.inviteId, inviteToken: invite.token };
}
