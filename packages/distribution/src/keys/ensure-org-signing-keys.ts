import { generateSigningKey, keySetType, signKeySet } from '@parapet/bundle';
import type { Prisma, PrismaClient } from '@parapet/db';
import { lockAdvisory } from '../shared/lock-advisory';
import { epochSeconds } from './key-set-document';
import { sealSigningKey } from './signing-key-secret';

/**
 * Gives the organization its first signing key and key set version 1 (signed by that key: trust
 * on first use, docs/distribution.md), unless it has a key set already. Idempotent: replicas
 * doing this at once queue on an advisory lock and the later ones find the work done. `tx` is an
 * unscoped transaction client (first-run setup's, or one of ours), since the lock is raw SQL.
 */
export async function ensureOrgSigningKeys(
  tx: Prisma.TransactionClient,
  { orgId, now = new Date() }: { orgId: string; now?: Date },
): Promise<{ created: boolean }> {
  await lockAdvisory(tx, `signing-keys:${orgId}`);
  const existing = await tx.keySet.findFirst({ where: { orgId }, select: { version: true } });
  if (existing) return { created: false };
  const key = await generateSigningKey();
  await tx.signingKey.create({
    data: {
      orgId,
      kid: key.kid,
      publicJwk: key.publicJwk,
      privateKeyEncrypted: sealSigningKey({ orgId, privateJwk: key.privateJwk }),
      state: 'active',
      createdAt: now,
    },
  });
  const document = await signKeySet({
    keySet: {
      type: keySetType,
      org: orgId,
      version: 1,
      iat: epochSeconds(now),
      keys: [key.publicJwk],
    },
    keys: [{ kid: key.kid, privateJwk: key.privateJwk }],
  });
  await tx.keySet.create({ data: { orgId, version: 1, document, createdAt: now } });
  return { created: true };
}

/**
 * The lazy path for organizations created before signing keys existed: a read when the keys are
 * there (every call after the first), the provisioning transaction when they are not.
 */
export async function provisionSigningKeys({
  db,
  orgId,
  now,
}: {
  db: PrismaClient;
  orgId: string;
  now?: Date | undefined;
}): Promise<void> {
  const existing = await db.keySet.findFirst({ where: { orgId }, select: { version: true } });
  if (existing) return;
  await db.$transaction((tx) => ensureOrgSigningKeys(tx, { orgId, ...(now ? { now } : {}) }));
}
