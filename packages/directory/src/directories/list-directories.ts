import { assertRole, type MemberContext, parseInput } from '@parapet/accounts';
import { scopedDb } from '@parapet/db/scoped';
import { type DirectoryIdInput, directoryIdSchema } from './directory.schema';
import {
  type DirectoryView,
  directoryNotFound,
  directorySelect,
  toDirectoryView,
} from './directory-view';

/** The organization's directory connections by name, with their counts. Auditors and up. */
export async function listDirectories({
  db,
  actor,
  origin,
}: Omit<MemberContext, 'ip'> & { origin: string }): Promise<DirectoryView[]> {
  assertRole(actor, 'auditor');
  const rows = await scopedDb({ prisma: db, orgId: actor.orgId }).directory.findMany({
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: directorySelect,
  });
  return rows.map((row) => toDirectoryView(row, origin));
}

/** One directory connection of the organization. Auditors and up. */
export async function getDirectory({
  db,
  actor,
  input,
  origin,
}: Omit<MemberContext, 'ip'> & {
  input: DirectoryIdInput;
  origin: string;
}): Promise<DirectoryView> {
  assertRole(actor, 'auditor');
  const { id } = parseInput(directoryIdSchema, input);
  const row = await scopedDb({ prisma: db, orgId: actor.orgId }).directory.findFirst({
    where: { id },
    select: directorySelect,
  });
  if (!row) throw directoryNotFound();
  return toDirectoryView(row, origin);
}
