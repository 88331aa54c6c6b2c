import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
} from '@parapet/accounts';
import { generateSigningKey } from '@parapet/bundle';
import { AppError } from '@parapet/errors';
import { recordDistributionActivity } from '../shared/record-distribution-activity';
import { provisionSigningKeys } from './ensure-org-signing-keys';
import { readSigningKeys, type SigningKeysView } from './list-signing-keys';
import { sealSigningKey } from './signing-key-secret';
import { readLiveKeys, writeNextKeySet } from './write-next-key-set';

/**
 * Starts a key rotation: a new active key, the current one kept as `retiring`, and key set N+1
 * = {new, old} signed by both (the old signature chains it to N, the new one proves
 * possession). Bundles are signed by both from the next generation on, so devices still at set
 * N keep verifying them. One rotation at a time: retire the old key before rotating again.
 * Owners only.
 */
export async function rotateSigningKey({
  db,
  actor,
  ip,
  now = new Date(),
}: MemberContext): Promise<SigningKeysView> {
  assertRole(actor, 'owner');
  const { orgId } = actor;
  await provisionSigningKeys({ db, orgId, now });
  const fresh = await generateSigningKey();
  await inOrgTransaction({ db, orgId }, async (tx) => {
    await lockOrganization(tx, orgId);
    const { keys, keySetVersion } = await readLiveKeys(tx, { orgId });
    const retiring = keys.find((key) => key.state === 'retiring');
    if (retiring) {
      throw new AppError(
        'CONFLICT',
        `A rotation is under way: retire key ${retiring.kid} before rotating again.`,
      );
    }
    await tx.signingKey.create({
      data: {
        orgId,
        kid: fresh.kid,
        publicJwk: fresh.publicJwk,
        privateKeyEncrypted: sealSigningKey({ orgId, privateJwk: fresh.privateJwk }),
        state: 'active',
        createdAt: now,
      },
    });
    await tx.signingKey.updateMany({
      where: { id: { in: keys.map((key) => key.id) } },
      data: { state: 'retiring' },
    });
    const version = keySetVersion + 1;
    await writeNextKeySet(tx, {
      orgId,
      version,
      keys: [fresh.publicJwk, ...keys.map((key) => key.publicJwk)],
      signers: [...keys.map((key) => key.signer), { kid: fresh.kid, privateJwk: fresh.privateJwk }],
      now,
    });
    await recordDistributionActivity(tx, {
      actor,
      action: 'signing_key.rotated',
      target: fresh.kid,
      details: { kid: fresh.kid, retiring: keys.map((key) => key.kid), keySetVersion: version },
      ip,
    });
  });
  return readSigningKeys({ db, orgId });
}
