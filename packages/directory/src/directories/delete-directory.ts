import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { recomputeDirectoryPolicyGroups } from '../mappings/recompute-directory-policy-groups';
import { type DirectoryIdInput, directoryIdSchema } from './directory.schema';
import { directoryNotFound } from './directory-view';
import { recordDirectoryActivity } from './record-directory-activity';

// A delete of a directory with tens of thousands of people recomputes all of them at once.
const deleteTimeoutMs = 120_000;

/**
 * Deletes a directory connection: its token stops working, its SCIM groups, their memberships
 * and mappings and its event log go. Its people stay, as people an admin now manages by hand:
 * they are detached (no directory, no userName), keep the groups set by hand, and lose every
 * group they held through this directory, in the same commit, so their devices get the
 * narrower policy at once. Nobody is deactivated: whether they should keep access is for an
 * admin (or the next directory) to say. Owners only.
 */
export async function deleteDirectory({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: DirectoryIdInput }): Promise<{ id: string; name: string }> {
  assertRole(actor, 'owner');
  const { id } = parseInput(directoryIdSchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId, timeoutMs: deleteTimeoutMs }, async (tx) => {
    const found = await tx.directory.findFirst({ where: { id }, select: { name: true } });
    if (!found) throw directoryNotFound();
    const [provisioned, members] = await Promise.all([
      tx.person.findMany({ where: { directoryId: id }, select: { id: true } }),
      tx.directoryGroupMember.findMany({
        where: { group: { directoryId: id } },
        select: { personId: true },
        distinct: ['personId'],
      }),
    ]);
    const personIds = [
      ...new Set([...provisioned.map((person) => person.id), ...members.map((m) => m.personId)]),
    ];
    // The groups go first (their memberships and mappings with them), so the recompute sees
    // what is left: the groups of other directories and nothing of this one.
    await tx.directoryGroup.deleteMany({ where: { directoryId: id } });
    const { removed } = await recomputeDirectoryPolicyGroups({ tx, orgId: actor.orgId, personIds });
    await tx.person.updateMany({
      where: { directoryId: id },
      data: { directoryId: null, userName: null },
    });
    await tx.directory.deleteMany({ where: { id } });
    await recordDirectoryActivity(tx, {
      actor,
      action: 'directory.deleted',
      target: found.name,
      details: { directoryId: id, peopleDetached: provisioned.length, groupsRemoved: removed },
      ip,
    });
    return { id, name: found.name };
  });
}
