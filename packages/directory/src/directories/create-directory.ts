import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { type CreateDirectoryInput, createDirectorySchema } from './directory.schema';
import { issueDirectoryToken } from './directory-token';
import { scimBaseUrl } from './directory-view';
import { recordDirectoryActivity } from './record-directory-activity';

/** A new directory connection with its token: the only time the token is returned. */
export type CreatedDirectory = { id: string; name: string; scimBaseUrl: string; token: string };

/**
 * Adds a SCIM directory connection to the organization. The token is returned once and only
 * its hash is kept; `origin` is the console's public origin, from which the base URL the IdP
 * is given is built. Owners only: a directory decides who is in which policy group.
 */
export async function createDirectory({
  db,
  actor,
  input,
  origin,
  ip,
}: MemberContext & { input: CreateDirectoryInput; origin: string }): Promise<CreatedDirectory> {
  assertRole(actor, 'owner');
  const { name } = parseInput(createDirectorySchema, input);
  const { token, tokenHash, tokenPrefix } = issueDirectoryToken();
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const created = await tx.directory.create({
      data: { orgId: actor.orgId, name, tokenHash, tokenPrefix, createdByUserId: actor.userId },
      select: { id: true, name: true },
    });
    await recordDirectoryActivity(tx, {
      actor,
      action: 'directory.created',
      target: name,
      details: { directoryId: created.id, tokenPrefix },
      ip,
    });
    return { ...created, scimBaseUrl: scimBaseUrl(origin, created.id), token };
  });
}
