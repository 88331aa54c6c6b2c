import { isDeepStrictEqual } from 'node:util';
import type { OrgTransaction } from '@parapet/accounts';
import { applyScimPatch, readPatchOperations } from '../apply-scim-patch';
import { checkIfMatch } from '../check-preconditions';
import { userResource, userSchemaUrn } from '../scim-attributes';
import { inDirectoryTransaction, recordChange, type ScimContext } from '../scim-context';
import { conflict, notFound } from '../scim-error';
import {
  personSelect,
  readUserFields,
  renderUser,
  type ScimPerson,
  type UserFields,
  writableUser,
} from '../user-resource';
import { checkUserUniqueness } from './check-user-uniqueness';
import { findScimUser, loadUserGroups } from './find-scim-users';
import { applyActiveChange } from './set-user-active';

type Body = (person: ScimPerson) => unknown;

/** PUT /Users/<id>: the body replaces the user's writable attributes (RFC 7644 §3.5.1). */
export function replaceScimUser(
  context: ScimContext,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
) {
  // A PUT that leaves out `active` keeps it: reactivating someone must be said, never implied.
  return updateScimUser(context, id, ifMatch, (person) => {
    const given =
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      Object.keys(body).some((key) => key.toLowerCase() === 'active');
    return given ? body : { ...(body as object), active: person.active };
  });
}

/** PATCH /Users/<id>: the operations applied to the user as it is, then saved like a PUT. */
export function patchScimUser(
  context: ScimContext,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
) {
  const operations = readPatchOperations(body);
  return updateScimUser(context, id, ifMatch, (person) =>
    applyScimPatch(
      userResource,
      {
        schemas: [userSchemaUrn],
        meta: { created: person.createdAt, lastModified: person.updatedAt },
        ...writableUser(person),
      },
      operations,
    ),
  );
}

async function updateScimUser(
  context: ScimContext,
  id: string,
  ifMatch: string | undefined,
  bodyFor: Body,
) {
  return inDirectoryTransaction(context, async (tx) => {
    const existing = await findScimUser(tx, context, id);
    if (!existing) throw notFound(`No user ${id} in this directory.`);
    checkIfMatch(ifMatch, existing.scimVersion);
    const fields = readUserFields(bodyFor(existing));
    const { person, changes } = await saveUser(tx, context, existing, fields);
    const groups = (await loadUserGroups(tx, [person.id], context)).get(person.id) ?? [];
    if (changes.length > 0) {
      const deactivated = existing.active && !person.active;
      await recordChange(tx, context, {
        action: deactivated ? 'user.deprovisioned' : 'user.updated',
        status: 200,
        resourceType: 'User',
        resourceId: person.id,
        summary: `Updated user ${fields.userName}: ${changes.join('; ')}.`,
      });
    }
    return { person, resource: renderUser(person, context.baseUrl, groups) };
  });
}

async function saveUser(
  tx: OrgTransaction,
  context: ScimContext,
  existing: ScimPerson,
  fields: UserFields,
) {
  await checkUserUniqueness(tx, context, fields, existing.id);
  const email = fields.email ?? existing.email;
  if (email !== existing.email) {
    const holder = await tx.person.findFirst({
      where: { email, NOT: { id: existing.id } },
      select: { id: true },
    });
    if (holder) throw conflict(`Another person of the organization has the email ${email}.`);
  }
  const active = fields.active ?? existing.active;
  const data = {
    email,
    userName: fields.userNameKey,
    externalId: fields.externalId,
    displayName: fields.displayName,
    active,
    scimAttributes: fields.scimAttributes,
  };
  const before = {
    email: existing.email,
    userName: existing.userName,
    externalId: existing.externalId,
    displayName: existing.displayName,
    active: existing.active,
    scimAttributes: writableAttributes(existing),
  };
  const changes = Object.keys(data)
    .filter(
      (key) =>
        !isDeepStrictEqual(data[key as keyof typeof data], before[key as keyof typeof before]),
    )
    .map((key) => `${key} changed`);
  if (changes.length === 0) return { person: existing, changes };
  const person = await tx.person.update({
    where: { id: existing.id },
    data: { ...data, scimAttributes: data.scimAttributes as object, scimVersion: { increment: 1 } },
    select: personSelect,
  });
  const activeChange = await applyActiveChange(tx, context, person, {
    was: existing.active,
    now: active,
  });
  return {
    person,
    changes: activeChange
      ? [...changes.filter((c) => c !== 'active changed'), activeChange]
      : changes,
  };
}

function writableAttributes(person: ScimPerson) {
  const { externalId: _e, active: _a, ...rest } = writableUser(person);
  return rest;
}
