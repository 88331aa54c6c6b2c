import { readResourceBody } from './read-resource-body';
import { groupResource, groupSchemaUrn } from './scim-attributes';
import { badRequest } from './scim-error';
import { etagOf } from './user-resource';

// A SCIM Group is a DirectoryGroup: its displayName (unique per directory), externalId and
// members (users of the same directory). It grants nothing by itself; the org's mappings turn
// membership into policy groups.

type Json = Record<string, unknown>;

export const groupSelect = {
  id: true,
  displayName: true,
  externalId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type ScimGroup = {
  id: string;
  displayName: string;
  externalId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type GroupMember = { id: string; display: string };

export function renderGroup(
  group: ScimGroup,
  baseUrl: string,
  members: readonly GroupMember[] | undefined,
): Json {
  return {
    schemas: [groupSchemaUrn],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members
      ? {
          members: members.map((member) => ({
            value: member.id,
            $ref: `${baseUrl}/Users/${member.id}`,
            display: member.display,
            type: 'User',
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
      version: etagOf(group.version),
    },
  };
}

export type GroupFields = { displayName: string; externalId: string | null; memberIds: string[] };

/** Reads a Group body (POST, PUT, or a patched group) into its fields. */
export function readGroupFields(body: unknown): GroupFields {
  const attributes = readResourceBody(groupResource, body);
  const displayName = attributes.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') {
    throw badRequest('invalidValue', 'displayName is required.');
  }
  if (displayName.length > 255)
    throw badRequest('invalidValue', 'displayName has at most 255 characters.');
  const externalId = (attributes.externalId as string | undefined) ?? null;
  if (externalId !== null && externalId.length > 255) {
    throw badRequest('invalidValue', 'externalId has at most 255 characters.');
  }
  const members = (attributes.members as { value?: string; type?: string }[] | undefined) ?? [];
  const memberIds = members.map((member, index) => {
    if (member.type !== undefined && member.type.toLowerCase() !== 'user') {
      throw badRequest('invalidValue', `members[${index}]: only users can be members.`);
    }
    if (typeof member.value !== 'string')
      throw badRequest('invalidValue', `members[${index}] has no value.`);
    return member.value.toLowerCase();
  });
  return { displayName, externalId, memberIds: [...new Set(memberIds)] };
}
