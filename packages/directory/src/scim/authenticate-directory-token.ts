import { hashSecretToken } from '@parapet/accounts';
import type { PrismaClient } from '@parapet/db';
import { unauthorized } from './scim-error';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tokenPattern = /^pds_[A-Za-z0-9_-]{20,200}$/;

export type DirectoryCaller = { orgId: string; directoryId: string; directoryName: string };

/**
 * The directory a SCIM request acts for: its bearer token must be the token of the directory
 * named in the address. A missing, malformed, unknown or rotated-away token, and a token of
 * another directory (of this org or another), all get the same 401, so the answer tells a
 * caller nothing about which directories exist. Tokens are stored as SHA-256 hashes, so the
 * lookup is by hash and needs no constant-time comparison.
 */
export async function authenticateDirectoryToken({
  db,
  directoryId,
  token,
}: {
  db: PrismaClient;
  directoryId: string;
  token: string | undefined;
}): Promise<DirectoryCaller> {
  if (!token || !tokenPattern.test(token) || !uuidPattern.test(directoryId)) throw unauthorized();
  // A lookup by token hash alone (the unique index), before any org is known: the token is
  // what names the org, as an API key does.
  const directory = await db.directory.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    select: { id: true, orgId: true, name: true },
  });
  if (!directory || directory.id !== directoryId.toLowerCase()) throw unauthorized();
  return { orgId: directory.orgId, directoryId: directory.id, directoryName: directory.name };
}

/** The token of an `Authorization: Bearer …` header (scheme case-insensitive), if any. */
export function readBearerToken(header: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
