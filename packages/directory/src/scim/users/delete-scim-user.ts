import { checkIfMatch } from '../check-preconditions';
import { deprovisionPerson } from '../deprovision-person';
import { recordDirectoryActivity } from '../record-directory-activity';
import { inDirectoryTransaction, recordChange, type ScimContext } from '../scim-context';
import { notFound } from '../scim-error';
import { findScimUser } from './find-scim-users';

/**
 * DELETE /Users/<id>. The person row stays (their devices and the logs name it): it is
 * deprovisioned (inactive, out of every group), detached from the directory (so the user is
 * 404 from then on and its userName and externalId are free again), and its last SCIM state is
 * kept in scimAttributes under `deleted`. A later POST with the same email adopts it again.
 */
export function deleteScimUser(context: ScimContext, id: string, ifMatch: string | undefined) {
  return inDirectoryTransaction(context, async (tx) => {
    const existing = await findScimUser(tx, context, id);
    if (!existing) throw notFound(`No user ${id} in this directory.`);
    checkIfMatch(ifMatch, existing.scimVersion);
    const removed = await deprovisionPerson(tx, existing.id);
    const attributes = (existing.scimAttributes ?? {}) as Record<string, unknown>;
    await tx.person.update({
      where: { id: existing.id },
      data: {
        active: false,
        directoryId: null,
        userName: null,
        externalId: null,
        scimVersion: { increment: 1 },
        scimAttributes: {
          ...attributes,
          deleted: {
            at: new Date().toISOString(),
            directoryId: context.directoryId,
            userName: existing.userName,
            externalId: existing.externalId,
          },
        },
      },
      select: { id: true },
    });
    await recordDirectoryActivity(tx, context, {
      action: 'directory.user_deleted',
      target: existing.email,
      details: removed,
    });
    await recordChange(tx, context, {
      action: 'user.deleted',
      status: 204,
      resourceType: 'User',
      resourceId: existing.id,
      summary: `Deleted user ${existing.userName ?? existing.email}: deprovisioned, left ${removed.directoryGroups} directory group(s) and ${removed.policyGroups} policy group(s); the person is kept for the logs.`,
    });
  });
}
