import type { OrgTransaction } from '@parapet/accounts';
import { recomputeDirectoryPolicyGroups } from '../../mappings/recompute-directory-policy-groups';
import { isUuid } from '../is-uuid';
import type { ScimContext } from '../scim-context';
import { badRequest } from '../scim-error';

/**
 * Makes a group's members exactly `memberIds`: each must be a user of this directory, or the
 * whole request is refused (400 invalidValue) before anything changes. Members who came or went
 * get a new version (their `groups` changed) and their policy groups recomputed in the same
 * transaction, so effective policy follows at once.
 */
export async function setGroupMembers(
  tx: OrgTransaction,
  context: ScimContext,
  groupId: string,
  memberIds: readonly string[],
): Promise<{ added: number; removed: number }> {
  await checkMembersAreUsers(tx, context, memberIds);
  const current = await tx.directoryGroupMember.findMany({
    where: { groupId },
    select: { personId: true },
  });
  const currentIds = new Set(current.map((row) => row.personId));
  const wanted = new Set(memberIds);
  const added = [...wanted].filter((id) => !currentIds.has(id));
  const removed = [...currentIds].filter((id) => !wanted.has(id));
  if (removed.length > 0) {
    await tx.directoryGroupMember.deleteMany({ where: { groupId, personId: { in: removed } } });
  }
  if (added.length > 0) {
    await tx.directoryGroupMember.createMany({
      data: added.map((personId) => ({ orgId: context.orgId, groupId, personId })),
      skipDuplicates: true,
    });
  }
  const changed = [...added, ...removed];
  if (changed.length > 0) {
    await tx.person.updateMany({
      where: { id: { in: changed } },
      data: { scimVersion: { increment: 1 } },
    });
    await recomputeDirectoryPolicyGroups({ tx, orgId: context.orgId, personIds: changed });
  }
  return { added: added.length, removed: removed.length };
}

async function checkMembersAreUsers(
  tx: OrgTransaction,
  context: ScimContext,
  memberIds: readonly string[],
) {
  const malformed = memberIds.filter((id) => !isUuid(id));
  const found = await tx.person.findMany({
    where: { id: { in: memberIds.filter(isUuid) }, directoryId: context.directoryId },
    select: { id: true },
  });
  const known = new Set(found.map((row) => row.id));
  const unknown = [...malformed, ...memberIds.filter((id) => isUuid(id) && !known.has(id))];
  if (unknown.length > 0) {
    const shown = unknown
      .slice(0, 5)
      .map((id) => JSON.stringify(id.slice(0, 80)))
      .join(', ');
    throw badRequest(
      'invalidValue',
      `members: ${unknown.length} value(s) are not users of this directory (${shown}); nothing was changed.`,
    );
  }
}
