import {
  assertRole,
  inOrgTransaction,
  lockOrganization,
  type MemberContext,
  parseInput,
} from '@parapet/accounts';
import { AppError } from '@parapet/errors';
import { recordDistributionActivity } from '../shared/record-distribution-activity';
import { provisionSigningKeys } from './ensure-org-signing-keys';
import { readSigningKeys, type SigningKeysView } from './list-signing-keys';
import { type RetireSigningKeyInput, retireSigningKeySchema } from './retire-signing-key.schema';
import { readLiveKeys, writeNextKeySet } from './write-next-key-set';

/**
 * Ends a rotation: key set N+1 without `kid`, signed by the keys that remain (they belong to
 * set N too, so the chain holds), which become the active ones; bundles are signed without the
 * retired key from the next generation on. Its private part is erased: nothing should sign
 * with it again. Refuses retiring the last key that signs. Owners only.
 */
export async function retireSigningKey({
  db,
  actor,
  input,
  ip,
  now = new Date(),
}: MemberContext & { input: RetireSigningKeyInput }): Promise<SigningKeysView> {
  assertRole(actor, 'owner');
  const { kid } = parseInput(retireSigningKeySchema, input);
  const { orgId } = actor;
  await provisionSigningKeys({ db, orgId, now });
  await inOrgTransaction({ db, orgId }, async (tx) => {
    await lockOrganization(tx, orgId);
    const { keys, keySetVersion } = await readLiveKeys(tx, { orgId });
    const retired = keys.find((key) => key.kid === kid);
    if (!retired) {
      const known = await tx.signingKey.findFirst({ where: { kid }, select: { id: true } });
      if (known) throw new AppError('CONFLICT', `Key ${kid} is already retired.`);
      throw new AppError('NOT_FOUND', `This organization has no signing key ${kid}.`);
    }
    const remaining = keys.filter((key) => key.kid !== kid);
    if (remaining.length === 0) {
      throw new AppError(
        'CONFLICT',
        'This is the only key that signs: rotate to a new key first, then retire this one.',
      );
    }
    await tx.signingKey.update({
      where: { id: retired.id },
      data: { state: 'retired', retiredAt: now, privateKeyEncrypted: new Uint8Array(0) },
    });
    await tx.signingKey.updateMany({
      where: { id: { in: remaining.map((key) => key.id) } },
      data: { state: 'active' },
    });
    const version = keySetVersion + 1;
    await writeNextKeySet(tx, {
      orgId,
      version,
      keys: remaining.map((key) => key.publicJwk),
      signers: remaining.map((key) => key.signer),
      now,
    });
    await recordDistributionActivity(tx, {
      actor,
      action: 'signing_key.retired',
      target: kid,
      details: { kid, remaining: remaining.map((key) => key.kid), keySetVersion: version },
      ip,
    });
  });
  return readSigningKeys({ db, orgId });
}
