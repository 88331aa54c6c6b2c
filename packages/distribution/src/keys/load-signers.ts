import type { SigningKeyInput } from '@parapet/bundle';
import type { Prisma } from '@parapet/db';
import { openSigningKey } from './signing-key-secret';

/**
 * The keys that sign the organization's bundles now (every key not retired: during a rotation,
 * the new one and the one it replaces) with the current key-set version. They are the keys of
 * that key set by construction: rotate and retire change both in one transaction.
 */
export async function loadSigners(
  tx: Prisma.TransactionClient,
  { orgId }: { orgId: string },
): Promise<{ signers: SigningKeyInput[]; keySetVersion: number }> {
  const [keys, keySet] = await Promise.all([
    tx.signingKey.findMany({
      where: { orgId, state: { not: 'retired' } },
      orderBy: { createdAt: 'desc' },
      select: { kid: true, publicJwk: true, privateKeyEncrypted: true },
    }),
    tx.keySet.findFirst({
      where: { orgId },
      orderBy: { version: 'desc' },
      select: { version: true },
    }),
  ]);
  if (keys.length === 0 || !keySet) {
    throw new Error(`Organization ${orgId} has no signing key to sign with.`);
  }
  return {
    signers: keys.map((key) => openSigningKey({ orgId, ...key })),
    keySetVersion: keySet.version,
  };
}
