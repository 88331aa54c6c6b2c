import type { PrismaClient } from '@parapet/db';
import { AppError } from '@parapet/errors';
import { findMembership } from '../members/find-membership';
import type { Actor } from '../shared/actor';
import { roleAtLeast } from '../shared/roles';
import { apiKeyPattern, describeApiKey } from './api-key-format';

// Writing the last use on every call would turn each read into a write; once a minute is as
// precise as anyone reading "last used" needs.
const lastUsedPrecisionMs = 60_000;

const unknownKey = 'This API key is not valid.';

/**
 * The actor an API key acts as: the key's organization and role, in the name of the member who
 * created it. Refuses (UNAUTHENTICATED) a malformed, unknown, revoked or expired key, and a key
 * whose creator has left the organization. A key never acts above its creator's current role:
 * an owner demoted to admin takes their owner keys down to admin with them.
 */
export async function authenticateApiKey({
  db,
  key,
  now = new Date(),
}: {
  db: PrismaClient;
  key: string;
  now?: Date;
}): Promise<Actor> {
  if (!apiKeyPattern.test(key)) throw new AppError('UNAUTHENTICATED', unknownKey);
  const found = await db.apiKey.findUnique({ where: { keyHash: describeApiKey(key).keyHash } });
  if (!found?.createdById || !found.createdByEmail) {
    throw new AppError('UNAUTHENTICATED', unknownKey);
  }
  if (found.revokedAt) throw new AppError('UNAUTHENTICATED', 'This API key was revoked.');
  if (found.expiresAt && found.expiresAt.getTime() <= now.getTime()) {
    throw new AppError('UNAUTHENTICATED', 'This API key has expired.');
  }
  const creator = await findMembership({ db, userId: found.createdById, orgId: found.orgId });
  if (!creator) {
    throw new AppError(
      'UNAUTHENTICATED',
      'The member who created this API key has left the organization; create a new key.',
    );
  }
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= lastUsedPrecisionMs) {
    await db.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: now } });
  }
  return {
    userId: found.createdById,
    email: found.createdByEmail,
    orgId: found.orgId,
    role: roleAtLeast(creator.role, found.role) ? found.role : creator.role,
    apiKey: { id: found.id, name: found.name },
  };
}
