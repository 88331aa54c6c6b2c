import type { Prisma } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { groupSelect, renderGroup } from '../group-resource';
import { isUuid } from '../is-uuid';
import { indexedEquality, type ListQuery } from '../list-query';
import { listResponse, pageInMemory } from '../page-resources';
import type { ScimContext } from '../scim-context';
import { notFound } from '../scim-error';
import { findScimGroup, loadGroupMembers } from './find-scim-groups';

/** GET /Groups (and .search): indexed lookups by externalId or id, the rest in memory. */
export async function listScimGroups(context: ScimContext, query: ListQuery) {
  const db = scopedDb({ prisma: context.db, orgId: context.orgId });
  const base: Prisma.DirectoryGroupWhereInput = { directoryId: context.directoryId };
  const where = narrowByIndex(query, base);
  if (where === null) return listResponse([], 0, query);
  const groups = await db.directoryGroup.findMany({
    where,
    select: groupSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const needsMembers =
    wantsMembers(query) ||
    /members/i.test(query.filterText ?? '') ||
    query.sortBy?.attribute.name === 'members';
  const members = needsMembers
    ? await loadGroupMembers(db, context, where === base ? 'all' : groups.map((g) => g.id))
    : new Map();
  const resources = groups.map((group) =>
    renderGroup(group, context.baseUrl, needsMembers ? (members.get(group.id) ?? []) : undefined),
  );
  const { page, total } = pageInMemory(resources, query);
  return listResponse(page, total, query);
}

/**
 * The SQL condition of an indexed equality at the top of the filter (`displayName`, which Okta
 * and Entra ask before creating a group, `externalId`, `id`); null when nothing can match.
 */
function narrowByIndex(
  query: ListQuery,
  base: Prisma.DirectoryGroupWhereInput,
): Prisma.DirectoryGroupWhereInput | null {
  const displayName = indexedEquality(query.filter, 'displayName');
  if (displayName !== undefined) {
    return { ...base, displayName: { equals: displayName, mode: 'insensitive' } };
  }
  const externalId = indexedEquality(query.filter, 'externalId');
  if (externalId !== undefined) return { ...base, externalId };
  const id = indexedEquality(query.filter, 'id');
  if (id !== undefined) return isUuid(id) ? { ...base, id: id.toLowerCase() } : null;
  return base;
}

function wantsMembers(query: ListQuery): boolean {
  const { attributes, excludedAttributes } = query.projection;
  if (attributes) return attributes.some((path) => path.attribute.name === 'members');
  return !excludedAttributes?.some(
    (path) => path.attribute.name === 'members' && !path.subAttribute,
  );
}

export async function getScimGroup(context: ScimContext, id: string) {
  const db = scopedDb({ prisma: context.db, orgId: context.orgId });
  const group = await findScimGroup(db, context, id);
  if (!group) throw notFound(`No group ${id} in this directory.`);
  const members = (await loadGroupMembers(db, context, [group.id])).get(group.id) ?? [];
  return { group, resource: renderGroup(group, context.baseUrl, members) };
}
