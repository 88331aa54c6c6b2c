import { applyScimPatch, readPatchOperations } from '../apply-scim-patch';
import { checkIfMatch } from '../check-preconditions';
import { groupSelect, readGroupFields, renderGroup, type ScimGroup } from '../group-resource';
import { groupResource, groupSchemaUrn } from '../scim-attributes';
import { inDirectoryTransaction, recordChange, type ScimContext } from '../scim-context';
import { conflict, notFound } from '../scim-error';
import { findGroupNamed, findScimGroup, loadGroupMembers } from './find-scim-groups';
import { setGroupMembers } from './set-group-members';

// POST, PUT and PATCH of /Groups: the group's name and externalId, and its members set
// exactly (setGroupMembers), in one transaction with the event that records them.

export function createScimGroup(context: ScimContext, body: unknown) {
  const fields = readGroupFields(body);
  return inDirectoryTransaction(context, async (tx) => {
    if (await findGroupNamed(tx, context, fields.displayName, undefined)) {
      throw conflict(`A group of this directory is already named ${fields.displayName}.`);
    }
    const group = await tx.directoryGroup.create({
      data: {
        orgId: context.orgId,
        directoryId: context.directoryId,
        displayName: fields.displayName,
        externalId: fields.externalId,
      },
      select: groupSelect,
    });
    const members = await setGroupMembers(tx, context, group.id, fields.memberIds);
    await recordChange(tx, context, {
      action: 'group.created',
      status: 201,
      resourceType: 'Group',
      resourceId: group.id,
      summary: `Created group ${fields.displayName} with ${members.added} member(s).`,
    });
    const loaded = (await loadGroupMembers(tx, context, [group.id])).get(group.id) ?? [];
    return { group, resource: renderGroup(group, context.baseUrl, loaded) };
  });
}

export function replaceScimGroup(
  context: ScimContext,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
) {
  return updateScimGroup(context, id, ifMatch, () => body);
}

export function patchScimGroup(
  context: ScimContext,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
) {
  const operations = readPatchOperations(body);
  return updateScimGroup(context, id, ifMatch, (group, memberIds) =>
    applyScimPatch(
      groupResource,
      {
        schemas: [groupSchemaUrn],
        meta: { created: group.createdAt, lastModified: group.updatedAt },
        displayName: group.displayName,
        ...(group.externalId ? { externalId: group.externalId } : {}),
        ...(memberIds.length > 0 ? { members: memberIds.map((value) => ({ value })) } : {}),
      },
      operations,
    ),
  );
}

async function updateScimGroup(
  context: ScimContext,
  id: string,
  ifMatch: string | undefined,
  bodyFor: (group: ScimGroup, memberIds: string[]) => unknown,
) {
  return inDirectoryTransaction(context, async (tx) => {
    const existing = await findScimGroup(tx, context, id);
    if (!existing) throw notFound(`No group ${id} in this directory.`);
    checkIfMatch(ifMatch, existing.version);
    const before = (await loadGroupMembers(tx, context, [existing.id])).get(existing.id) ?? [];
    const fields = readGroupFields(
      bodyFor(
        existing,
        before.map((member) => member.id),
      ),
    );
    if (
      fields.displayName !== existing.displayName &&
      (await findGroupNamed(tx, context, fields.displayName, existing.id))
    ) {
      throw conflict(`A group of this directory is already named ${fields.displayName}.`);
    }
    const members = await setGroupMembers(tx, context, existing.id, fields.memberIds);
    const renamed = fields.displayName !== existing.displayName;
    const changedExternalId = fields.externalId !== existing.externalId;
    const changed = renamed || changedExternalId || members.added + members.removed > 0;
    const group = changed
      ? await tx.directoryGroup.update({
          where: { id: existing.id },
          data: {
            displayName: fields.displayName,
            externalId: fields.externalId,
            version: { increment: 1 },
          },
          select: groupSelect,
        })
      : existing;
    if (changed) {
      const what = [
        renamed ? `renamed from ${existing.displayName}` : '',
        changedExternalId ? 'externalId changed' : '',
        members.added + members.removed > 0
          ? `${members.added} member(s) added, ${members.removed} removed`
          : '',
      ].filter(Boolean);
      await recordChange(tx, context, {
        action:
          members.added + members.removed > 0 && !renamed && !changedExternalId
            ? 'group.members_changed'
            : 'group.updated',
        status: 200,
        resourceType: 'Group',
        resourceId: group.id,
        summary: `Updated group ${group.displayName}: ${what.join('; ')}.`,
      });
    }
    const loaded = (await loadGroupMembers(tx, context, [group.id])).get(group.id) ?? [];
    return { group, resource: renderGroup(group, context.baseUrl, loaded) };
  });
}

export function deleteScimGroup(context: ScimContext, id: string, ifMatch: string | undefined) {
  return inDirectoryTransaction(context, async (tx) => {
    const existing = await findScimGroup(tx, context, id);
    if (!existing) throw notFound(`No group ${id} in this directory.`);
    checkIfMatch(ifMatch, existing.version);
    const members = await setGroupMembers(tx, context, existing.id, []);
    await tx.directoryGroup.delete({ where: { id: existing.id }, select: { id: true } });
    await recordChange(tx, context, {
      action: 'group.deleted',
      status: 204,
      resourceType: 'Group',
      resourceId: existing.id,
      summary: `Deleted group ${existing.displayName}; its ${members.removed} member(s) left it.`,
    });
  });
}
