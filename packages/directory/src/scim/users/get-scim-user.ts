import { scopedDb } from '@parapet/db/scoped';
import type { ScimContext } from '../scim-context';
import { notFound } from '../scim-error';
import { renderUser, type ScimPerson } from '../user-resource';
import { findScimUser, loadUserGroups } from './find-scim-users';

/** GET /Users/<id>: the user and its version (for ETag and If-None-Match). */
export async function getScimUser(
  context: ScimContext,
  id: string,
): Promise<{ person: ScimPerson; resource: Record<string, unknown> }> {
  const db = scopedDb({ prisma: context.db, orgId: context.orgId });
  const person = await findScimUser(db, context, id);
  if (!person) throw notFound(`No user ${id} in this directory.`);
  const groups = (await loadUserGroups(db, [person.id], context)).get(person.id) ?? [];
  return { person, resource: renderUser(person, context.baseUrl, groups) };
}
