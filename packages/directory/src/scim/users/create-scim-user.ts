import { randomUUID } from 'node:crypto';
import type { OrgTransaction } from '@parapet/accounts';
import { recordDirectoryActivity } from '../record-directory-activity';
import { inDirectoryTransaction, recordChange, type ScimContext } from '../scim-context';
import { conflict } from '../scim-error';
import {
  personSelect,
  readUserFields,
  renderUser,
  type ScimPerson,
  type UserFields,
} from '../user-resource';
import { checkUserUniqueness } from './check-user-uniqueness';
import { applyActiveChange } from './set-user-active';

/**
 * POST /Users. A new person of the org, tied to this directory; or, when a person of the org
 * not tied to any directory already has the user's email, that person (adopted, and said so in
 * the event log). A person tied to another directory is refused (409). Without any email (no
 * emails and a userName that is not an address) the person gets a placeholder address under
 * the reserved `.invalid` domain, since every person has one.
 */
export async function createScimUser(context: ScimContext, body: unknown) {
  const fields = readUserFields(body);
  return inDirectoryTransaction(context, async (tx) => {
    const email = fields.email ?? `scim-${randomUUID()}@directory.invalid`;
    const holder = await tx.person.findFirst({
      where: { email },
      select: { ...personSelect, directoryId: true },
    });
    // The person to adopt may already carry this externalId (a CSV import from the same IdP).
    await checkUserUniqueness(
      tx,
      context,
      fields,
      holder?.directoryId === null ? holder.id : undefined,
    );
    if (holder && holder.directoryId !== null) {
      throw conflict(
        holder.directoryId === context.directoryId
          ? `Another user of this directory has the email ${email}.`
          : `The email ${email} belongs to a person provisioned by another directory.`,
      );
    }
    const person = holder
      ? await adopt(tx, context, holder, fields)
      : await insert(tx, context, fields, email);
    await recordDirectoryActivity(tx, context, {
      action: 'directory.user_provisioned',
      target: person.email,
      details: { userName: fields.userName, adopted: holder !== null },
    });
    await recordChange(tx, context, {
      action: 'user.created',
      status: 201,
      resourceType: 'User',
      resourceId: person.id,
      summary: holder
        ? `Adopted the existing person ${person.email} as user ${fields.userName}.`
        : `Created user ${fields.userName} (${person.email}).`,
    });
    return { person, resource: renderUser(person, context.baseUrl, []) };
  });
}

function insert(tx: OrgTransaction, context: ScimContext, fields: UserFields, email: string) {
  return tx.person.create({
    data: {
      orgId: context.orgId,
      email,
      directoryId: context.directoryId,
      userName: fields.userNameKey,
      externalId: fields.externalId,
      displayName: fields.displayName,
      active: fields.active ?? true,
      scimAttributes: fields.scimAttributes as object,
    },
    select: personSelect,
  });
}

async function adopt(
  tx: OrgTransaction,
  context: ScimContext,
  holder: ScimPerson,
  fields: UserFields,
): Promise<ScimPerson> {
  const active = fields.active ?? true;
  const person = await tx.person.update({
    where: { id: holder.id },
    data: {
      directoryId: context.directoryId,
      userName: fields.userNameKey,
      externalId: fields.externalId,
      displayName: fields.displayName ?? holder.displayName,
      active,
      scimAttributes: fields.scimAttributes as object,
      scimVersion: { increment: 1 },
    },
    select: personSelect,
  });
  await applyActiveChange(tx, context, holder, { was: holder.active, now: active });
  return person;
}
