import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordDirectoryActivity } from '../directories/record-directory-activity';
import type { DirectoryGroupView } from './list-directory-groups';
import {
  type SetDirectoryGroupMappingInput,
  setDirectoryGroupMappingSchema,
} from './mapping.schema';
import { recomputeDirectoryPolicyGroups } from './recompute-directory-policy-groups';

// A mapping of a group of tens of thousands recomputes all of them in the same commit.
const mappingTimeoutMs = 120_000;

/**
 * Sets the policy groups one SCIM group maps to (replacing the previous ones; an empty list
 * removes the mapping) and, in the same transaction, recomputes the directory-derived groups of
 * its members, so their devices get the new bundle through the usual change notification.
 * Admins and up.
 */
export async function setDirectoryGroupMapping({
  db,
  actor,
  input,
  ip,
}: MemberContext & { input: SetDirectoryGroupMappingInput }): Promise<DirectoryGroupView> {
  assertRole(actor, 'admin');
  const { id, groupId, policyGroups } = parseInput(setDirectoryGroupMappingSchema, input);
  const orgId = actor.orgId;
  return inOrgTransaction({ db, orgId, timeoutMs: mappingTimeoutMs }, async (tx) => {
    const group = await tx.directoryGroup.findFirst({
      where: { id: groupId, directoryId: id },
      select: {
        id: true,
        displayName: true,
        externalId: true,
        updatedAt: true,
        directory: { select: { name: true } },
        mappings: { select: { policyGroup: { select: { name: true } } } },
      },
    });
    if (!group) throw new AppError('NOT_FOUND', 'This directory group does not exist.');
    const targets = await tx.policyGroup.findMany({
      where: { name: { in: policyGroups } },
      select: { id: true, name: true },
    });
    const unknown = policyGroups.filter((name) => !targets.some((t) => t.name === name));
    if (unknown.length > 0) {
      const message = `There is no policy group named ${unknown.map((n) => `“${n}”`).join(', ')}.`;
      throw new AppError('INVALID_INPUT', message, { fieldErrors: { policyGroups: [message] } });
    }
    await tx.directoryGroupMapping.deleteMany({ where: { directoryGroupId: groupId } });
    await tx.directoryGroupMapping.createMany({
      data: targets.map((target) => ({
        orgId,
        directoryGroupId: groupId,
        policyGroupId: target.id,
      })),
    });
    const members = await tx.directoryGroupMember.findMany({
      where: { groupId },
      select: { personId: true },
    });
    const personIds = members.map((member) => member.personId);
    const changed = await recomputeDirectoryPolicyGroups({ tx, orgId, personIds });
    const previous = group.mappings.map((mapping) => mapping.policyGroup.name).sort();
    await recordDirectoryActivity(tx, {
      actor,
      action: 'directory.mapping_set',
      target: `${group.directory.name}: ${group.displayName}`,
      details: {
        directoryId: id,
        directoryGroupId: groupId,
        policyGroups: { from: previous, to: policyGroups },
        members: personIds.length,
        rowsAdded: changed.added,
        rowsRemoved: changed.removed,
      },
      ip,
    });
    const { directory: _directory, mappings: _mappings, ...view } = group;
    return { ...view, memberCount: personIds.length, policyGroups };
  });
}
