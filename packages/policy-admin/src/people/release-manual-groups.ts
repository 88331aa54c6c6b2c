import type { OrgTransaction } from '@parapet/accounts';

type Pair = { personId: string; groupId: string };

/**
 * Takes away policy groups an admin set by hand (source 'manual'). Where a SCIM directory also
 * grants the group to that person (an active person in a directory group mapped to it), the
 * row stays and becomes 'directory' instead: the person is in the group through their IdP, and
 * removing the hand-set membership must not remove that. Rows already 'directory' are never
 * deleted here. A fixed number of queries for any number of pairs.
 */
export async function releaseManualGroups(tx: OrgTransaction, pairs: readonly Pair[]) {
  if (pairs.length === 0) return;
  const granted = await grantedByDirectory(tx, pairs);
  const keep = pairs.filter((pair) => granted.has(key(pair)));
  const drop = pairs.filter((pair) => !granted.has(key(pair)));
  if (keep.length > 0) {
    await tx.personGroup.updateMany({
      where: { source: 'manual', OR: keep.map((pair) => ({ ...pair })) },
      data: { source: 'directory' },
    });
  }
  if (drop.length > 0) {
    await tx.personGroup.deleteMany({
      where: { source: 'manual', OR: drop.map((pair) => ({ ...pair })) },
    });
  }
}

/** Which of the pairs a directory's group mappings grant, as `person:group` keys. */
async function grantedByDirectory(tx: OrgTransaction, pairs: readonly Pair[]) {
  const memberships = await tx.directoryGroupMember.findMany({
    where: {
      personId: { in: [...new Set(pairs.map((pair) => pair.personId))] },
      person: { active: true },
      group: { mappings: { some: { policyGroupId: { in: pairs.map((pair) => pair.groupId) } } } },
    },
    select: {
      personId: true,
      group: { select: { mappings: { select: { policyGroupId: true } } } },
    },
  });
  const granted = new Set<string>();
  for (const { personId, group } of memberships) {
    for (const { policyGroupId } of group.mappings) {
      granted.add(key({ personId, groupId: policyGroupId }));
    }
  }
  return granted;
}

function key({ personId, groupId }: Pair): string {
  return `${personId}:${groupId}`;
}
