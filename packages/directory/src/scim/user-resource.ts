import { z } from 'zod';
import { readResourceBody } from './read-resource-body';
import { enterpriseUserSchemaUrn, userResource, userSchemaUrn } from './scim-attributes';
import { badRequest } from './scim-error';

// A SCIM User is a person of policy administration. Columns hold what Parapet acts on
// (userName lower-cased for case-insensitive uniqueness, externalId, displayName, the email,
// active); `scimAttributes` keeps the resource as the identity provider last wrote it (userName
// in its own case, name, emails, the enterprise extension, ...) for faithful round trips.

type Json = Record<string, unknown>;

export const personSelect = {
  id: true,
  email: true,
  displayName: true,
  externalId: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  userName: true,
  scimVersion: true,
  scimAttributes: true,
} as const;

export type ScimPerson = {
  id: string;
  email: string;
  displayName: string | null;
  externalId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  userName: string | null;
  scimVersion: number;
  scimAttributes: unknown;
};

export type UserGroupRef = { id: string; displayName: string };

export const etagOf = (version: number) => `W/"${version}"`;

function attributesOf(person: ScimPerson): Json {
  const stored = person.scimAttributes;
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Json) : {};
}

/** The SCIM User of a person; `groups` from their directory group memberships when known. */
export function renderUser(
  person: ScimPerson,
  baseUrl: string,
  groups: readonly UserGroupRef[] | undefined,
): Json {
  const { deleted: _deleted, ...attributes } = attributesOf(person);
  const extension = attributes[enterpriseUserSchemaUrn] !== undefined;
  return {
    schemas: extension ? [userSchemaUrn, enterpriseUserSchemaUrn] : [userSchemaUrn],
    id: person.id,
    ...(person.externalId ? { externalId: person.externalId } : {}),
    ...attributes,
    userName: (attributes.userName as string | undefined) ?? person.userName ?? person.email,
    active: person.active,
    ...(groups && groups.length > 0
      ? {
          groups: groups.map((group) => ({
            value: group.id,
            $ref: `${baseUrl}/Groups/${group.id}`,
            display: group.displayName,
            type: 'direct',
          })),
        }
      : {}),
    meta: {
      resourceType: 'User',
      created: person.createdAt.toISOString(),
      lastModified: person.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${person.id}`,
      version: etagOf(person.scimVersion),
    },
  };
}

/** The resource as scim-patch and PUT comparisons see it: writable attributes only. */
export function writableUser(person: ScimPerson): Json {
  const { deleted: _deleted, ...attributes } = attributesOf(person);
  return {
    // A person adopted or made outside SCIM may have no stored attributes yet.
    userName: person.userName ?? person.email,
    ...attributes,
    ...(person.externalId ? { externalId: person.externalId } : {}),
    active: person.active,
  };
}

export type UserFields = {
  userName: string;
  userNameKey: string;
  externalId: string | null;
  displayName: string | null;
  /** Undefined when the body did not say (a PUT without active leaves it as it is). */
  active: boolean | undefined;
  /** The email the body gives, if any (else the caller keeps or makes one). */
  email: string | undefined;
  scimAttributes: Json;
};

const emailSchema = z.email().max(254);

function primaryEmail(attributes: Json): string | undefined {
  const emails = (attributes.emails as { value?: string; primary?: boolean }[] | undefined) ?? [];
  const chosen = emails.find((email) => email.primary === true) ?? emails[0];
  if (emails.filter((email) => email.primary === true).length > 1) {
    throw badRequest('invalidValue', 'emails: at most one email can be primary.');
  }
  if (chosen?.value !== undefined) {
    const parsed = emailSchema.safeParse(chosen.value.trim());
    if (!parsed.success)
      throw badRequest(
        'invalidValue',
        `emails: ${JSON.stringify(chosen.value)} is not an email address.`,
      );
    return parsed.data.toLowerCase();
  }
  const userName = attributes.userName as string;
  const fromUserName = emailSchema.safeParse(userName.trim());
  return fromUserName.success ? fromUserName.data.toLowerCase() : undefined;
}

function displayNameOf(attributes: Json): string | null {
  const name = attributes.name as Json | undefined;
  const joined = [name?.givenName, name?.familyName].filter((p) => typeof p === 'string').join(' ');
  const display =
    (attributes.displayName as string | undefined) ??
    (name?.formatted as string | undefined) ??
    joined;
  const trimmed = display.trim();
  return trimmed === '' ? null : trimmed.slice(0, 120);
}

/** Reads a User body (POST, PUT, or a patched resource) into the person's fields. */
export function readUserFields(body: unknown): UserFields {
  const attributes = readResourceBody(userResource, body);
  const userName = attributes.userName;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw badRequest('invalidValue', 'userName is required.');
  }
  if (userName.length > 255)
    throw badRequest('invalidValue', 'userName has at most 255 characters.');
  const { externalId, active, ...rest } = attributes;
  if (typeof externalId === 'string' && externalId.length > 255) {
    throw badRequest('invalidValue', 'externalId has at most 255 characters.');
  }
  return {
    userName,
    userNameKey: userName.toLowerCase(),
    externalId: (externalId as string | undefined) ?? null,
    displayName: displayNameOf(rest),
    active: active as boolean | undefined,
    email: primaryEmail(rest),
    scimAttributes: rest,
  };
}
