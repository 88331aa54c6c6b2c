import { AppError } from '@parapet/errors';
import type { MemberContext } from '../shared/actor';
import { assertRole } from '../shared/assert-role';
import { parseInput } from '../shared/parse-input';
import { roleAtLeast, roleLabels } from '../shared/roles';
import { inOrgTransaction, recordActivity } from '../shared/transactions';
import { newApiKey } from './api-key-format';
import { apiKeyExpiry, type CreateApiKeyInput, createApiKeySchema } from './create-api-key.schema';

export type CreatedApiKey = {
  id: string;
  /** The secret. Returned once; only its SHA-256 and its first characters are stored. */
  key: string;
  prefix: string;
};

/**
 * Creates an API key of the actor's organization. Only owners create keys, and no key carries
 * a role above its creator's; an expiry, when given, must lie ahead.
 */
export async function createApiKey({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: CreateApiKeyInput }): Promise<CreatedApiKey> {
  assertRole(actor, 'owner');
  const { name, role, ...fields } = parseInput(createApiKeySchema, input);
  const expiresAt = apiKeyExpiry(fields.expiresAt);
  if (!roleAtLeast(actor.role, role)) {
    throw new AppError(
      'FORBIDDEN',
      `A key cannot have a role above yours (${roleLabels[actor.role]}).`,
      {
        fieldErrors: { role: ['Choose your own role or a lower one.'] },
      },
    );
  }
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError('INVALID_INPUT', 'Please correct the highlighted fields.', {
      fieldErrors: { expiresAt: ['Choose a time in the future.'] },
    });
  }
  const { key, prefix, keyHash } = newApiKey();
  return inOrgTransaction({ db, orgId: actor.orgId }, async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        orgId: actor.orgId,
        name,
        role,
        prefix,
        keyHash,
        createdById: actor.userId,
        createdByEmail: actor.email,
        expiresAt: expiresAt ?? null,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordActivity(tx, {
      actor,
      action: 'api_key_created',
      target: name,
      details: { keyId: created.id, role, prefix, expiresAt: expiresAt?.toISOString() ?? null },
      ip,
    });
    return { id: created.id, key, prefix };
  });
}
