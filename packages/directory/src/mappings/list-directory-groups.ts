import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { directoryNotFound } from '../directories/directory-view';
import { type DirectoryGroupsInput, directoryGroupsSchema } from './mapping.schema';

/** A SCIM group of a directory with its member count and the policy groups it maps to. */
export type DirectoryGroupView = {
  id: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  /** Policy group names, sorted. */
  policyGroups: string[];
  updatedAt: Date;
};

/** A directory's SCIM groups by name, with their mappings. Auditors and up. */
export async function listDirectoryGroups({
  db,
  actor,
  input,
}: Omit<MemberContext, 'ip'> & { input: DirectoryGroupsInput }): Promise<DirectoryGroupView[]> {
  assertRole(actor, 'auditor');
  const { id } = parseInput(directoryGroupsSchema, input);
  const scoped = scopedDb({ prisma: db, orgId: actor.orgId });
  const directory = await scoped.directory.findFirst({ where: { id }, select: { id: true } });
  if (!directory) throw directoryNotFound();
  const rows = await scoped.directoryGroup.findMany({
    where: { directoryId: id },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      displayName: true,
      externalId: true,
      updatedAt: true,
      _count: { select: { members: true } },
      mappings: { select: { policyGroup: { select: { name: true } } } },
    },
  });
  return rows.map(({ _count, mappings, ...group }) => ({
    ...group,
    memberCount: _count.members,
    policyGroups: mappings.map((mapping) => mapping.policyGroup.name).sort(),
  }));
}
