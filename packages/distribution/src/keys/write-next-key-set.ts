import type { OrgTransaction } from '@parapet/accounts';
import { keySetType, type PublicJwk, type SigningKeyInput, signKeySet } from '@parapet/bundle';
import { AppError } from '@parapet/errors';
import { epochSeconds } from './key-set-document';
import { openSigningKey } from './signing-key-secret';

export type LiveKey = {
  id: string;
  kid: string;
  state: 'active' | 'retiring' | 'retired';
  publicJwk: PublicJwk;
  signer: SigningKeyInput;
};

/**
 * The keys that sign now (not retired), decrypted, newest first, and the current key-set
 * version, read under the organization's row lock so a rotation and a retirement never
 * interleave.
 */
export async function readLiveKeys(
  tx: OrgTransaction,
  { orgId }: { orgId: string },
): Promise<{ keys: LiveKey[]; keySetVersion: number }> {
  const rows = await tx.signingKey.findMany({
    where: { state: { not: 'retired' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { id: true, kid: true, state: true, publicJwk: true, privateKeyEncrypted: true },
  });
  const current = await tx.keySet.findFirst({
    orderBy: { version: 'desc' },
    select: { version: true },
  });
  if (rows.length === 0 || !current) {
    throw new AppError('CONFLICT', 'This organization has no signing key yet.');
  }
  return {
    keys: rows.map((row) => ({
      id: row.id,
      kid: row.kid,
      state: row.state,
      publicJwk: row.publicJwk as PublicJwk,
      signer: openSigningKey({ orgId, ...row }),
    })),
    keySetVersion: current.version,
  };
}

/**
 * Signs and stores key set `version` holding `keys`, signed by `signers` (a key of the previous
 * set and one of the new one, as the chain rule asks), and starts a new bundle generation so
 * every bundle is signed again by the keys of the new set.
 */
export async function writeNextKeySet(
  tx: OrgTransaction,
  {
    orgId,
    version,
    keys,
    signers,
    now,
  }: {
    orgId: string;
    version: number;
    keys: PublicJwk[];
    signers: SigningKeyInput[];
    now: Date;
  },
): Promise<void> {
  const document = await signKeySet({
    keySet: { type: keySetType, org: orgId, version, iat: epochSeconds(now), keys },
    keys: signers,
  });
  await tx.keySet.create({ data: { orgId, version, document, createdAt: now } });
  await tx.organization.update({
    where: { id: orgId },
    data: { bundleVer: { increment: 1 } },
    select: { id: true },
  });
}
