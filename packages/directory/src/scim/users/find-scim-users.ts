import type { OrgTransaction } from '@parapet/accounts';
import { isUuid } from '../is-uuid';
import type { ScimContext } from '../scim-context';
import { personSelect, type ScimPerson, type UserGroupRef } from '../user-resource';

type Reader = Pick<OrgTransaction, 'person' | 'directoryGroupMember'>;

/** A user of this directory by id, or null (an id of another directory or org is not found). */
export async function findScimUser(
  tx: Reader,
  context: ScimContext,
  id: string,
): Promise<ScimPerson | null> {
  if (!isUuid(id)) return null;
  return tx.person.findFirst({
    where: { id: id.toLowerCase(), directoryId: context.directoryId },
    select: personSelect,
  });
}

/** The directory groups of each of the given people, for their `groups` attribute. */
export async function loadUserGroups(
  tx: Reader,
  personIds: readonly string[] | 'all',
  context: ScimContext,
): Promise<Map<string, UserGroupRef[]>> {
  const rows = await tx.directoryGroupMember.findMany({
    where:
      personIds === 'all'
        ? { group: { directoryId: context.directoryId } }
        : { personId: { in: [...personIds] } },
    select: { personId: true, group: { select: { id: true, displayName: true } } },
    orderBy: { group: { displayName: 'asc' } },
  });
  const byPerson = new Map<string, UserGroupRef[]>();
  for (const row of rows) {
    const list = byPerson.get(row.personId) ?? [];
    list.push(row.group);
    byPerson.set(row.personId, list);
  }
  return byPerson;
}
