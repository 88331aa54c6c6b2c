import type { OrgTransaction } from '@parapet/accounts';
import type { ScimContext } from '../scim-context';
import { conflict } from '../scim-error';
import type { UserFields } from '../user-resource';

/**
 * Refuses (409 uniqueness) a userName another user of this directory holds (compared without
 * regard to case), or an externalId another person of the org holds. The email is checked by
 * the caller, since on create it may adopt the person who has it.
 */
export async function checkUserUniqueness(
  tx: OrgTransaction,
  context: ScimContext,
  fields: UserFields,
  selfId: string | undefined,
): Promise<void> {
  const notSelf = selfId ? { NOT: { id: selfId } } : {};
  const sameUserName = await tx.person.findFirst({
    where: { directoryId: context.directoryId, userName: fields.userNameKey, ...notSelf },
    select: { id: true },
  });
  if (sameUserName)
    throw conflict(`Another user of this directory has the userName ${fields.userName}.`);
  if (fields.externalId !== null) {
    const sameExternalId = await tx.person.findFirst({
      where: { externalId: fields.externalId, ...notSelf },
      select: { id: true },
    });
    if (sameExternalId) throw conflict(`Another person has the externalId ${fields.externalId}.`);
  }
}
