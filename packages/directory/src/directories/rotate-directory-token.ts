import { assertRole, inOrgTransaction, type MemberContext, parseInput } from '@parapet/accounts';
import { type DirectoryIdInput, directoryIdSchema } from './directory.schema';
import { issueDirectoryToken } from './directory-token';
import { directoryNotFound } from './directory-view';
import { recordDirectoryActivity } from './record-directory-activity';

/**
 * Replaces a directory's token: the old one is refused from the moment this commits (SCIM
 * requests look the hash up on every call), and the new one is returned once. Owners only.
 */
export async function rotateDirectoryToken({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: DirectoryIdInput }): Promise<{ token: string }> {
  assertRole(actor, 'owner');
  const { id } = parseInput(directoryIdSchema, input);
  const { token, tokenHash, tokenPrefix } = issueDirectoryToken();
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const found = await tx.directory.findFirst({
      where: { id },
      select: { name: true, tokenPrefix: true },
    });
    if (!found) throw directoryNotFound();
    await tx.directory.updateMany({
      where: { id },
      data: { tokenHash, tokenPrefix, tokenRotatedAt: now },
    });
    await recordDirectoryActivity(tx, {
      actor,
      action: 'directory.token_rotated',
      target: found.name,
      details: { directoryId: id, previousTokenPrefix: found.tokenPrefix, tokenPrefix },
      ip,
    });
    return { token };
  });
}
