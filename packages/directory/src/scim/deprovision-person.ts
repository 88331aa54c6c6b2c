import type { OrgTransaction } from '@parapet/accounts';

/**
 * Takes a person out of every group: their directory group memberships (the groups' versions
 * grow, as their members changed) and every policy group row, those set by hand included. A
 * deprovisioned person must hold no access at all, whatever its source; the person_groups
 * trigger tells the edge, which refuses their devices from then on. Their `active` flag is the
 * caller's to set, in the same transaction.
 */
export async function deprovisionPerson(
  tx: OrgTransaction,
  personId: string,
): Promise<{ directoryGroups: number; policyGroups: number }> {
  const memberships = await tx.directoryGroupMember.findMany({
    where: { personId },
    select: { groupId: true },
  });
  if (memberships.length > 0) {
    await tx.directoryGroupMember.deleteMany({ where: { personId } });
    await tx.directoryGroup.updateMany({
      where: { id: { in: memberships.map((m) => m.groupId) } },
      data: { version: { increment: 1 } },
    });
  }
  const removed = await tx.personGroup.deleteMany({ where: { personId } });
  return { directoryGroups: memberships.length, policyGroups: removed.count };
}
