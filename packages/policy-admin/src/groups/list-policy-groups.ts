import { assertRole, type MemberContext } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';

export type PolicyGroupRow = {
  name: string;
  description: string;
  /** People in the group, active or not. */
  members: number;
  /** People in the group whose agents it governs now. */
  activeMembers: number;
  draftRevision: number;
  draftUpdatedAt: Date | null;
  createdAt: Date;
};

/** Every policy group of the organization, in layer order, with its member counts. Auditors and up. */
export async function listPolicyGroups({
  db,
  actor,
}: Pick<MemberContext, 'db' | 'actor'>): Promise<PolicyGroupRow[]> {
  assertRole(actor, 'auditor');
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const [groups, activeCounts] = await Promise.all([
    scoped.policyGroup.findMany({
      select: {
        id: true,
        name: true,
        description: true,
        createdAt: true,
        document: { select: { revision: true, updatedAt: true } },
        _count: { select: { members: true } },
      },
    }),
    scoped.personGroup.groupBy({
      by: ['groupId'],
      where: { person: { active: true } },
      _count: { _all: true },
    }),
  ]);
  const active = new Map(activeCounts.map((row) => [row.groupId, row._count._all]));
  // Sorted here by code units, as the engine orders layers: a database collation may ignore "-".
  groups.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  return groups.map((group) => ({
    name: group.name,
    description: group.description,
    members: group._count.members,
    activeMembers: active.get(group.id) ?? 0,
    draftRevision: group.document?.revision ?? 0,
    draftUpdatedAt: group.document?.updatedAt ?? null,
    createdAt: group.createdAt,
  }));
}
