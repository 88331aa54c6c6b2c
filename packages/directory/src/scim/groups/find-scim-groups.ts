import type { OrgTransaction } from '@parapet/accounts';
import { type GroupMember, groupSelect, type ScimGroup } from '../group-resource';
import { isUuid } from '../is-uuid';
import type { ScimContext } from '../scim-context';

type Reader = Pick<OrgTransaction, 'directoryGroup' | 'directoryGroupMember'>;

export async function findScimGroup(
  tx: Reader,
  context: ScimContext,
  id: string,
): Promise<ScimGroup | null> {
  if (!isUuid(id)) return null;
  return tx.directoryGroup.findFirst({
    where: { id: id.toLowerCase(), directoryId: context.directoryId },
    select: groupSelect,
  });
}

/** The members of each of the given groups (or of every group of the directory). */
export async function loadGroupMembers(
  tx: Reader,
  context: ScimContext,
  groupIds: readonly string[] | 'all',
): Promise<Map<string, GroupMember[]>> {
  const rows = await tx.directoryGroupMember.findMany({
    where:
      groupIds === 'all'
        ? { group: { directoryId: context.directoryId } }
        : { groupId: { in: [...groupIds] } },
    select: {
      groupId: true,
      person: { select: { id: true, displayName: true, userName: true, email: true } },
    },
    orderBy: { personId: 'asc' },
  });
  const byGroup = new Map<string, GroupMember[]>();
  for (const { groupId, person } of rows) {
    const list = byGroup.get(groupId) ?? [];
    list.push({ id: person.id, display: person.displayName ?? person.userName ?? person.email });
    byGroup.set(groupId, list);
  }
  return byGroup;
}

/**
 * Another group of the directory with this displayName, compared without regard to case. The
 * database's case-insensitive match narrows the candidates; the comparison itself is exact here,
 * so pattern characters in a name (`_`, `%`) can never make two different names collide.
 */
export async function findGroupNamed(
  tx: Reader,
  context: ScimContext,
  displayName: string,
  exceptId: string | undefined,
) {
  const candidates = await tx.directoryGroup.findMany({
    where: {
      directoryId: context.directoryId,
      displayName: { equals: displayName, mode: 'insensitive' },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { id: true, displayName: true },
  });
  const wanted = displayName.toLowerCase();
  return candidates.find((candidate) => candidate.displayName.toLowerCase() === wanted) ?? null;
}
