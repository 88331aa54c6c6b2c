import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { inOrgTransaction, recordActivity } from '../shared/transactions';
import type { ApiKeyRow } from './list-api-keys';
import { type RevokeApiKeyInput, revokeApiKeySchema } from './revoke-api-key.schema';

/** Revokes an API key of the organization: it stops working at once. Owners only. */
export async function revokeApiKey({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: RevokeApiKeyInput }): Promise<ApiKeyRow> {
  assertRole(actor, 'owner');
  const { id } = parseInput(revokeApiKeySchema, input);
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    // The conditional update makes two revocations exclusive: the second finds nothing to do.
    const { count } = await tx.apiKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    const key = await tx.apiKey.findFirst({ where: { id } });
    if (!key) throw new AppError('NOT_FOUND', 'This API key does not exist.');
    if (count === 0) throw new AppError('CONFLICT', 'This API key is already revoked.');
    await recordActivity(tx, {
      actor,
      action: 'api_key_revoked',
      target: key.name,
      details: { keyId: key.id, role: key.role, prefix: key.prefix },
      ip,
    });
    return {
      id: key.id,
      name: key.name,
      role: key.role,
      prefix: key.prefix,
      createdBy: key.createdByEmail,
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt,
    };
  });
}
