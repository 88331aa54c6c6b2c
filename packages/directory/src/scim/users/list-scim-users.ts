import type { Prisma } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { isUuid } from '../is-uuid';
import { indexedEquality, type ListQuery } from '../list-query';
import { listResponse, pageInMemory } from '../page-resources';
import type { ScimContext } from '../scim-context';
import { personSelect, renderUser } from '../user-resource';
import { loadUserGroups } from './find-scim-users';

/**
 * GET /Users (and POST /Users/.search). `userName`, `externalId` and `id` equality — what
 * Okta and Entra ask before every create — is one indexed query; with neither filter nor sort
 * the page is read with OFFSET/LIMIT; anything else is evaluated in memory over the
 * directory's users, so every filter is answered exactly.
 */
export async function listScimUsers(context: ScimContext, query: ListQuery) {
  const db = scopedDb({ prisma: context.db, orgId: context.orgId });
  const base: Prisma.PersonWhereInput = { directoryId: context.directoryId };
  const narrowed = narrowByIndex(query, base);
  const wantsGroups = wantsGroupsOf(query);
  if (narrowed === null) return listResponse([], 0, query);
  if (!query.filter && !query.sortBy) {
    const [total, people] = await Promise.all([
      db.person.count({ where: base }),
      db.person.findMany({
        where: base,
        select: personSelect,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: query.startIndex - 1,
        take: query.count,
      }),
    ]);
    const groups = wantsGroups
      ? await loadUserGroups(
          db,
          people.map((p) => p.id),
          context,
        )
      : new Map();
    const page = people.map((person) =>
      renderUser(person, context.baseUrl, groups.get(person.id) ?? []),
    );
    return listResponse(page, total, query);
  }
  const people = await db.person.findMany({
    where: narrowed,
    select: personSelect,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  // Groups are read per person for an indexed lookup, else for the whole directory at once.
  const needsGroups =
    wantsGroups ||
    /groups/i.test(query.filterText ?? '') ||
    query.sortBy?.attribute.name === 'groups';
  const groups = needsGroups
    ? await loadUserGroups(db, narrowed === base ? 'all' : people.map((p) => p.id), context)
    : new Map();
  const resources = people.map((person) =>
    renderUser(person, context.baseUrl, groups.get(person.id) ?? []),
  );
  const { page, total } = pageInMemory(resources, query);
  return listResponse(page, total, query);
}

/** The SQL condition of an indexed equality at the top of the filter; null: nothing matches. */
function narrowByIndex(
  query: ListQuery,
  base: Prisma.PersonWhereInput,
): Prisma.PersonWhereInput | null {
  const userName = indexedEquality(query.filter, 'userName');
  if (userName !== undefined) return { ...base, userName: userName.toLowerCase() };
  const externalId = indexedEquality(query.filter, 'externalId');
  if (externalId !== undefined) return { ...base, externalId };
  const id = indexedEquality(query.filter, 'id');
  if (id !== undefined) return isUuid(id) ? { ...base, id: id.toLowerCase() } : null;
  return base;
}

/** Whether the answer shows `groups` (it is not excluded, and asked for if a list is given). */
export function wantsGroupsOf(query: ListQuery): boolean {
  const { attributes, excludedAttributes } = query.projection;
  if (attributes) return attributes.some((path) => path.attribute.name === 'groups');
  return !excludedAttributes?.some(
    (path) => path.attribute.name === 'groups' && !path.subAttribute,
  );
}
